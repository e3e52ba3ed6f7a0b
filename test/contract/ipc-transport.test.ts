import { vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { ApiClient } from '../../shared/contract';
import type * as FakeElectron from '../electron/support/fake-electron';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { contractSuite } from './contract-suite';

vi.mock('electron', () => import('../electron/support/fake-electron'));

/** Electron copies IPC payloads (structured clone); a JSON round trip is close enough for data. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

// The real preload and the real IPC registration, joined by a fake ipcMain/ipcRenderer pair that
// delivers invokes to the handlers as the app's own page would send them, and events back.
contractSuite('IPC (Electron)', async () => {
  const fake = (await import('electron')) as unknown as typeof FakeElectron;
  fake.resetFakeElectron();
  const data = tempDir();
  const core = makeCore(data.path);
  await core.start();
  const appUrl = pathToFileURL('/app/dist/renderer/index.html').href;
  const window = new fake.BrowserWindow({});
  window.webContents.url = appUrl;
  window.webContents.send = (channel: string, payload: unknown) =>
    void fake.ipcRenderer.emit(channel, {}, copy(payload));
  fake.ipcRenderer.invoke.mockImplementation(async (channel: string, request?: unknown) => {
    const handler = fake.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { sender: window.webContents, senderFrame: { url: appUrl, parent: null } };
    return copy(await handler(event, copy(request)));
  });
  const { registerIpc } = await import('../../electron/main/ipc');
  const { createLogger } = await import('../../electron/core/logger');
  const dispose = registerIpc({
    core,
    appUrl,
    target: () => window.webContents as never,
    log: createLogger('silent'),
  });
  await import('../../electron/preload/index');
  const api = fake.contextBridge.exposed.get('fleetdesk') as ApiClient;
  return {
    api,
    dataDir: data.path,
    async teardown() {
      dispose();
      await core.stop();
      data.remove();
    },
  };
});
