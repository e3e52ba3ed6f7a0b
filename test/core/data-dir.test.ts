import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/core/data-dir';

describe('the default data folder (npm run serve; the desktop app uses the same)', () => {
  it('is Fleetdesk in the per-user application-data folder of each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/an')).toBe('/home/an/.config/Fleetdesk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/an')).toBe('/cfg/Fleetdesk');
    expect(defaultDataDir('darwin', {}, '/Users/an')).toBe('/Users/an/Library/Application Support/Fleetdesk');
  });

  it('treats an empty XDG_CONFIG_HOME as unset, as Electron does, rather than a folder relative to where it started', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/an')).toBe('/home/an/.config/Fleetdesk');
  });
});
