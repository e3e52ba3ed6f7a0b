import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

/**
 * A hand-written stand-in for the parts of the `electron` module Fleetdesk uses, installed with
 * `vi.mock('electron', () => import('./support/fake-electron'))`. Each fake records what the code
 * under test asked of it, so tests assert on options, handlers and calls; `resetFakeElectron()`
 * clears the records between tests.
 */

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  headersListener: HeadersListener | undefined;
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  url = '';
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  /** Emits a cancellable event the way Electron does and says whether a listener prevented it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | undefined;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadedUrl: string | undefined;
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    this.webContents.url = pathToFileURL(path).href;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => ipcMain.handlers.delete(channel)),
};

/** An emitter, so `on` and `removeListener` really add and remove; `invoke` is a spy. */
class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, _request?: unknown): Promise<unknown> => ({
    ok: true,
    value: null,
  }));
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => contextBridge.exposed.set(key, api)),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

/** Notifications made and shown; `supported` is what `isSupported()` answers. */
export class Notification extends EventEmitter {
  static supported = true;
  static readonly instances: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly show = vi.fn();
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
}

/** Reversible but not plaintext: a byte flip, enough to show that what is stored is not the secret. */
const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0xa5));
export const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  reEncrypt: false,
  isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptStringAsync: vi.fn(async (plain: string) => flip(Buffer.from(`sealed:${plain}`, 'utf8'))),
  decryptStringAsync: vi.fn(async (sealed: Buffer) => {
    const text = flip(sealed).toString('utf8');
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: text.slice('sealed:'.length), shouldReEncrypt: safeStorage.reEncrypt };
  }),
};

/** Clears every record and restores the defaults. */
export function resetFakeElectron(): void {
  BrowserWindow.instances.length = 0;
  Notification.instances.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.available = true;
  safeStorage.reEncrypt = false;
  vi.clearAllMocks();
}
