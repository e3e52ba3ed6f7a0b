import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakeElectron, shell } from './support/fake-electron';
import { createDemoWindow, DEMO_PARTITION } from '../../electron/main/demo-window';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';
import { createLogger } from '../../electron/core/logger';

vi.mock('electron', () => import('./support/fake-electron'));

const demoUrl = 'http://127.0.0.1:41234/?token=demo-token';

function open() {
  createDemoWindow(demoUrl, createLogger('silent'));
  const window = BrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return { window, contents: window.webContents, session: window.webContents.session };
}

beforeEach(() => resetFakeElectron());

describe('the demo fleet window', () => {
  it('shows the demo host page with every privilege off, no preload, in a session of its own', () => {
    const { window } = open();
    expect(window.loadedUrl).toBe(demoUrl);
    const prefs = window.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      partition: DEMO_PARTITION,
    });
    expect(prefs).not.toHaveProperty('preload');
    // In memory: nothing of the demo page is kept on disk.
    expect(DEMO_PARTITION.startsWith('persist:')).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('stays on the demo host: other ports, hosts and schemes are refused', () => {
    const { contents } = open();
    expect(contents.emitPreventable('will-navigate', 'http://127.0.0.1:41234/#/control')).toBe(false);
    expect(contents.emitPreventable('will-navigate', 'http://127.0.0.1:41235/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('opens no window of its own; https links go to the OS browser', () => {
    const { contents } = open();
    expect(contents.windowOpenHandler?.({ url: 'http://127.0.0.1:41234/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://eniris.be/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://eniris.be/');
  });

  it('adds the CSP header and denies every permission', () => {
    const { session, contents } = open();
    const callback = vi.fn();
    session.headersListener?.({ url: demoUrl, responseHeaders: {} }, callback);
    expect(callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([
      CONTENT_SECURITY_POLICY,
    ]);
    const granted = vi.fn();
    session.permissionRequestHandler?.(contents, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});
