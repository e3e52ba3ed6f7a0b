import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/contract';
import { methodNames } from '../../shared/contract';
import type * as FakeElectron from './support/fake-electron';

vi.mock('electron', () => import('./support/fake-electron'));

/**
 * Runs the preload afresh, as a new page load would, and returns what it exposed together with the
 * fake electron it ran against (asked from the mock itself, since a module reset re-creates modules).
 */
async function loadPreload() {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as typeof FakeElectron;
  fake.resetFakeElectron();
  await import('../../electron/preload/index');
  return { ...fake, api: fake.contextBridge.exposed.get('fleetdesk') as ApiClient };
}

describe('the preload', () => {
  it('exposes exactly one key, fleetdesk, and no ipcRenderer or generic invoke', async () => {
    const { api, contextBridge, ipcRenderer } = await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['fleetdesk']);
    const exposed = Object.entries(api);
    expect(exposed.some(([, value]) => (value as unknown) === ipcRenderer)).toBe(false);
    expect(Object.keys(api).sort()).toEqual(
      [...new Set(methodNames.map((m) => m.split('.')[0])), 'on'].sort(),
    );
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('maps each verb to an invoke on the channel named after its method', async () => {
    const { api, ipcRenderer } = await loadPreload();
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { theme: 'dark' } });
    expect(await api.settings.update({ theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('settings.update', { theme: 'dark' });
    await api.settings.get();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('settings.get', undefined);
    await api.notices.dismiss({ id: 'n1' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('notices.dismiss', { id: 'n1' });
    await api.app.info();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app.info', undefined);
  });

  it('turns a failed invoke into an error envelope instead of a rejection', async () => {
    const { api, ipcRenderer } = await loadPreload();
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'settings.get'"));
    expect(await api.settings.get()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers events without the IPC event object, and on() returns a working unsubscribe', async () => {
    const { api, ipcRenderer } = await loadPreload();
    const listener = vi.fn();
    const off = api.on('notices.changed', listener);
    expect(ipcRenderer.listenerCount('notices.changed')).toBe(1);
    ipcRenderer.emit('notices.changed', { sender: ipcRenderer }, []);
    expect(listener).toHaveBeenCalledWith([]);
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(ipcRenderer.listenerCount('notices.changed')).toBe(0);
    ipcRenderer.emit('notices.changed', {}, []);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('refuses to listen on a channel that is not a contract event', async () => {
    const { api, ipcRenderer } = await loadPreload();
    const on = api.on as (event: string, listener: () => void) => () => void;
    expect(() => on('electron-store-get-data', () => undefined)).toThrow(/Unknown event/);
    expect(ipcRenderer.listenerCount('electron-store-get-data')).toBe(0);
  });
});
