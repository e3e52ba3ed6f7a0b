import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { afterAll, describe, expect, it } from 'vitest';
import { HEALTH_EXAMPLE } from '../../shared/protocol/listener';
import { tempDir } from '../support/temp-dir';
import { SECRETS, startListener } from './listener-harness';

/** A throw-away self-signed certificate for 127.0.0.1, or why none could be made. */
function selfSigned(): { cert: string; key: string } | { reason: string } {
  if (spawnSync('openssl', ['version']).status !== 0) return { reason: 'the openssl CLI is not installed' };
  const dir = tempDir('fleetdesk-tls-');
  const [certPath, keyPath] = [join(dir.path, 'cert.pem'), join(dir.path, 'key.pem')];
  const args = [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
  ];
  const made = spawnSync('openssl', [
    ...args,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  if (made.status !== 0) return { reason: `openssl failed: ${made.stderr.toString().slice(0, 200)}` };
  const pair = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  dir.remove();
  return pair;
}

const pair = selfSigned();
if ('reason' in pair) console.log(`skipping the TLS listener tests: ${pair.reason}`);

function httpsPost(url: string, ca: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/health`,
      {
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.bound}` },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf('reason' in pair)('listener over TLS', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it('serves callbacks over https with the configured certificate', async () => {
    if ('reason' in pair) return;
    const h = await startListener({ options: { tls: pair } });
    stops.push(h.stop);
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await httpsPost(h.url, pair.cert, JSON.stringify(HEALTH_EXAMPLE));
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toMatchObject({ received: true, eventId: HEALTH_EXAMPLE.eventId });
    expect(h.sink.records[0]?.raw.body).toBe(JSON.stringify(HEALTH_EXAMPLE));
  });

  it('does not speak plain HTTP on the TLS port, and refuses clients that do not trust the certificate', async () => {
    if ('reason' in pair) return;
    const h = await startListener({ options: { tls: pair } });
    stops.push(h.stop);
    await expect(fetch(`${h.url.replace('https:', 'http:')}/healthz`)).rejects.toThrow();
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
    expect(h.sink.calls).toBe(0);
  });
});
