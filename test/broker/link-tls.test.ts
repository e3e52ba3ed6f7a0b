import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCustomMosquitto, type CustomMosquitto } from './support/custom-mosquitto';
import { makeLink, profile } from './support/links';

const OPENSSL = '/usr/bin/openssl';
const available = existsSync(OPENSSL);
if (!available) console.log(`skipping broker TLS tests: ${OPENSSL} not found`);
const openssl = (dir: string, args: string[]) => promisify(execFile)(OPENSSL, args, { cwd: dir });

/** A private CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
async function makePki(dir: string): Promise<void> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=fleetdesk-test-ca',
  ]);
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const [name, ext] of [
    ['server', ['-extfile', 'san.ext']],
    ['client', []],
  ] as const) {
    await openssl(dir, [
      'req',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    ]);
    await openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      ...ext,
    ]);
  }
}

let broker: CustomMosquitto;
beforeAll(async () => {
  if (!available) return;
  broker = await startCustomMosquitto(async (dir) => {
    await makePki(dir);
    return [
      'allow_anonymous true',
      `cafile ${join(dir, 'ca.crt')}`,
      `certfile ${join(dir, 'server.crt')}`,
      `keyfile ${join(dir, 'server.key')}`,
      'require_certificate true',
    ];
  }, 'mqtts');
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function link() {
  const made = makeLink();
  cleanups.push(() => made.link.disconnect());
  return made.link;
}

const files = (dir: string) => ({
  caFile: join(dir, 'ca.crt'),
  certFile: join(dir, 'client.crt'),
  keyFile: join(dir, 'client.key'),
});

describe.skipIf(!available)('BrokerLink over TLS (mqtts://, private CA, client certificate)', () => {
  it('connects with the CA file and a client certificate, and publishes', async () => {
    const l = link();
    expect(await l.connect(profile(broker.url, files(broker.dir)))).toMatchObject({
      kind: 'connected',
      protocolVersion: 5,
    });
    expect(await l.publish('t/tls', 'x', { deadlineMs: 2000 })).toMatchObject({ kind: 'acked' });
  });

  it('without the CA file the broker certificate is not trusted, in those words', async () => {
    const { caFile: _ca, ...clientOnly } = files(broker.dir);
    const state = await link().connect(profile(broker.url, clientOnly));
    expect(state).toMatchObject({
      kind: 'reconnecting',
      lastError: 'TLS: certificate not trusted (set the CA file of the broker)',
    });
  });

  it('a CA file that cannot be read is named', async () => {
    const state = await link().connect(
      profile(broker.url, { ...files(broker.dir), caFile: join(broker.dir, 'nope.crt') }),
    );
    expect(state).toMatchObject({
      kind: 'reconnecting',
      lastError: `TLS: cannot read the CA file ${join(broker.dir, 'nope.crt')} (ENOENT)`,
    });
  });

  it('a broker that requires a client certificate refuses a link without one', async () => {
    const state = await link().connect(profile(broker.url, { caFile: files(broker.dir).caFile }));
    expect(state).toMatchObject({
      kind: 'reconnecting',
      lastError: 'TLS: the broker requires a client certificate (set the certificate and key files)',
    });
  });
});
