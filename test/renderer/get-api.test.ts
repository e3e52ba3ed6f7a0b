import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi } from './fake-api';
import { FakeSocket } from './fake-socket';

// getApi() keeps one runtime per page, so each case loads a fresh copy of the module.
const load = async () => {
  vi.resetModules();
  return import('../../renderer/src/api/get-api');
};

describe('getApi', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });
  afterEach(() => {
    delete window.fleetdesk;
    vi.unstubAllGlobals();
  });

  it('uses the API the Electron preload exposed', async () => {
    const fake = createFakeApi();
    window.fleetdesk = fake.api;
    const { getApi, getApiRuntime } = await load();
    expect(getApi()).toBe(fake.api);
    expect(getApiRuntime().connection.get().kind).toBe('open');
  });

  it('otherwise connects a WebSocket with the token from the URL, then hides the token', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    window.history.replaceState(null, '', '/?token=abc%2F1#/settings');
    const { getApiRuntime } = await load();
    const runtime = getApiRuntime();
    expect(FakeSocket.last.url).toBe(`ws://${window.location.host}/api?token=abc%2F1`);
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/settings');
    expect(window.sessionStorage.getItem('fleetdesk.token')).toBe('abc/1');
    expect(runtime.connection.get().kind).toBe('connecting');
  });

  it('without a token, answers every call with an explanation instead of connecting', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const { getApi } = await load();
    const result = await getApi().app.info();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('?token=') },
    });
    expect(FakeSocket.instances).toHaveLength(0);
  });
});
