import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../shared/domain/settings-read';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../shared/domain/settings';
import { listenerLimitsFromSettings } from '../../electron/core/listener/listener-limits';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';
import { rawRequest, SECRETS, SERIAL, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
let core: Core | undefined;
afterEach(async () => {
  await h?.stop();
  await core?.stop();
  h = undefined;
  core = undefined;
});

/** An unauthenticated call from `localAddress`, optionally claiming a forwarded client. */
const probe = (url: string, localAddress: string, forwardedFor?: string) =>
  rawRequest(url, {
    method: 'POST',
    path: '/v1/health',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor !== undefined && { 'x-forwarded-for': forwardedFor }),
    },
    body: '{}',
    localAddress,
  });

const listener = (changes: Partial<typeof DEFAULT_SETTINGS.listener>) => ({
  ...DEFAULT_SETTINGS.listener,
  ...changes,
});

describe('listener limit settings', () => {
  it('loads a settings file written before the limits existed with the default limits', () => {
    const v1 = {
      schemaVersion: 1,
      operatorName: 'Ann',
      listener: { host: '0.0.0.0', port: 9000, publicUrl: '', tlsCertFile: '', tlsKeyFile: '' },
    };
    const read = readSettings(v1);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.listener).toEqual({
      ...DEFAULT_SETTINGS.listener,
      host: '0.0.0.0',
      port: 9000,
    });
    expect(read.value.listener).toMatchObject({
      perAddressPerMinute: 600,
      perBoundTokenPerMinute: 60,
      perIntegrationTokenPerMinute: 6000,
      trustedProxies: [],
    });
  });

  it('accepts proxy addresses, CIDR blocks and Express names, and refuses anything else', () => {
    const ok = SettingsPatchSchema.safeParse({
      listener: { trustedProxies: ['10.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1', 'loopback'] },
    });
    expect(ok.success).toBe(true);
    for (const bad of ['example.com', '10.0.0.0/33', 'true', '*', ''])
      expect(SettingsPatchSchema.safeParse({ listener: { trustedProxies: [bad] } }).success, bad).toBe(false);
    expect(SettingsPatchSchema.safeParse({ listener: { perAddressPerMinute: 0 } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ listener: { perAddressPerMinute: 1.5 } }).success).toBe(false);
  });

  it('answers 429 with Retry-After at the configured per-address number', async () => {
    h = await startListener({ options: listenerLimitsFromSettings(listener({ perAddressPerMinute: 3 })) });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await probe(h.url, '127.0.0.1')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await probe(h.url, '127.0.0.1');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('answers 429 at the configured per-token numbers', async () => {
    h = await startListener({
      options: listenerLimitsFromSettings(
        listener({ perBoundTokenPerMinute: 2, perIntegrationTokenPerMinute: 3 }),
      ),
    });
    const health = (eventId: string) => ({ serialNumber: SERIAL, status: 'ok', eventId });
    const bound = [];
    for (let i = 0; i < 3; i++) bound.push((await h.post('/v1/health', health(`b${i}`))).status);
    expect(bound).toEqual([202, 202, 429]);
    const integration = [];
    for (let i = 0; i < 4; i++)
      integration.push((await h.post('/v1/health', health(`i${i}`), { secret: SECRETS.integration })).status);
    expect(integration).toEqual([202, 202, 202, 429]);
  });

  it('counts the forwarded client behind a listed proxy, and the peer itself for anyone else', async () => {
    h = await startListener({
      options: listenerLimitsFromSettings(
        listener({ perAddressPerMinute: 2, trustedProxies: ['127.0.0.1'] }),
      ),
    });
    // Through the proxy (127.0.0.1): each forwarded client has its own allowance.
    expect((await probe(h.url, '127.0.0.1', '203.0.113.7')).status).toBe(401);
    expect((await probe(h.url, '127.0.0.1', '203.0.113.7')).status).toBe(401);
    expect((await probe(h.url, '127.0.0.1', '203.0.113.7')).status).toBe(429);
    expect((await probe(h.url, '127.0.0.1', '203.0.113.8')).status).toBe(401);
    // 127.0.0.2 is not a listed proxy: its X-Forwarded-For is ignored, so a new value each time
    // does not escape its own limit.
    const direct = [];
    for (let i = 0; i < 3; i++) direct.push((await probe(h.url, '127.0.0.2', `198.51.100.${i}`)).status);
    expect(direct).toEqual([401, 401, 429]);
  });

  it('applies changed limits to the running listener of a core when settings are saved', async () => {
    core = makeCore();
    await core.start();
    const url = core.info().listenerUrl;
    await callCore(core, 'settings.update', { listener: { perAddressPerMinute: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await probe(url, '127.0.0.3')).status);
    expect(statuses).toEqual([401, 401, 429]);
    await callCore(core, 'settings.update', {
      listener: { perAddressPerMinute: 5, trustedProxies: ['127.0.0.3'] },
    });
    // New limits, counted afresh; behind the now-trusted proxy each forwarded client is its own.
    const after = [];
    for (let i = 0; i < 3; i++) after.push((await probe(url, '127.0.0.3', '203.0.113.9')).status);
    expect(after).toEqual([401, 401, 401]);
    expect(core.services().settings.get().listener.perAddressPerMinute).toBe(5);
  });
});
