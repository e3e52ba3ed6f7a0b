import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { bootMain } from './support/boot-main';

vi.mock('electron', () => import('./support/fake-main-electron'));
vi.mock('electron-store', () => import('./support/fake-electron-store'));
vi.stubEnv('FLEETDESK_LISTENER_HOST', '127.0.0.1');
vi.stubEnv('FLEETDESK_LISTENER_PORT', '0');

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('launching Fleetdesk again while it runs', () => {
  it('brings the main window back when the operator had closed it and the demo window kept the app running', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    const { fake, main, call, quit } = await bootMain(config.path);
    try {
      // "Try the demo fleet": the demo opens in a window of its own.
      const demo = await call<{ url: string; openedInWindow: boolean }>('demo.start');
      expect(demo.openedInWindow).toBe(true);
      expect(fake.BrowserWindow.all).toHaveLength(2);
      // The operator closes the main window. The demo window is still open, so on Linux and
      // Windows Electron emits no window-all-closed and the app keeps running.
      main.closeByOperator();
      // Later they start Fleetdesk again (menu, dock, shortcut): the second instance quits at
      // once and this one gets `second-instance`.
      fake.app.emit('second-instance', {}, ['fleetdesk'], config.path, {});
      const appWindows = fake.BrowserWindow.all.filter((w) => !w.destroyed && w.loadedFile !== undefined);
      expect(appWindows, 'a window showing Fleetdesk after the second launch').toHaveLength(1);
      // And it answers as the first one did: IPC still targets the window that is open.
      expect(await call<{ host: string }>('app.info')).toMatchObject({ host: 'electron' });
    } finally {
      await quit();
    }
  }, 60_000);

  it('brings a minimised main window forward rather than opening a second one', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);
    const { fake, main, quit } = await bootMain(config.path);
    try {
      main.minimized = true;
      fake.app.emit('second-instance', {}, ['fleetdesk'], config.path, {});
      expect(fake.BrowserWindow.all).toEqual([main]);
      expect({ minimized: main.minimized, focused: main.focused }).toEqual({ minimized: false, focused: 1 });
    } finally {
      await quit();
    }
  }, 60_000);
});
