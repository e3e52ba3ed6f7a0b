/**
 * `npm run serve` prints a new UI token each run. A browser cannot read why a WebSocket handshake
 * failed, so the host answers a token check on its UI port: an open tab from before a restart
 * learns that its link is out of date instead of retrying for ever.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildClient } from '../../shared/contract';
import { TOKEN_CHECK_PATH } from '../../shared/contract/token-check';
import { createWsTransport, type SocketConstructor } from '../../renderer/src/api/ws-transport';
import { startHost, type RunningHost } from '../../electron/host/start-host';
import { createLogger } from '../../electron/core/logger';
import { tempDir } from '../support/temp-dir';

const data = tempDir();
const renderer = tempDir();

/** The headless host on `uiPort`, with a stand-in renderer build: these tests are about the API socket. */
function startTestHost(uiPort: number): Promise<RunningHost> {
  return startHost(
    {
      dataDir: data.path,
      uiPort,
      listenerHost: '127.0.0.1',
      listenerPort: 0,
      listenerToken: undefined,
      broker: undefined,
      brokerFallback: undefined,
    },
    { rendererDir: renderer.path, version: '0.0.0-test', log: createLogger('silent') },
  );
}

beforeAll(() => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => {
  data.remove();
  renderer.remove();
});

const tokenOf = (host: RunningHost) => new URL(host.uiUrl).searchParams.get('token') ?? '';
const originOf = (host: RunningHost) => new URL(host.uiUrl).origin;

/** Asks the token check the way the page does; resolves its one frame, or the HTTP status it refused with. */
function askCheck(host: RunningHost, token: string, origin = originOf(host)): Promise<unknown> {
  const url = new URL(TOKEN_CHECK_PATH, host.uiUrl.replace(/^http/, 'ws'));
  url.searchParams.set('token', token);
  return new Promise((resolve) => {
    const ws = new WebSocket(url.href, { origin });
    ws.once('message', (raw) => resolve(JSON.parse(String(raw))));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    ws.once('error', () => undefined);
  });
}

describe('the token check of the headless host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startTestHost(0);
  });
  afterAll(() => host.stop());

  it("tells the UI's own page whether its token is this run's", async () => {
    expect(await askCheck(host, tokenOf(host))).toEqual({ type: 'token-check', accepted: true });
    expect(await askCheck(host, `${tokenOf(host)}x`)).toEqual({ type: 'token-check', accepted: false });
    expect(await askCheck(host, '')).toEqual({ type: 'token-check', accepted: false });
  });

  it("answers another site's page nothing but the API's own 401", async () => {
    expect(await askCheck(host, tokenOf(host), 'http://evil.example')).toBe(401);
  });
});

describe('a browser tab opened before the host restarted', () => {
  it('learns that its link is from an earlier run, and its calls say to open the new link', async () => {
    const first = await startTestHost(0);
    const port = Number(new URL(first.uiUrl).port);
    const pageUrl = `ws://127.0.0.1:${port}/api?token=${tokenOf(first)}`;
    // The transport the page builds in a browser, over a real socket, retrying quickly.
    const transport = createWsTransport({
      url: pageUrl,
      WebSocket: WebSocket as unknown as SocketConstructor,
      backoffMs: () => 50,
    });
    const api = buildClient(transport);
    let second: RunningHost | undefined;
    try {
      expect((await api.app.info()).ok).toBe(true);
      await first.stop();
      // Restarted on the same UI port (as with a fixed --ui-port): the old token is not accepted.
      second = await startTestHost(port);
      await vi.waitFor(() => expect(transport.connection.get().kind).toBe('refused'), { timeout: 10_000 });
      expect(await api.settings.get()).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('Open the new link') },
      });
    } finally {
      transport.close();
      await second?.stop();
    }
  });
});
