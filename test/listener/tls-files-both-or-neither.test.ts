/**
 * Settings → Callback listener: the TLS certificate and key files are saved both (HTTPS) or
 * neither (HTTP). The listener refuses to start on half a setup, so after the next start no
 * controller could call in: Settings refuse it when it is saved, naming the missing file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { callCore, makeCore } from '../support/core-harness';

const CERT = '/etc/fleetdesk/listener.crt';
const KEY = '/etc/fleetdesk/listener.key';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

async function started(): Promise<Core> {
  core = makeCore();
  await core.start();
  return core;
}

describe('listener TLS files in Settings', () => {
  it('refuses a certificate file without a key file, naming the missing field', async () => {
    const c = await started();
    const answer = await c.call('settings.update', { listener: { tlsCertFile: CERT } });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(/^listener\.tlsKeyFile: Enter the key file too/),
      },
    });
    expect(c.services().settings.get().listener.tlsCertFile).toBe('');
  });

  it('refuses a key file without a certificate file, also when the certificate is cleared later', async () => {
    const c = await started();
    const key = await c.call('settings.update', { listener: { tlsKeyFile: KEY } });
    expect(key).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^listener\.tlsCertFile: /) },
    });

    await callCore(c, 'settings.update', { listener: { tlsCertFile: CERT, tlsKeyFile: KEY } });
    const cleared = await c.call('settings.update', { listener: { tlsCertFile: '' } });
    expect(cleared).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^listener\.tlsCertFile: /) },
    });
    expect(c.services().settings.get().listener).toMatchObject({ tlsCertFile: CERT, tlsKeyFile: KEY });
  });

  it('saves both files, and neither (back to HTTP behind a proxy)', async () => {
    const c = await started();
    const both = await callCore<Settings>(c, 'settings.update', {
      listener: { tlsCertFile: CERT, tlsKeyFile: KEY },
    });
    expect(both.listener).toMatchObject({ tlsCertFile: CERT, tlsKeyFile: KEY });
    const neither = await callCore<Settings>(c, 'settings.update', {
      listener: { tlsCertFile: '', tlsKeyFile: '' },
    });
    expect(neither.listener).toMatchObject({ tlsCertFile: '', tlsKeyFile: '' });
  });

  it('still loads a settings file that holds half a setup, and saves other fields on it', async () => {
    core = makeCore();
    const listener = { ...DEFAULT_SETTINGS.listener, tlsCertFile: CERT };
    writeFileSync(
      join(core.info().dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, operatorName: 'Ann', listener }),
    );
    await core.start();
    expect(core.services().settings.get()).toMatchObject({
      operatorName: 'Ann',
      listener: { tlsCertFile: CERT },
    });
    const saved = await callCore<Settings>(core, 'settings.update', { operatorName: 'Bo' });
    expect(saved).toMatchObject({ operatorName: 'Bo', listener: { tlsCertFile: CERT, tlsKeyFile: '' } });
  });
});
