import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import type { Logger } from '../core/logger';
import { isAppUrl, isSafeExternalUrl } from './url-policy';

export type MainWindowOptions = {
  /** Absolute path of the built renderer, `dist/renderer/index.html`. */
  indexHtml: string;
  /** The `file:` URL of `indexHtml`: the only page this window may show. */
  appUrl: string;
  /** Absolute path of the CommonJS preload bundle. */
  preload: string;
  log: Logger;
};

/** Every renderer privilege off: what each of the app's windows is opened with. */
export const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // A file dropped on the window would otherwise navigate to it.
  navigateOnDragDrop: false,
} as const;

/**
 * Opens the app's window with every renderer privilege turned off: the page gets the contract API
 * through the preload and nothing else, cannot navigate away, open windows, embed webviews or
 * obtain permissions, and every response carries the app's Content Security Policy.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Fleetdesk',
    // Shown on ready-to-show so the operator never sees an empty white frame.
    show: false,
    webPreferences: { preload: options.preload, ...LOCKED_DOWN },
  });
  hardenSession(window.webContents.session);
  guardWebContents(window.webContents, (url) => isAppUrl(url, options.appUrl), options.log);
  window.once('ready-to-show', () => window.show());
  window
    .loadFile(options.indexHtml)
    .catch((error: unknown) => options.log.error({ err: error }, 'the UI failed to load'));
  return window;
}

/**
 * Session-wide rules: the CSP header on every response (the session only ever loads the app, so
 * applying it to all responses fails closed) and no permission of any kind (camera, notifications,
 * clipboard, HID...), asked or merely checked.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    // Appended, not replaced: a browser enforces every policy it receives, so ours can only tighten.
    const policies = [...(headers['Content-Security-Policy'] ?? []), CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': policies } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Per-page rules: navigation only to the window's own page (`isHome`), no new windows (https links
 * go to the OS browser instead), no webviews.
 */
export function guardWebContents(contents: WebContents, isHome: (url: string) => boolean, log: Logger): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isHome(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      shell
        .openExternal(url)
        .catch((error: unknown) => log.warn({ err: error, url }, 'could not open a link in the browser'));
    } else {
      log.warn({ url }, 'refused to open a window');
    }
    return { action: 'deny' };
  });
}
