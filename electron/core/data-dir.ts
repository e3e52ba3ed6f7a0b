import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Fleetdesk keeps its data when no directory is given: the same folder Electron uses as
 * `userData` for an app named Fleetdesk, so the desktop app and the headless host share data.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Fleetdesk');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Fleetdesk');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Fleetdesk');
}
