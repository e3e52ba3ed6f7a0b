import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_EXAMPLE, ONBOARDING_EXAMPLE } from '../../shared/protocol/listener';
import { IdempotencyKeyReused, IdempotentCalls } from '../../electron/core/listener/idempotent-calls';
import {
  idempotencyScope,
  InMemoryIdempotencyStore,
  type IdempotentResponse,
} from '../../electron/core/listener/idempotency-store';
import type { RefusedCallback } from '../../electron/core/listener/callback-route';
import { createLogger } from '../../electron/core/logger';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import type { Core } from '../../electron/core/create-core';
import { makeCore } from '../support/core-harness';
import {
  deferred,
  isProblem,
  SECRETS,
  SERIAL,
  startListener,
  TestSink,
  type Harness,
} from './listener-harness';

let h: Harness | undefined;
let core: Core | undefined;
afterEach(async () => {
  await h?.stop();
  await core?.stop();
  h = undefined;
  core = undefined;
});

const accepted = (eventId: string): IdempotentResponse => ({
  status: 202,
  body: { received: true, serialNumber: SERIAL, eventId },
  storedAt: '2026-01-01T00:00:00.000Z',
});

describe('listener idempotency', () => {
  it('records the same call sent 5× concurrently once, and answers all five alike', async () => {
    h = await startListener();
    // The first call stays in the sink until all five requests got past authentication (plus a
    // moment to reach the idempotency check), so the duplicates really overlap it.
    const authChecks = vi.spyOn(h.tokens, 'findByHash');
    h.sink.behaviour = async () => {
      await vi.waitFor(() => expect(authChecks).toHaveBeenCalledTimes(5));
      await new Promise((r) => setTimeout(r, 50));
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => h!.post('/v1/onboarding', ONBOARDING_EXAMPLE)),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(h.sink.calls).toBe(1);
  });

  it('records the same call sent 5× in a row once, and answers all five alike', async () => {
    h = await startListener();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await h.post('/v1/health', HEALTH_EXAMPLE));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(h.sink.calls).toBe(1);
  });

  it('uses the Idempotency-Key header when the body has no eventId', async () => {
    h = await startListener();
    const body = { serialNumber: SERIAL, status: 'warning' };
    for (let i = 0; i < 3; i++)
      expect(
        (await h.post('/v1/health', body, { headers: { 'idempotency-key': 'delivery-42' } })).json?.[
          'eventId'
        ],
      ).toBe('delivery-42');
    expect(h.sink.calls).toBe(1);
  });

  it('scopes keys per token, endpoint and serial', async () => {
    h = await startListener();
    const health = { serialNumber: SERIAL, status: 'ok', eventId: 'same' };
    await h.post('/v1/health', health);
    await h.post('/v1/health', health, { secret: SECRETS.integration });
    await h.post('/v1/offboarding', { serialNumber: SERIAL, eventId: 'same' });
    await h.post('/v1/health', { ...health, serialNumber: 'SG1-000999' }, { secret: SECRETS.integration });
    expect(h.sink.calls).toBe(4);
  });

  it('replays the first answer after a restart when the store survives', async () => {
    const store = new InMemoryIdempotencyStore();
    const sink = new TestSink();
    h = await startListener({ idempotency: store, sink });
    const first = await h.post('/v1/onboarding', ONBOARDING_EXAMPLE);
    await h.stop();
    h = await startListener({ idempotency: store, sink });
    const again = await h.post('/v1/onboarding', ONBOARDING_EXAMPLE);
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(sink.calls).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body (422), records nothing, keeps the request as evidence', async () => {
    const refused: RefusedCallback[] = [];
    h = await startListener({ onRefused: (r) => refused.push(r) });
    const key = { 'idempotency-key': 'evt-0001' };
    const ok = { ...HEALTH_EXAMPLE, status: 'ok', errors: [], devices: [] };
    // The controller rebooted and its event counter started again: same key, a new report.
    const error = {
      ...HEALTH_EXAMPLE,
      status: 'error',
      errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
    };
    expect((await h.post('/v1/health', ok, { headers: key })).status).toBe(202);
    const second = await h.post('/v1/health', error, { headers: key });
    expect(second.status).toBe(422);
    expect(isProblem(second.headers.get('content-type'), second.json)).toBe(true);
    expect(second.json).toMatchObject({
      status: 422,
      title: 'Idempotency-Key reused with a different request',
      detail: expect.stringContaining('"evt-0001"'),
    });
    expect(h.sink.calls).toBe(1);
    expect(refused).toEqual([
      expect.objectContaining({
        endpoint: '/v1/health',
        reason: 'Idempotency-Key reused with a different request',
        rawBody: JSON.stringify(error),
        headers: expect.objectContaining({ 'idempotency-key': 'evt-0001' }),
      }),
    ]);
    // The key still answers its own call as before.
    const again = await h.post('/v1/health', ok, { headers: key });
    expect([again.status, h.sink.calls]).toEqual([202, 1]);
  });

  it('refuses a reused body eventId with a different body, naming the eventId', async () => {
    h = await startListener();
    const first = { serialNumber: SERIAL, status: 'ok', eventId: 'e-7' };
    expect((await h.post('/v1/health', first)).status).toBe(202);
    const second = await h.post('/v1/health', { ...first, status: 'warning' });
    expect(second.status).toBe(422);
    expect(second.json?.['detail']).toMatch(/eventId "e-7"/);
    expect(h.sink.calls).toBe(1);
  });

  it('answers a different body sent while the first call under its key is still recording with 422 once it is recorded', async () => {
    h = await startListener();
    const gate = deferred<void>();
    h.sink.behaviour = () => gate.promise;
    const body = { serialNumber: SERIAL, status: 'ok', eventId: 'e-8' };
    const first = h.post('/v1/health', body);
    const same = h.post('/v1/health', body);
    const other = h.post('/v1/health', { ...body, status: 'error' });
    await new Promise((r) => setTimeout(r, 50));
    gate.resolve();
    expect([(await first).status, (await same).status, (await other).status]).toEqual([202, 202, 422]);
    expect(h.sink.calls).toBe(1);
  });

  it('replays an answer stored without a body digest (by an earlier build) to a repeat, whatever its body', async () => {
    const store = new InMemoryIdempotencyStore();
    const stored: IdempotentResponse = {
      status: 202,
      body: { received: true, serialNumber: SERIAL, eventId: 'old-1' },
      storedAt: '2026-01-01T00:00:00.000Z',
    };
    await store.put(idempotencyScope('tok-bound', 'health', SERIAL, 'old-1'), stored);
    h = await startListener({ idempotency: store });
    const again = await h.post('/v1/health', { serialNumber: SERIAL, status: 'warning', eventId: 'old-1' });
    expect(again.status).toBe(202);
    expect(again.json).toEqual(stored.body);
    expect(h.sink.calls).toBe(0);
  });

  it('journals the refused request in the core, as other refused authenticated calls', async () => {
    core = makeCore(undefined, 'integration-token-0001');
    await core.start();
    const post = (body: unknown) =>
      fetch(`${core!.info().listenerUrl}/v1/health`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer integration-token-0001',
          'content-type': 'application/json',
          'idempotency-key': 'evt-0001',
        },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(await post({ serialNumber: SERIAL, status: 'ok' })).toBe(202);
    expect(await post({ serialNumber: SERIAL, status: 'error' })).toBe(422);
    let refused: JournalEntry[] = [];
    for (let i = 0; i < 100 && refused.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      const journal = await core.services().inventory.journalSince(0);
      refused = journal.filter((e) => e.type === 'callback.refused');
    }
    expect(refused).toEqual([
      expect.objectContaining({
        reason: 'Idempotency-Key reused with a different request',
        rawBody: JSON.stringify({ serialNumber: SERIAL, status: 'error' }),
      }),
    ]);
  });

  it('refuses an unusable Idempotency-Key with 400', async () => {
    h = await startListener();
    const answer = await h.post('/v1/health', HEALTH_EXAMPLE, {
      headers: { 'idempotency-key': 'x'.repeat(201) },
    });
    expect(answer.status).toBe(400);
    expect(answer.json?.['errors']).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(h.sink.calls).toBe(0);
  });
});

describe('IdempotentCalls', () => {
  const log = createLogger('silent');

  it('runs concurrent duplicates once and gives each the same outcome', async () => {
    const calls = new IdempotentCalls(new InMemoryIdempotencyStore(), log);
    const gate = deferred<IdempotentResponse>();
    let runs = 0;
    const work = () => {
      runs++;
      return gate.promise;
    };
    const all = Promise.all(Array.from({ length: 5 }, () => calls.run('k', work)));
    gate.resolve(accepted('e1'));
    expect(new Set(await all).size).toBe(1);
    expect(runs).toBe(1);
    expect(calls.inFlight).toBe(0);
  });

  it('shares a failure with concurrent duplicates but does not remember it', async () => {
    const calls = new IdempotentCalls(new InMemoryIdempotencyStore(), log);
    const failing = () => Promise.reject(new Error('sink down'));
    const outcomes = await Promise.allSettled([calls.run('k', failing), calls.run('k', failing)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await expect(calls.run('k', () => Promise.resolve(accepted('e2')))).resolves.toEqual(accepted('e2'));
  });

  it('refuses another body under a stored key, and replays a stored answer without a digest', async () => {
    const calls = new IdempotentCalls(new InMemoryIdempotencyStore(), log);
    const withDigest = { ...accepted('e5'), bodySha256: 'digest-a' };
    await calls.run('k', () => Promise.resolve(withDigest), 'digest-a');
    await expect(calls.run('k', () => Promise.resolve(accepted('x')), 'digest-a')).resolves.toEqual(
      withDigest,
    );
    await expect(calls.run('k', () => Promise.resolve(accepted('x')), 'digest-b')).rejects.toThrow(
      IdempotencyKeyReused,
    );
    await calls.run('old', () => Promise.resolve(accepted('e6')));
    await expect(calls.run('old', () => Promise.resolve(accepted('x')), 'digest-c')).resolves.toEqual(
      accepted('e6'),
    );
  });

  it('still answers when the store cannot remember', async () => {
    const store = {
      get: () => Promise.resolve(undefined),
      put: () => Promise.reject(new Error('disk full')),
    };
    const calls = new IdempotentCalls(store, log);
    await expect(calls.run('k', () => Promise.resolve(accepted('e3')))).resolves.toEqual(accepted('e3'));
  });
});

describe('InMemoryIdempotencyStore', () => {
  it('drops the oldest entries beyond its capacity and expired ones', async () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore({ maxEntries: 2, retentionMs: 1000, now: () => now });
    await store.put('a', accepted('a'));
    await store.put('b', accepted('b'));
    await store.put('c', accepted('c'));
    expect(store.size).toBe(2);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toEqual(accepted('c'));
    now = 1001;
    expect(await store.get('c')).toBeUndefined();
  });

  it('gives back every answer exactly as stored, whether its key implies it or not', async () => {
    let now = Date.UTC(2026, 10, 27, 10, 0, 0, 123);
    const store = new InMemoryIdempotencyStore({ maxEntries: 3, retentionMs: 1000, now: () => now });
    const key = (eventId: string) => idempotencyScope('token-1', 'health', SERIAL, eventId);
    const answer = (eventId: string, storedAtMs: number): IdempotentResponse => ({
      status: 202,
      body: { received: true, serialNumber: SERIAL, eventId },
      storedAt: new Date(storedAtMs).toISOString(),
    });
    // The usual case: the key's own serial and eventId, stamped in the millisecond it is stored.
    const usual = answer('e1', now);
    await store.put(key('e1'), usual);
    // An Idempotency-Key header beside a different eventId in the body; an answer stamped earlier.
    const byHeader = answer('body-event', now);
    await store.put(key('header-key'), byHeader);
    const stampedEarlier = answer('e3', now - 5);
    await store.put(key('e3'), stampedEarlier);
    for (const [k, expected] of [
      [key('e1'), usual],
      [key('header-key'), byHeader],
      [key('e3'), stampedEarlier],
    ] as const) {
      const got = await store.get(k);
      expect(got).toEqual(expected);
      expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    }
    // With the body's digest, in both kinds of entry.
    const sha = createHash('sha256').update('{"serialNumber":"SG1-000123"}').digest('base64url');
    const digested = { ...answer('e5', now), bodySha256: sha };
    await store.put(key('e5'), digested);
    expect(JSON.stringify(await store.get(key('e5')))).toBe(JSON.stringify(digested));
    const notADigest = { ...answer('e6', now), bodySha256: 'x8Yz-not-a-sha256' };
    await store.put(key('e6'), notADigest);
    expect(JSON.stringify(await store.get(key('e6')))).toBe(JSON.stringify(notADigest));
    const digestedByHeader = { ...answer('body-event', now), bodySha256: 'another' };
    await store.put(key('header-2'), digestedByHeader);
    expect(await store.get(key('header-2'))).toEqual(digestedByHeader);
    // Capacity and retention hold for both kinds of entry.
    await store.put(key('e4'), answer('e4', now));
    expect(await store.get(key('e1'))).toBeUndefined();
    now += 1001;
    expect(await store.get(key('e4'))).toBeUndefined();
    expect(await store.get(key('header-key'))).toBeUndefined();
  });
});
