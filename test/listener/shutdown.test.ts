import { connect } from 'node:net';
import { accepts } from '../support/net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_EXAMPLE } from '../../shared/protocol/listener';
import { deferred, parseRawAnswer, SECRETS, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const body = JSON.stringify(HEALTH_EXAMPLE);
const head = `POST /v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRETS.bound}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;

describe('listener graceful shutdown', () => {
  it('finishes a request in flight with 202 while new requests are refused', async () => {
    h = await startListener();
    const gate = deferred();
    h.sink.behaviour = () => gate.promise;
    const inFlight = h.post('/v1/health', HEALTH_EXAMPLE);
    await vi.waitFor(() => expect(h?.sink.calls).toBe(1));
    const stopped = h.stop();
    const late = await h.post('/v1/health', { ...HEALTH_EXAMPLE, eventId: 'late' }).then(
      (answer) => answer.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    gate.resolve();
    expect((await inFlight).status).toBe(202);
    await Promise.all([stopped, h.stop()]);
    expect(await accepts(h.url)).toBe(false);
    expect(h.sink.calls).toBe(1);
  });

  it('answers 503 to a request that arrives on an open connection during the drain', async () => {
    h = await startListener();
    const gate = deferred();
    h.sink.behaviour = () => gate.promise;
    const busy = h.post('/v1/health', HEALTH_EXAMPLE);
    await vi.waitFor(() => expect(h?.sink.calls).toBe(1));
    // This connection has started a request before the stop, so the drain does not close it.
    const socket = connect(Number(new URL(h.url).port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => received.push(c));
    const closed = new Promise((r) => socket.on('close', r));
    await new Promise((r) => socket.on('connect', r));
    socket.write(head);
    await new Promise((r) => setTimeout(r, 50));
    const stopped = h.stop();
    socket.write(`\r\n${body}`);
    await closed;
    const answer = parseRawAnswer(Buffer.concat(received).toString('utf8'));
    expect(answer.status).toBe(503);
    expect(answer.body?.['title']).toBe('Service unavailable');
    gate.resolve();
    expect((await busy).status).toBe(202);
    await stopped;
    expect(h.sink.calls).toBe(1);
  });

  it('cuts requests still running at the drain deadline', async () => {
    h = await startListener({ options: { drainTimeoutMs: 200 } });
    h.sink.behaviour = () => new Promise(() => undefined);
    const stuck = h.post('/v1/health', HEALTH_EXAMPLE).then(
      (a) => a.status,
      () => 'cut',
    );
    await vi.waitFor(() => expect(h?.sink.calls).toBe(1));
    const started = Date.now();
    await h.stop();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await stuck).toBe('cut');
  });

  it('closes idle keep-alive connections at once and can start again', async () => {
    h = await startListener();
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const started = Date.now();
    await h.stop();
    expect(Date.now() - started).toBeLessThan(500);
    const again = await h.server.start('127.0.0.1', 0);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  });
});
