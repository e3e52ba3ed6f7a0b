import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildClient } from '../../shared/contract';
import { createWsTransport, type SocketConstructor } from '../../renderer/src/api/ws-transport';
import { startHost, type RunningHost } from '../../electron/host/start-host';
import { createLogger } from '../../electron/core/logger';
import { tempDir } from '../support/temp-dir';

let host: RunningHost;
const dirs = [tempDir(), tempDir()];

beforeAll(async () => {
  // A stand-in renderer build: this suite is about the API socket, not the UI bundle.
  const rendererDir = dirs[1]!.path;
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost(
    {
      dataDir: dirs[0]!.path,
      uiPort: 0,
      listenerHost: '127.0.0.1',
      listenerPort: 0,
      listenerToken: undefined,
      broker: undefined,
      brokerFallback: undefined,
    },
    { rendererDir, version: '0.0.0-test', log: createLogger('silent') },
  );
});
afterAll(async () => {
  await host.stop();
  dirs.forEach((d) => d.remove());
});

const ui = () => new URL(host.uiUrl);
const apiUrl = (token: string) => `ws://${ui().host}/api?token=${encodeURIComponent(token)}`;

/** Opens a socket and resolves 'open' or the HTTP status the handshake was refused with. */
function handshake(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('headless host WebSocket API', () => {
  const token = () => ui().searchParams.get('token') ?? '';

  it('serves the UI with the app CSP on loopback', async () => {
    const res = await fetch(`http://${ui().host}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ui().hostname).toBe('127.0.0.1');
  });

  it('accepts the run token from the UI origin', async () => {
    expect(await handshake(apiUrl(token()), `http://${ui().host}`)).toBe('open');
  });

  it('refuses a missing or wrong token', async () => {
    expect(await handshake(`ws://${ui().host}/api`)).toBe(401);
    expect(await handshake(apiUrl(`${token()}x`))).toBe(401);
  });

  it('refuses another origin even with the right token', async () => {
    expect(await handshake(apiUrl(token()), 'http://evil.example')).toBe(401);
  });

  it('previews a 2 MB contracts file from the browser UI (the Contracts page accepts up to 50 MB)', async () => {
    const lines = ['contract_number;customer_name;street;postal_code;city;tariff'];
    for (let i = 0; i < 40_000; i += 1)
      lines.push(`C-${i};Customer ${i};"Straat ${i}";${1000 + (i % 8999)};Gent;dynamic`);
    const csv = lines.join('\r\n');
    expect(csv.length).toBeGreaterThan(2_000_000);
    // The transport the page builds in a browser, over a real socket.
    const transport = createWsTransport({
      url: apiUrl(token()),
      WebSocket: WebSocket as unknown as SocketConstructor,
    });
    try {
      const report = await buildClient(transport).contracts.preview({ csv, fileName: 'contracts.csv' });
      expect(report).toMatchObject({ ok: true, value: { total: 40_000 } });
    } finally {
      transport.close();
    }
  });

  it('closes a socket that sends a malformed frame, without answering', async () => {
    const ws = new WebSocket(apiUrl(token()));
    await new Promise((r) => ws.once('open', r));
    ws.send('{"type":"call","id":-1}');
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    expect(code).toBe(1003);
  });
});
