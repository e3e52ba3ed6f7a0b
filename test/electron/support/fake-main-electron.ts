import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A stand-in for `electron` good enough to run electron/main/index.ts (the composition root) under
 * Vitest: an `app` that names its userData folder the way Electron does (appData + app name, the
 * name being app.setName's, else package.json's productName, else its name), windows, IPC handlers,
 * notifications and safeStorage. `config` is set by the test before index.ts is imported.
 */
export const config = { appPath: '', appData: '' };
export const record = {
  calls: [] as string[],
  exitCode: undefined as number | undefined,
  errors: [] as string[],
  /** What `dialog.showMessageBox` told the operator. */
  messages: [] as string[],
  onExit: undefined as (() => void) | undefined,
};

const preventable = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

class FakeApp extends EventEmitter {
  private name: string | undefined;
  private paths = new Map<string, string>();
  forget() {
    this.name = undefined;
    this.paths.clear();
  }
  enableSandbox() {
    record.calls.push('enableSandbox');
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getName(): string {
    if (this.name !== undefined) return this.name;
    const pkg = JSON.parse(readFileSync(join(config.appPath, 'package.json'), 'utf8')) as {
      name: string;
      productName?: string;
    };
    return pkg.productName ?? pkg.name;
  }
  setName(name: string) {
    this.name = name;
  }
  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set !== undefined) return set;
    if (name === 'appData') return config.appData;
    if (name === 'userData') return join(this.getPath('appData'), this.getName());
    return join(config.appData, `unknown-${name}`);
  }
  setPath(name: string, path: string) {
    this.paths.set(name, path);
  }
  getAppPath() {
    return config.appPath;
  }
  getVersion() {
    return '0.1.0-test';
  }
  /** Electron's order: before-quit, then will-quit (cancellable), then the process ends. */
  quit() {
    record.calls.push('quit');
    this.emit('before-quit', preventable());
    const event = preventable();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) {
      record.calls.push('exited');
      record.onExit?.();
    }
  }
  exit(code: number) {
    record.calls.push(`exit ${code}`);
    record.exitCode = code;
    record.onExit?.();
  }
}
export const app = new FakeApp();

export const dialog = {
  showErrorBox: (title: string, message: string) => record.errors.push(`${title}: ${message}`),
  showMessageBox: (options: { message: string }) => {
    record.messages.push(options.message);
    return Promise.resolve({ response: 0 });
  },
};

export class WebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];
  readonly session = {
    webRequest: { onHeadersReceived: () => undefined },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
  };
  setWindowOpenHandler() {}
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new WebContents();
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  minimized = false;
  focused = 0;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  loadFile(path: string) {
    this.loadedFile = path;
    this.webContents.url = pathToFileURL(path).href;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {
    this.focused += 1;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What Electron does when the operator closes the window. */
  closeByOperator() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, fn: Handler) {
    ipcMain.handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel);
  },
  on() {},
};

export const shell = { openExternal: async () => undefined, openPath: async () => '' };

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0xa5));
export const safeStorage = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (plain: string) => flip(Buffer.from(`sealed:${plain}`, 'utf8')),
  decryptStringAsync: async (sealed: Buffer) => ({
    result: flip(sealed).toString('utf8').slice('sealed:'.length),
    shouldReEncrypt: false,
  }),
};

const fake = { app, dialog, BrowserWindow, ipcMain, shell, Notification, safeStorage };
export default fake;

/** A fresh start: no windows, handlers, listeners or records of an earlier run. */
export function resetFake(): void {
  BrowserWindow.all.length = 0;
  Notification.shown.length = 0;
  ipcMain.handlers.clear();
  app.removeAllListeners();
  app.forget();
  record.calls.length = 0;
  record.errors.length = 0;
  record.messages.length = 0;
  record.exitCode = undefined;
  record.onExit = undefined;
}
