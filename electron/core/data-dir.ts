import { homedir } from 'node:os';
import { join } from 'node:path';

/** The name of Fleetdesk's data folder inside the OS's per-user application-data folder. */
export const DATA_FOLDER_NAME = 'Fleetdesk';

/**
 * Where Fleetdesk keeps its data when no directory is given: `Fleetdesk` in the per-user
 * application-data folder (the one Electron calls `appData`). The desktop app sets its `userData`
 * to this same folder, so the desktop app and the headless host share data.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  return join(appDataDir(platform, env, home), DATA_FOLDER_NAME);
}

/**
 * Electron's `appData` on each platform, for the headless host, which has no Electron to ask. An
 * empty variable counts as unset, as it does for Electron (Chromium's XDG lookup).
 */
function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env['APPDATA'] || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || join(home, '.config');
}
