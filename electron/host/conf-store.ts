import Conf from 'conf';
import type { OpenStore } from '../core/store/store-port';

/**
 * The headless host's Store adapter: `conf`, the library electron-store is built on, so both hosts
 * read and write the same files. `clearInvalidConfig: false` makes a corrupt file throw instead of
 * being silently replaced by `{}`.
 */
export function confStoreOpener(dataDir: string): OpenStore {
  return (name) => {
    const conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: name,
      clearInvalidConfig: false,
      projectName: 'fleetdesk',
    });
    return {
      path: conf.path,
      read: () => conf.store,
      write: (doc) => {
        conf.store = doc;
      },
    };
  };
}
