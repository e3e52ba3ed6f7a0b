import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { FakeWebContents, ipcMain, resetFakeElectron } from './support/fake-electron';
import { registerIpc } from '../../electron/main/ipc';
import { createLogger } from '../../electron/core/logger';
import type { Core } from '../../electron/core/create-core';
import { eventNames, methodNames } from '../../shared/contract';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

vi.mock('electron', () => import('./support/fake-electron'));

const appUrl = pathToFileURL('/opt/Fleetdesk/dist/renderer/index.html').href;

let dir: ReturnType<typeof tempDir>;
let core: Core;
let window: FakeWebContents;
let dispose: () => void;

beforeEach(async () => {
  resetFakeElectron();
  dir = tempDir();
  core = makeCore(dir.path);
  await core.start();
  window = new FakeWebContents();
  window.url = appUrl;
  dispose = registerIpc({
    core,
    appUrl,
    target: () => window as unknown as WebContents,
    log: createLogger('silent'),
  });
});

afterEach(async () => {
  dispose();
  await core.stop();
  dir.remove();
});

/** Calls a registered handler the way Electron would, from a frame at `url` in `sender`. */
function invoke(
  method: string,
  request: unknown,
  frame: { url: string; parent?: unknown } | null = { url: appUrl },
  sender = window,
) {
  const handler = ipcMain.handlers.get(method);
  if (!handler) throw new Error(`no handler for ${method}`);
  const senderFrame = frame && { parent: null, ...frame };
  return handler({ sender, senderFrame }, request);
}

describe('registerIpc', () => {
  it('registers one handler per contract method and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers a call from the app page with the core result', async () => {
    const answer = await invoke('settings.get', undefined);
    expect(answer).toMatchObject({ ok: true, value: { theme: 'auto', schemaVersion: 1 } });
    expect(await invoke('settings.update', { theme: 'dark' })).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
    expect(await invoke('app.info', undefined)).toMatchObject({ ok: true, value: { dataDir: dir.path } });
  });

  it('answers invalid-request for a request the contract rejects', async () => {
    expect(await invoke('settings.update', { theme: 'purple' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/' }],
    ['another local file', { url: 'file:///etc/passwd' }],
    ['a subframe of the app page', { url: appUrl, parent: {} }],
    ['no frame at all', null],
  ])('refuses %s with forbidden and never reaches the core', async (_what, frame) => {
    const call = vi.spyOn(core, 'call');
    expect(await invoke('settings.update', { theme: 'dark' }, frame)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(call).not.toHaveBeenCalled();
    expect(await core.call('settings.get', undefined)).toMatchObject({ ok: true, value: { theme: 'auto' } });
  });

  it('refuses the app page when it is shown in some other web contents', async () => {
    const call = vi.spyOn(core, 'call');
    expect(await invoke('settings.get', undefined, { url: appUrl }, new FakeWebContents())).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(call).not.toHaveBeenCalled();
  });

  it('pushes a core event caused by a call to the app window, on the channel named after it', async () => {
    await invoke('settings.update', { operatorName: 'Ada' });
    expect(window.sent).toEqual([['settings.changed', expect.objectContaining({ operatorName: 'Ada' })]]);
  });

  it('forwards every contract event, and only those', () => {
    // The payloads are markers, not valid data: forwarding does not look inside them.
    for (const name of eventNames) core.events.emit(name, { marker: name } as never);
    expect(window.sent).toEqual(eventNames.map((name) => [name, { marker: name }]));
  });

  it('sends no event to a window that shows anything but the app page, or is gone', async () => {
    window.url = 'https://evil.example/';
    await core.call('settings.update', { operatorName: 'Ada' });
    window.url = appUrl;
    window.destroyed = true;
    await core.call('settings.update', { operatorName: 'Bob' });
    expect(window.sent).toEqual([]);
  });

  it('removes its handlers and subscriptions when disposed', async () => {
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    await core.call('settings.update', { operatorName: 'Ada' });
    expect(window.sent).toEqual([]);
    dispose = () => undefined;
  });
});
