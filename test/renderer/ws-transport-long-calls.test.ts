import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildClient } from '../../shared/contract';
import { createWsTransport, type WsTransport } from '../../renderer/src/api';
import { FakeSocket } from './fake-socket';

const RESTORED = { ok: true, value: { movedTo: '/data/inventory.replaced-1' } };
const INFO = {
  version: '1.0.0',
  host: 'headless',
  dataDir: '/d',
  listenerUrl: 'http://127.0.0.1:8787',
  demo: false,
};

/** Answers every app.info probe the transport sends, as a host that is alive does. */
function answerProbes(socket: FakeSocket, from = 0): number {
  const probes = socket.calls.slice(from).filter((call) => call.method === 'app.info');
  for (const probe of probes)
    socket.push({ type: 'result', id: probe.id, result: { ok: true, value: INFO } });
  return socket.calls.length;
}

describe('browser transport: calls the host works on for long (README: a 1.2 M-entry restore takes 22 s)', () => {
  let transport: WsTransport;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    // The transport as getApi() builds it in the browser: the default host silence of 15 s.
    transport = createWsTransport({ url: 'ws://host/api?token=t', WebSocket: FakeSocket });
    FakeSocket.last.open();
  });
  afterEach(() => {
    transport.close();
    vi.useRealTimers();
  });

  it('reports the outcome of a restore that the host finishes after 22 s, with progress all along', async () => {
    const restore = buildClient(transport).data.restore({
      path: '/data/backups/fleetdesk-backup-1.jsonl.gz',
    });
    for (let s = 1; s <= 22; s += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      FakeSocket.last.push({
        type: 'event',
        event: 'data.progress',
        payload: { task: 'restore', done: s * 50_000, total: 1_200_000 },
      });
    }
    FakeSocket.last.push({ type: 'result', id: 1, result: RESTORED });
    expect(await restore).toEqual(RESTORED);
  });

  it('waits through a silent minute of a restore while the host answers its probes', async () => {
    const restore = buildClient(transport).data.restore({
      path: '/data/backups/fleetdesk-backup-1.jsonl.gz',
    });
    let seen = 0;
    for (let s = 1; s <= 60; s += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      seen = answerProbes(FakeSocket.last, seen);
    }
    FakeSocket.last.push({ type: 'result', id: 1, result: RESTORED });
    expect(await restore).toEqual(RESTORED);
    expect(FakeSocket.last.calls.filter((call) => call.method === 'app.info').length).toBeGreaterThan(0);
  });

  it('says the outcome is unknown and reconnects when the host stops answering during a restore', async () => {
    const restore = buildClient(transport).data.restore({
      path: '/data/backups/fleetdesk-backup-1.jsonl.gz',
    });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(FakeSocket.last.calls.at(-1)).toMatchObject({ method: 'app.info' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await restore).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message:
          'The Fleetdesk host stopped answering (nothing for 30 s), so it is not known whether data.restore was done. Reconnecting; check once connected again.',
      },
    });
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
  });

  it('says a request was too large when the host closes the connection for its size', async () => {
    const preview = buildClient(transport).contracts.preview({ csv: 'x', fileName: 'big.csv' });
    FakeSocket.last.readyState = 3;
    FakeSocket.last.onclose?.({ code: 1009 });
    expect(await preview).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('larger than it accepts') },
    });
  });
});
