import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { ListenerThread } from '../../electron/core/listener/listener-thread';
import { createLogger } from '../../electron/core/logger';
import { TrustedProxySchema } from '../../shared/domain/listener-limits';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../shared/domain/settings';
import { callCore, makeCore } from '../support/core-harness';
import { rawRequest, TestSink, testTokens } from './listener-harness';

let core: Core | undefined;
let thread: ListenerThread | undefined;
afterEach(async () => {
  await core?.stop();
  await thread?.stop();
  core = undefined;
  thread = undefined;
});

const alive = async (url: string): Promise<string> =>
  rawRequest(url, { method: 'GET', path: '/healthz' }).then(
    (r) => `HTTP ${r.status}`,
    (e: Error) => e.message,
  );

/** Whether Express (through proxy-addr) takes the entry as `trust proxy`, as the listener sets it. */
const app = express();
const expressTakes = (entry: string): boolean => {
  try {
    app.set('trust proxy', [entry]);
    return true;
  } catch {
    return false;
  }
};

type Notice = { level: string; title: string; detail: string };

describe('Settings → Trusted reverse proxies', () => {
  for (const entry of ['0.0.0.0/0', '::/0']) {
    it(`refuses ${entry} with a reason, and the running listener keeps serving`, async () => {
      core = makeCore();
      await core.start();
      const url = core.info().listenerUrl;
      const saved = await core.call('settings.update', { listener: { trustedProxies: [entry] } });
      expect(saved.ok).toBe(false);
      const issues = SettingsPatchSchema.safeParse({ listener: { trustedProxies: [entry] } }).error?.issues;
      expect(issues?.[0]?.message).toMatch(/\/0 block/);
      expect(await alive(url)).toBe('HTTP 200');
    });
  }

  it('accepts only entries that Express can use (proxy-addr), in every notation', () => {
    const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const withIpv4Tail = fc
      .tuple(fc.array(hex, { maxLength: 3 }), fc.array(hex, { maxLength: 3 }), fc.ipV4())
      .map(([a, b, v4]) => `${a.join(':')}::${b.map((g) => `${g}:`).join('')}${v4}`);
    const address = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), withIpv4Tail);
    const prefix = fc.oneof(
      fc.integer({ min: 0, max: 130 }).map(String),
      fc.constantFrom('00', '01', '255.255.0.0', '0.0.0.0'),
    );
    const entry = fc.oneof(
      address,
      fc.tuple(address, prefix).map(([a, p]) => `${a}/${p}`),
      fc.constantFrom('loopback', 'linklocal', 'uniquelocal', '::', '::ffff:10.0.0.1', 'fe80::1%eth0'),
    );
    fc.assert(
      fc.property(entry, (e) => !TrustedProxySchema.safeParse(e).success || expressTakes(e)),
      { numRuns: 20_000 },
    );
    expect(TrustedProxySchema.safeParse('::10.0.0.1').error?.issues[0]?.message).toMatch(/hex/);
  });

  it('a listener thread given a list Express refuses keeps serving under its earlier limits', async () => {
    const refusals: string[] = [];
    const failures: string[] = [];
    thread = new ListenerThread(
      {
        sink: new TestSink().sink,
        tokens: { digests: () => testTokens().list(), findByHash: () => undefined, onChange: () => () => {} },
        log: createLogger('silent'),
        onFailure: (reason) => failures.push(reason),
        onLimitsRefused: (reason) => refusals.push(reason),
      },
      { trustProxy: ['127.0.0.1'], rateLimits: { perAddress: 2 } },
    );
    const { url } = await thread.start('127.0.0.1', 0);
    // Past the schema (an older caller, a future bug): the thread must survive what Express throws.
    thread.applyLimits({ trustProxy: ['0.0.0.0/0'], rateLimits: { perAddress: 100 } });
    for (let i = 0; i < 200 && refusals.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(refusals).toEqual([expect.stringMatching(/0\.0\.0\.0\/0/)]);
    expect(await alive(url)).toBe('HTTP 200');
    expect(failures).toEqual([]);
    // The earlier limit (2 a minute) still counts: the refused change was not half applied.
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await rawRequest(url, {
        method: 'POST',
        path: '/v1/health',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('loads a settings file holding 0.0.0.0/0 without that entry, says so, and starts the listener', async () => {
    core = makeCore();
    const listener = { ...DEFAULT_SETTINGS.listener, trustedProxies: ['10.0.0.1', '0.0.0.0/0'] };
    writeFileSync(
      join(core.info().dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, operatorName: 'Ann', listener }),
    );
    await core.start();
    const settings = core.services().settings.get();
    expect([settings.operatorName, settings.listener.trustedProxies]).toEqual(['Ann', ['10.0.0.1']]);
    const notices = await callCore<Notice[]>(core, 'notices.list');
    expect(notices.map((n) => n.title)).toEqual(['Trusted proxies removed from Settings']);
    expect(notices[0]?.detail).toContain('0.0.0.0/0');
    expect(await alive(core.info().listenerUrl)).toBe('HTTP 200');
  });
});
