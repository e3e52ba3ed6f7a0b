import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_EXAMPLE } from '../../shared/protocol/listener';
import { parseRawAnswer, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Opens a socket, sends `first`, then one `drip` every `everyMs` until the server closes it. */
function slowClient(
  url: string,
  first: string,
  drip: string,
  everyMs: number,
): Promise<{ elapsedMs: number; received: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(first);
      timer = setInterval(() => socket.writable && socket.write(drip), everyMs);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ elapsedMs: Date.now() - started, received: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const TIMEOUTS = { headersMs: 300, requestMs: 600, keepAliveMs: 200 };

describe('listener timeouts against slow clients', () => {
  it('cuts a client that sends its headers too slowly (headersTimeout) with a 408 problem', async () => {
    h = await startListener({ options: { timeouts: TIMEOUTS } });
    const slow = slowClient(h.url, 'POST /v1/health HTTP/1.1\r\nHost: x\r\n', 'X-Drip: 1\r\n', 50);
    // A normal client is served meanwhile.
    expect((await h.post('/v1/health', HEALTH_EXAMPLE)).status).toBe(202);
    const { elapsedMs, received } = await slow;
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(elapsedMs).toBeLessThan(2000);
    const answer = parseRawAnswer(received);
    expect(answer.status).toBe(408);
    expect(answer.body?.['title']).toBe('Request timeout');
  });

  it('cuts a client that sends its body too slowly (requestTimeout)', async () => {
    h = await startListener({ options: { timeouts: TIMEOUTS } });
    const head =
      'POST /v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer bound-token-000123-secret\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const { elapsedMs } = await slowClient(h.url, head, ' ', 50);
    expect(elapsedMs).toBeGreaterThanOrEqual(550);
    expect(elapsedMs).toBeLessThan(2500);
    expect(h.sink.calls).toBe(0);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    h = await startListener({ options: { timeouts: TIMEOUTS } });
    const { elapsedMs, received } = await slowClient(
      h.url,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      '',
      1000,
    );
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    // Node waits keepAliveTimeout plus its own one-second grace before closing the socket.
    expect(elapsedMs).toBeLessThan(2500);
  });

  it('refuses timeouts Node would reject', async () => {
    const { ListenerServer } = await import('../../electron/core/listener/listener-server');
    expect(() => new ListenerServer(undefined, { timeouts: { headersMs: 1000, requestMs: 500 } })).toThrow(
      /requestMs/,
    );
  });
});
