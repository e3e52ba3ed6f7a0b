import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildClient } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { createWsTransport, defaultBackoff, type WsTransport } from '../../renderer/src/api';
import { FakeSocket } from './fake-socket';

const INFO = {
  version: '1.0.0',
  host: 'headless',
  dataDir: '/d',
  listenerUrl: 'http://127.0.0.1:8787',
  demo: false,
};

describe('WebSocket transport', () => {
  let transport: WsTransport;
  const problems: unknown[] = [];
  const start = (silenceMs = 5_000) =>
    (transport = createWsTransport({
      url: 'ws://host/api?token=t',
      WebSocket: FakeSocket,
      hostSilenceMs: silenceMs,
      onProblem: (error) => problems.push(error),
      // A failed handshake here is a host that is down: the token check cannot reach it either
      // (a host refusing the token is covered in link-from-earlier-run.test.tsx).
      tokenCheck: () => Promise.resolve('unknown'),
    }));

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    problems.length = 0;
  });
  afterEach(() => {
    transport.close();
    vi.useRealTimers();
  });

  it('connects to the given URL and matches answers to calls by id', async () => {
    const api = buildClient(start());
    expect(FakeSocket.last.url).toBe('ws://host/api?token=t');
    FakeSocket.last.open();
    const info = api.app.info();
    const settings = api.settings.get();
    const [first, second] = FakeSocket.last.calls;
    expect(first).toEqual({ type: 'call', id: 1, method: 'app.info' });
    expect(second).toMatchObject({ type: 'call', id: 2, method: 'settings.get' });
    // Answers may come back in any order.
    FakeSocket.last.push({ type: 'result', id: 2, result: { ok: true, value: DEFAULT_SETTINGS } });
    FakeSocket.last.push({ type: 'result', id: 1, result: { ok: true, value: INFO } });
    expect(await info).toEqual({ ok: true, value: INFO });
    expect(await settings).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it('passes {ok:false} answers through unchanged', async () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    const result = api.settings.update({ stalePeriods: 5 });
    expect(FakeSocket.last.calls[0]).toMatchObject({
      method: 'settings.update',
      request: { stalePeriods: 5 },
    });
    const error = { code: 'invalid-request', message: 'nope' };
    FakeSocket.last.push({ type: 'result', id: 1, result: { ok: false, error } });
    expect(await result).toEqual({ ok: false, error });
  });

  it('holds calls made before the first open and sends them once connected', async () => {
    const api = buildClient(start());
    const info = api.app.info();
    expect(FakeSocket.last.sent).toEqual([]);
    FakeSocket.last.open();
    expect(FakeSocket.last.calls.map((c) => c.method)).toEqual(['app.info']);
    FakeSocket.last.push({ type: 'result', id: 1, result: { ok: true, value: INFO } });
    expect((await info).ok).toBe(true);
  });

  it('fails held calls with a hint when the first connection is refused', async () => {
    const api = buildClient(start());
    const info = api.app.info();
    FakeSocket.last.drop();
    expect(await info).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('Could not connect') },
    });
  });

  it('fails a call when the host answers neither it nor the probe that follows', async () => {
    const api = buildClient(start(2_000));
    FakeSocket.last.open();
    const info = api.app.info();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(await info).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('stopped answering (nothing for 4 s)') },
    });
    // A late answer for a call that timed out is ignored.
    FakeSocket.last.push({ type: 'result', id: 1, result: { ok: true, value: INFO } });
  });

  it('fails held calls when the first connection neither opens nor fails', async () => {
    const api = buildClient(start(2_000));
    const info = api.app.info();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await info).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Could not reach the Fleetdesk host within 2 s.' },
    });
    FakeSocket.last.open();
    expect(FakeSocket.last.sent).toEqual([]);
  });

  it('fails pending calls when the socket drops and fails new calls fast until reconnected', async () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    const inFlight = api.app.info();
    FakeSocket.last.drop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 1, session: 1 });
    expect(await api.settings.get()).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('Not connected') },
    });
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('reconnects with growing back-off and resets it after a successful open', async () => {
    start();
    FakeSocket.last.drop(); // first attempt refused
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 1, session: 0 });
    await vi.advanceTimersByTimeAsync(defaultBackoff(1) - 1);
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.last.drop();
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(defaultBackoff(2));
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.last.open();
    expect(transport.connection.get()).toEqual({ kind: 'open', session: 1 });
    FakeSocket.last.drop();
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 1, session: 1 });
    expect(defaultBackoff(1)).toBeLessThan(defaultBackoff(2));
    expect(defaultBackoff(50)).toBe(15_000);
  });

  it('delivers valid events to subscribers and drops invalid ones', () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    const seen: unknown[] = [];
    const off = api.on('settings.changed', (s) => seen.push(s.operatorName));
    FakeSocket.last.push({
      type: 'event',
      event: 'settings.changed',
      payload: { ...DEFAULT_SETTINGS, operatorName: 'Ada' },
    });
    FakeSocket.last.push({ type: 'event', event: 'settings.changed', payload: { operatorName: 42 } });
    FakeSocket.last.push('not json');
    off();
    FakeSocket.last.push({ type: 'event', event: 'settings.changed', payload: DEFAULT_SETTINGS });
    expect(seen).toEqual(['Ada']);
    expect(problems).toHaveLength(2);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    const seen: string[] = [];
    api.on('notices.changed', () => {
      throw new Error('listener bug');
    });
    api.on('notices.changed', () => seen.push('second'));
    FakeSocket.last.push({ type: 'event', event: 'notices.changed', payload: [] });
    expect(seen).toEqual(['second']);
    expect(problems).toEqual([new Error('listener bug')]);
  });

  it('turns an answer that does not match the contract into an internal error', async () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    const info = api.app.info();
    FakeSocket.last.push({ type: 'result', id: 1, result: { ok: true, value: { version: 3 } } });
    expect(await info).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('close() stops reconnecting and fails further calls', async () => {
    const api = buildClient(start());
    FakeSocket.last.open();
    transport.close();
    expect(transport.connection.get()).toMatchObject({ kind: 'closed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
