import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../../electron/core/data-dir';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { bootMain } from './support/boot-main';

vi.mock('electron', () => import('./support/fake-main-electron'));
vi.mock('electron-store', () => import('./support/fake-electron-store'));
vi.stubEnv('FLEETDESK_LISTENER_HOST', '127.0.0.1');
vi.stubEnv('FLEETDESK_LISTENER_PORT', '0');

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('where the desktop app keeps its data (Linux)', () => {
  it('is the folder README promises and `npm run serve` uses: ~/.config/Fleetdesk', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    const { call, quit } = await bootMain(config.path);
    try {
      const info = await call<{ dataDir: string }>('app.info');
      const headless = defaultDataDir('linux', { XDG_CONFIG_HOME: config.path }, '/home/nobody');
      expect(headless).toBe(join(config.path, 'Fleetdesk'));
      expect(info.dataDir).toBe(headless);
    } finally {
      await quit();
    }
  });

  it('still shows the fleet an earlier version kept in ~/.config/fleetdesk after an upgrade', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    // The earlier desktop app's data: Electron's default userData, named after package.json's name.
    const earlier = makeCore(join(config.path, 'fleetdesk'));
    await earlier.start();
    const { secret } = await callCore<{ secret: string }>(earlier, 'tokens.create', {
      label: 'controllers',
      serial: null,
    });
    const res = await fetch(`${earlier.info().listenerUrl}/v1/onboarding`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serialNumber: 'SG1-000777', address: 'Kerkstraat 1, 9000 Gent, BE' }),
    });
    expect(res.status).toBe(202);
    await earlier.stop();

    const { call, quit, fake } = await bootMain(config.path);
    try {
      const info = await call<{ dataDir: string }>('app.info');
      expect(info.dataDir).toBe(join(config.path, 'Fleetdesk'));
      const { rows } = await call<{ rows: Array<{ serial: string }> }>('fleet.list');
      expect(rows.map((r) => r.serial)).toEqual(['SG1-000777']);
      expect(existsSync(join(config.path, 'fleetdesk'))).toBe(false);
      // Nothing lost, nothing to act on: no dialog.
      expect(fake.record.messages).toEqual([]);
    } finally {
      await quit();
    }
  });

  it('tells the operator, naming both folders, when the earlier folder and ~/.config/Fleetdesk both hold data', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    // A fleet npm run serve kept in Fleetdesk, and the earlier desktop app's in fleetdesk.
    const serve = makeCore(join(config.path, 'Fleetdesk'));
    await serve.start();
    await callCore(serve, 'tokens.create', { label: 'controllers', serial: null });
    await serve.stop();
    mkdirSync(join(config.path, 'fleetdesk'));
    writeFileSync(join(config.path, 'fleetdesk', 'inventory.json'), '{}');

    const { call, quit, fake } = await bootMain(config.path);
    try {
      expect(await call<{ dataDir: string }>('app.info')).toMatchObject({
        dataDir: join(config.path, 'Fleetdesk'),
      });
      expect(fake.record.messages).toHaveLength(1);
      expect(fake.record.messages[0]).toContain(`kept its data in ${join(config.path, 'fleetdesk')}`);
      expect(existsSync(join(config.path, 'fleetdesk', 'inventory.json'))).toBe(true);
    } finally {
      await quit();
    }
  });
});
