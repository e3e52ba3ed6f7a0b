import { BrowserWindow } from 'electron';
import type { Logger } from '../core/logger';
import { isDemoPage } from './url-policy';
import { guardWebContents, hardenSession, LOCKED_DOWN } from './window';

/**
 * The demo fleet's session: in memory (no `persist:` prefix), so nothing of the demo page is kept
 * on disk, and apart from the app's own, so the two never share storage.
 */
export const DEMO_PARTITION = 'fleetdesk-demo';

/**
 * Opens the demo fleet in a window of its own. The page is the demo host's, served over loopback
 * HTTP and talking to it over its token-guarded WebSocket, exactly as in a browser: no preload, so
 * it reaches nothing of this app; every privilege off, the CSP header added, no permissions, and
 * navigation held to the demo host's own pages.
 */
export function createDemoWindow(url: string, log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Fleetdesk: demo fleet',
    show: false,
    webPreferences: { ...LOCKED_DOWN, partition: DEMO_PARTITION },
  });
  hardenSession(window.webContents.session);
  guardWebContents(window.webContents, (candidate) => isDemoPage(candidate, url), log);
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => log.error({ err: error }, 'the demo fleet failed to load'));
  return window;
}
