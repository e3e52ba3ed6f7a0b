import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, resetFakeElectron, shell } from './support/fake-electron';
import { createMainWindow } from '../../electron/main/window';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';
import { createLogger } from '../../electron/core/logger';

vi.mock('electron', () => import('./support/fake-electron'));

const indexHtml = '/opt/Fleetdesk/resources/app.asar/dist/renderer/index.html';
const appUrl = pathToFileURL(indexHtml).href;
const preload = '/opt/Fleetdesk/resources/app.asar/dist-electron/preload/index.cjs';

function open() {
  createMainWindow({ indexHtml, appUrl, preload, log: createLogger('silent') });
  const window = BrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return { window, contents: window.webContents, session: window.webContents.session };
}

beforeEach(() => resetFakeElectron());

describe('createMainWindow', () => {
  it('turns every renderer privilege off and loads only our preload', () => {
    const prefs = open().window.options.webPreferences;
    expect(prefs).toMatchObject({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('loads the built renderer from disk and shows the window once it is ready', () => {
    const { window } = open();
    expect(window.loadedFile).toBe(indexHtml);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('adds the CSP header to responses and keeps their other headers', () => {
    const { session } = open();
    const callback = vi.fn();
    session.headersListener?.({ url: appUrl, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('adds the CSP alongside a policy the response already had, never instead of it', () => {
    const { session } = open();
    const callback = vi.fn();
    session.headersListener?.(
      { url: appUrl, responseHeaders: { 'Content-Security-Policy': ["default-src 'none'"] } },
      callback,
    );
    expect(callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([
      "default-src 'none'",
      CONTENT_SECURITY_POLICY,
    ]);
  });

  it('blocks navigation away from the app page and allows the app page itself', () => {
    const { contents } = open();
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-navigate', `${appUrl}.evil`)).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', appUrl)).toBe(false);
    expect(contents.emitPreventable('will-navigate', `${appUrl}#/settings`)).toBe(false);
  });

  it('denies window.open and sends only https links to the OS browser', () => {
    const { contents } = open();
    const openWindow = (url: string) => contents.windowOpenHandler?.({ url });
    expect(openWindow('https://eniris.be/docs')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://eniris.be/docs');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'http://eniris.be/',
      'ms-msdt:/id x',
      appUrl,
    ]) {
      expect(openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledOnce();
  });

  it('prevents webviews from being attached', () => {
    expect(open().contents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { session, contents } = open();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.(contents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.(contents, permission)).toBe(false);
    }
  });
});
