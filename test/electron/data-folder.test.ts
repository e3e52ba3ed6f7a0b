import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from '../../electron/core/store/data-dir-lock';
import { describeDataFolder, settleDataFolder } from '../../electron/main/data-folder';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

const appDataDir = tempDirsPerTest('fleetdesk-appdata-');

/** A data folder as a Fleetdesk that ran in it leaves it: settings, and a fleet if `fleet`. */
function folder(path: string, fleet: boolean): string {
  mkdirSync(join(path, 'journal'), { recursive: true });
  writeFileSync(join(path, 'settings.json'), JSON.stringify({ schemaVersion: 1, operatorName: 'Ada' }));
  if (fleet) {
    writeFileSync(join(path, 'inventory.json'), '{"installations":["SG1-000777"]}');
    writeFileSync(join(path, 'journal', '000001.jsonl'), '{"seq":1}\n');
  }
  return path;
}

describe('the desktop data folder (Linux: ~/.config/Fleetdesk, the one npm run serve uses)', () => {
  it('is Fleetdesk in appData on a fresh install', () => {
    const appData = appDataDir();
    expect(settleDataFolder(appData)).toEqual({ state: 'ready', dir: join(appData, 'Fleetdesk') });
  });

  it('takes over the fleet an earlier version kept in the lower-case folder, so an upgrade shows the same fleet', () => {
    const appData = appDataDir();
    folder(join(appData, 'fleetdesk'), true);
    const settled = settleDataFolder(appData);
    expect(settled).toEqual({
      state: 'moved',
      dir: join(appData, 'Fleetdesk'),
      from: join(appData, 'fleetdesk'),
      setAside: undefined,
    });
    expect(readFileSync(join(appData, 'Fleetdesk', 'inventory.json'), 'utf8')).toContain('SG1-000777');
    expect(readdirSync(join(appData, 'Fleetdesk', 'journal'))).toEqual(['000001.jsonl']);
    expect(existsSync(join(appData, 'fleetdesk'))).toBe(false);
    // No lock of the move is left behind for the core to trip over.
    expect(existsSync(join(appData, 'Fleetdesk', '.fleetdesk.lock'))).toBe(false);
    expect(describeDataFolder(settled).warn).toBeUndefined();
  });

  it('sets a Fleetdesk folder without a fleet aside (a first npm run serve), never deleting it', () => {
    const appData = appDataDir();
    folder(join(appData, 'fleetdesk'), true);
    folder(join(appData, 'Fleetdesk'), false);
    const settled = settleDataFolder(appData);
    expect(settled).toMatchObject({ state: 'moved', dir: join(appData, 'Fleetdesk') });
    const setAside = settled.state === 'moved' ? settled.setAside : undefined;
    expect(setAside).toMatch(/Fleetdesk-set-aside-\d{4}-/);
    expect(readdirSync(setAside!).sort()).toEqual(['journal', 'settings.json']);
    expect(existsSync(join(appData, 'Fleetdesk', 'inventory.json'))).toBe(true);
    expect(describeDataFolder(settled).log).toContain(setAside);
  });

  it('leaves the earlier folder untouched when both hold a fleet, and tells the operator where each is', () => {
    const appData = appDataDir();
    folder(join(appData, 'fleetdesk'), true);
    folder(join(appData, 'Fleetdesk'), true);
    const settled = settleDataFolder(appData);
    expect(settled).toEqual({
      state: 'earlier-left-alone',
      dir: join(appData, 'Fleetdesk'),
      earlier: join(appData, 'fleetdesk'),
    });
    expect(existsSync(join(appData, 'fleetdesk', 'inventory.json'))).toBe(true);
    const { warn } = describeDataFolder(settled);
    expect(warn).toContain(join(appData, 'fleetdesk'));
    expect(warn).toContain(join(appData, 'Fleetdesk'));
  });

  it('ignores an earlier folder that holds no fleet (Chromium files, default settings)', () => {
    const appData = appDataDir();
    folder(join(appData, 'fleetdesk'), false);
    expect(settleDataFolder(appData)).toEqual({ state: 'ready', dir: join(appData, 'Fleetdesk') });
    expect(existsSync(join(appData, 'fleetdesk', 'settings.json'))).toBe(true);
  });

  it('refuses to move the folder from under a Fleetdesk that is still running in it, naming it', () => {
    const appData = appDataDir();
    const earlier = folder(join(appData, 'fleetdesk'), true);
    // This test's own process stands for the earlier version, still running (and holding it).
    const release = lockDataDir(earlier);
    expect(() => settleDataFolder(appData)).toThrow(
      `another Fleetdesk (process ${process.pid}) is using ${earlier}. Close it, then start Fleetdesk again.`,
    );
    release();
    expect(existsSync(join(earlier, 'inventory.json'))).toBe(true);
    expect(existsSync(join(appData, 'Fleetdesk'))).toBe(false);
  });
});
