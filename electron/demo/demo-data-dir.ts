import { defaultDataDir } from '../core/data-dir';

/**
 * Where `npm run demo` keeps its data: `--data-dir`, else FLEETDESK_DEMO_DATA_DIR, else the real
 * data folder (FLEETDESK_DATA_DIR or the platform default) with `-demo` appended, as the in-app
 * demo does, so the demo never writes into the operator's own data. An empty variable counts as
 * unset, as `npm run serve` and the desktop app read them.
 */
export function demoDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const demoDir = env['FLEETDESK_DEMO_DATA_DIR'] || undefined;
  const dataDir = env['FLEETDESK_DATA_DIR'] || undefined;
  return flag ?? demoDir ?? `${dataDir ?? defaultDataDir()}-demo`;
}
