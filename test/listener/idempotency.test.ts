import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_EXAMPLE, ONBOARDING_EXAMPLE } from '../../shared/protocol/listener';
import { IdempotentCalls } from '../../electron/core/listener/idempotent-calls';
import {
  idempotencyScope,
  InMemoryIdempotencyStore,
  type IdempotentResponse,
} from '../../electron/core/listener/idempotency-store';
import { createLogger } from '../../electron/core/logger';
import { deferred, SECRETS, SERIAL, startListener, TestSink, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
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
    // Capacity and retention hold for both kinds of entry.
    await store.put(key('e4'), answer('e4', now));
    expect(await store.get(key('e1'))).toBeUndefined();
    now += 1001;
    expect(await store.get(key('e4'))).toBeUndefined();
    expect(await store.get(key('header-key'))).toBeUndefined();
  });
});
