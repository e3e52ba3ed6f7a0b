import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';
import { bootMain, startMain, until } from './support/boot-main';

vi.mock('electron', () => import('./support/fake-main-electron'));
vi.mock('electron-store', () => import('./support/fake-electron-store'));
vi.stubEnv('FLEETDESK_LISTENER_HOST', '127.0.0.1');
vi.stubEnv('FLEETDESK_LISTENER_PORT', '0');

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** How the process ended: `exited` is a clean quit, `exit 1` a forced one. */
const endings = (calls: string[]) => calls.filter((c) => c === 'exited' || c.startsWith('exit '));

describe('quitting the desktop app', () => {
  it('while a controller is mid-call lets the core finish stopping (listener drained, data written) and exits cleanly', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    const { fake, call, quit } = await bootMain(config.path);
    const { listenerUrl, dataDir } = await call<{ listenerUrl: string; dataDir: string }>('app.info');
    const { secret } = await call<{ secret: string }>('tokens.create', {
      label: 'controllers',
      serial: null,
    });
    // A controller on a slow mobile link: its health call's body is still arriving.
    const { port } = new URL(listenerUrl);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(
      [
        'POST /v1/health HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Authorization: Bearer ${secret}`,
        'Content-Type: application/json',
        'Content-Length: 200',
        '',
        '{"serialNumber":"SG1-000777",',
      ].join('\r\n'),
    );
    await new Promise((r) => setTimeout(r, 300));

    const lock = join(dataDir, '.fleetdesk.lock');
    expect(existsSync(lock)).toBe(true);
    let lockAtExit: boolean | undefined;
    fake.record.onExit = () => (lockAtExit ??= existsSync(lock));
    const started = Date.now();
    await quit(40_000);
    const took = Date.now() - started;
    socket.destroy();
    // reliability-notes EX-6: quit with requests in flight: drained or closed within 10 s, stores
    // flushed, exit 0. The listener's own drain deadline is 10 s (listener-options.ts).
    expect({ endings: endings(fake.record.calls), lockAtExit }, `quit took ${took} ms`).toEqual({
      endings: ['exited'],
      lockAtExit: false,
    });
    // Whatever happened, let the core finish before the temp dir goes.
    await until('the core to let go of the data folder', () => !existsSync(lock), 20_000);
  }, 90_000);

  it('while the data is still opening waits for it, stops cleanly and opens no window', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    const fake = await startMain(config.path);
    // The core has taken its data folder and is opening it (a long journal replay, in real life).
    const lock = join(fake.app.getPath('userData'), '.fleetdesk.lock');
    expect(existsSync(lock)).toBe(true);
    expect(fake.BrowserWindow.all).toEqual([]);
    let lockAtExit: boolean | undefined;
    fake.record.onExit = () => (lockAtExit ??= existsSync(lock));
    fake.app.quit();
    await until('the quit to end', () => endings(fake.record.calls).length > 0, 30_000);
    expect({ endings: endings(fake.record.calls), lockAtExit }).toEqual({
      endings: ['exited'],
      lockAtExit: false,
    });
    expect(fake.BrowserWindow.all).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  }, 60_000);
});
