// Runs the built main bundle (dist-electron/main/index.cjs) under plain Node with a fake 'electron',
// because the real binary cannot run here: one start-up, four IPC calls (the last starts the demo
// fleet in a window of its own), one quit. Prints what the
// bundle did as one JSON line on stdout. Plain JS so it runs without a TypeScript loader.
// Usage: node run-main-bundle.mjs <bundle> <appDir> <appDataDir> (Electron's appData; userData is
// `fleetdesk` in it, after package.json's name, unless the app sets it).
import Module, { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const [bundle, appDir, appData] = process.argv.slice(2);
const paths = new Map([
  ['appData', appData],
  ['userData', join(appData, 'fleetdesk')],
]);
const record = { calls: [], handlers: [], windows: [], answers: {}, sent: [], errors: [] };

const preventable = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

const app = Object.assign(new EventEmitter(), {
  enableSandbox: () => record.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => (record.calls.push('requestSingleInstanceLock'), true),
  whenReady: () => Promise.resolve(),
  getPath: (name) => paths.get(name) ?? `/nonexistent/${name}`,
  setPath: (name, path) => paths.set(name, path),
  getAppPath: () => appDir,
  getVersion: () => '0.1.0-test',
  isPackaged: false,
  // Electron's order: before-quit, then will-quit (cancellable), then the process ends.
  quit() {
    record.calls.push('quit');
    app.emit('before-quit', preventable());
    const event = preventable();
    app.emit('will-quit', event);
    if (!event.defaultPrevented) record.calls.push('exited');
  },
  exit: (code) => {
    record.calls.push(`exit ${code}`);
    finish();
  },
});

class WebContents extends EventEmitter {
  url = '';
  session = {
    webRequest: { onHeadersReceived: () => {} },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
  };
  setWindowOpenHandler() {}
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
  send(channel) {
    record.sent.push(channel);
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    windows.push(this);
    record.windows.push({ webPreferences: options.webPreferences });
  }
  loadFile(path) {
    this.loadedFile = path;
    this.webContents.url = pathToFileURL(path).href;
    record.windows[windows.indexOf(this)].loadedFile = path;
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.url = url;
    record.windows[windows.indexOf(this)].loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  isDestroyed() {
    return false;
  }
}
const windows = [];
const handlers = new Map();

const fake = {
  app,
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => record.errors.push(`${title}: ${message}`) },
  ipcMain: {
    handle: (channel, fn) => handlers.set(channel, fn),
    removeHandler: (channel) => handlers.delete(channel),
    on: (channel) => record.calls.push(`ipcMain.on ${channel}`),
  },
  shell: { openExternal: async () => {} },
  safeStorage: {
    getSelectedStorageBackend: () => 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => true,
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};

function finish() {
  process.stdout.write(`${JSON.stringify(record)}\n`);
  process.exit(0);
}

async function until(what, condition) {
  for (let i = 0; i < 200; i += 1) {
    if (condition()) return;
    await sleep(25);
  }
  record.errors.push(`timed out waiting for ${what}`);
  finish();
}

createRequire(import.meta.url)(bundle);
await until('the window to load', () => windows[0]?.loadedFile !== undefined);
record.handlers = [...handlers.keys()];
const contents = windows[0].webContents;
const call = (method, request, url = contents.url) =>
  handlers.get(method)({ sender: contents, senderFrame: { url, parent: null } }, request);
record.answers.get = await call('settings.get');
record.answers.update = await call('settings.update', { operatorName: 'Ada' });
record.answers.foreign = await call('settings.get', undefined, 'https://evil.example/');
// The demo fleet: started beside this instance, shown in a second window, its page served.
record.answers.demo = await call('demo.start');
if (record.answers.demo?.ok) {
  const page = await globalThis.fetch(record.answers.demo.value.url);
  record.demoPage = { status: page.status, text: await page.text() };
}

record.activeBeforeQuit = process.getActiveResourcesInfo();

windows[0].emit('closed');
app.emit('window-all-closed');
await until('the quit to finish', () => record.calls.includes('exited'));
record.handlersAfterQuit = [...handlers.keys()];
// What still keeps the event loop alive: after a clean stop, no server socket or timer of the core.
record.activeAfterQuit = process.getActiveResourcesInfo();
finish();
