import Conf from 'conf';

/**
 * electron-store is Conf plus Electron's defaults (cwd = userData, projectVersion = app version);
 * the real one imports `electron`, which cannot load here. Store.ts always passes `cwd`.
 */
export default class ElectronStore<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: { name?: string; cwd: string } & Record<string, unknown>) {
    const { name = 'config', ...rest } = options;
    super({ ...rest, configName: name, projectVersion: '0.1.0-test' } as never);
  }
}
