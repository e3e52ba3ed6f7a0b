import { defaultDataDir } from '../core/data-dir';

/**
 * Where `npm run demo` keeps its data: `--data-dir`, else FLEETDESK_DEMO_DATA_DIR, else the real
 * data folder (FLEETDESK_DATA_DIR or the platform default) with `-demo` appended, as the in-app
 * demo does, so the demo never writes into the operator's own data.
 */
export function demoDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env['FLEETDESK_DEMO_DATA_DIR'] ?? `${env['FLEETDESK_DATA_DIR'] ?? defaultDataDir()}-demo`;
}
