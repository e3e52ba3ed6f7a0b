import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { ListenerLog } from '../../electron/core/listener/listener-log';
import { ListenerServer } from '../../electron/core/listener/listener-server';
import { HEALTH_EXAMPLE } from '../../shared/protocol/listener';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { testTokens, TestSink } from './listener-harness';

/** Settings → Callback listener: the certificate and key files the listener serves HTTPS with. */
type Notice = { level: string; title: string; detail: string };

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.log('skipping the TLS file tests: the openssl CLI is not installed');

const files = tempDir('fleetdesk-tls-files-');
afterAll(() => files.remove());
const path = (name: string) => join(files.path, name);
if (hasOpenssl) {
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args);
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr.toString()}`);
  };
  const subject = [
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ];
  // An RSA certificate (the operator's old one) and an EC key (from a newer certificate).
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    ...subject,
    '-keyout',
    path('rsa.key'),
    '-out',
    path('rsa.crt'),
  ]);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    ...subject,
    '-keyout',
    path('ec.key'),
    '-out',
    path('ec.crt'),
  ]);
  writeFileSync(path('not-a-pem.txt'), 'this is not a PEM file\n');
}

let cores: Core[] = [];
let server: ListenerServer | undefined;
afterEach(async () => {
  for (const c of cores) await c.stop();
  await server?.stop();
  cores = [];
  server = undefined;
});

/** A core whose saved settings name these TLS files, started afresh (TLS applies at start). */
async function coreWithTls(certFile: string, keyFile: string): Promise<Core> {
  const first = makeCore();
  const dataDir = first.info().dataDir;
  await first.start();
  await callCore(first, 'settings.update', { listener: { tlsCertFile: certFile, tlsKeyFile: keyFile } });
  await first.stop();
  const core = makeCore(dataDir);
  cores.push(core);
  await core.start();
  return core;
}

function httpsHealth(url: string, ca: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      `${url}/v1/health`,
      {
        method: 'POST',
        ca,
        agent: false,
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      },
      (res) => {
        res.resume();
        resolve(`HTTP ${res.statusCode}`);
      },
    );
    req.on('error', (e) => resolve(`failed: ${e.message}`));
    req.end(JSON.stringify(HEALTH_EXAMPLE));
  });
}

describe.skipIf(!hasOpenssl)('listener TLS files (Settings → Callback listener)', () => {
  it('refuses to start with a key that does not belong to the certificate, naming both files', async () => {
    const core = await coreWithTls(path('rsa.crt'), path('ec.key'));
    const url = core.info().listenerUrl;
    const call = url === '' ? 'not served' : await httpsHealth(url, readFileSync(path('rsa.crt'), 'utf8'));
    expect(call, `listener at "${url}" answered a controller's HTTPS call`).toBe('not served');
    const notice = (await callCore<Notice[]>(core, 'notices.list')).find((n) => /listener/i.test(n.title));
    expect(notice?.level).toBe('error');
    expect(notice?.detail).toContain(path('ec.key'));
    expect(notice?.detail).toContain(path('rsa.crt'));
    expect(notice?.detail).toMatch(/does not belong/);
  });

  it('names the certificate or key file that is not PEM when the listener does not start', async () => {
    const badCert = await coreWithTls(path('not-a-pem.txt'), path('ec.key'));
    const badKey = await coreWithTls(path('ec.crt'), path('not-a-pem.txt'));
    for (const [core, which] of [
      [badCert, 'TLS certificate file'],
      [badKey, 'TLS key file'],
    ] as const) {
      const notice = (await callCore<Notice[]>(core, 'notices.list')).find((n) => /listener/i.test(n.title));
      expect(core.info().listenerUrl).toBe('');
      // Which file, and that it is the TLS certificate or key, not only OpenSSL's code.
      expect(notice?.detail, `notice for a bad ${which}`).toContain(
        `The ${which} ${path('not-a-pem.txt')} is not`,
      );
    }
  });

  it('counts and logs failed TLS handshakes instead of dropping them without a word', async () => {
    const lines: Array<{ obj: unknown; msg: string | undefined }> = [];
    const at = (obj: unknown, msg?: string) => void lines.push({ obj, msg });
    const log: ListenerLog = { debug: () => {}, info: () => {}, warn: at, error: at, child: () => log };
    const tls = { cert: readFileSync(path('ec.crt'), 'utf8'), key: readFileSync(path('ec.key'), 'utf8') };
    server = new ListenerServer({ sink: new TestSink().sink, tokens: testTokens(), log }, { tls });
    const { port } = await server.start('127.0.0.1', 0);
    // A client the listener cannot agree with (TLS 1.1; it requires 1.2 or later).
    const handshake = () =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
        socket.on('secureConnect', () => resolve('connected'));
        socket.on('error', (e) => resolve(e.message));
      });
    expect(await handshake()).not.toBe('connected');
    expect(await handshake()).not.toBe('connected');
    for (let i = 0; i < 100 && lines.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    // One line (at most one a minute), carrying the count.
    expect(lines).toEqual([
      { obj: expect.objectContaining({ failed: 1 }), msg: expect.stringMatching(/TLS/) },
    ]);
  });
});
