import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HEALTH_EXAMPLE,
  OFFBOARDING_EXAMPLE,
  ONBOARDING_EXAMPLE,
  CallbackRecordSchema,
} from '../../shared/protocol/listener';
import { deferred, isProblem, SECRETS, SERIAL, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('listener callbacks', () => {
  it.each([
    ['onboarding', ONBOARDING_EXAMPLE],
    ['offboarding', OFFBOARDING_EXAMPLE],
    ['health', HEALTH_EXAMPLE],
  ] as const)('accepts %s with 202 and hands one record to the sink', async (kind, body) => {
    h = await startListener();
    const answer = await h.post(`/v1/${kind}`, body);
    expect(answer.status).toBe(202);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.json).toEqual({ received: true, serialNumber: SERIAL, eventId: body.eventId });
    expect(h.sink.calls).toBe(1);
    const record = h.sink.records[0];
    expect(CallbackRecordSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({
      kind,
      serial: SERIAL,
      eventId: body.eventId,
      tokenId: 'tok-bound',
      remoteAddress: '127.0.0.1',
      body,
    });
    expect(Date.parse(record?.receivedAt ?? '')).not.toBeNaN();
  });

  it('answers 202 only after the sink resolved', async () => {
    h = await startListener();
    const gate = deferred();
    h.sink.behaviour = () => gate.promise;
    let settled = false;
    const pending = h.post('/v1/health', HEALTH_EXAMPLE).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(h?.sink.calls).toBe(1));
    // Proving a negative: give the server every chance to answer early if it wrongly did not wait.
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    gate.resolve();
    expect((await pending).status).toBe(202);
  });

  it('keeps unknown fields, the exact raw body and only safe headers', async () => {
    h = await startListener();
    const raw =
      '{ "serialNumber":"SG1-000123",  "vendorField": {"a":[1,2,{"b":null}]},\n "address":{"city":"Gent","district":"Centrum"},\t"devices":[{"type":"ev","firmware":"1.2.3"}], "note":"héllo ☀ 🔋" }';
    const answer = await h.post('/v1/onboarding', raw, {
      headers: { 'user-agent': 'sg1/4.2', 'idempotency-key': 'k-raw-1', 'x-secret': 'nope' },
    });
    expect(answer.status).toBe(202);
    const record = h.sink.records[0];
    expect(record?.body).toEqual({
      serialNumber: SERIAL,
      vendorField: { a: [1, 2, { b: null }] },
      address: { city: 'Gent', district: 'Centrum' },
      devices: [{ type: 'ev', firmware: '1.2.3' }],
      note: 'héllo ☀ 🔋',
    });
    expect(record?.raw.body).toBe(raw);
    expect(record?.raw.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'sg1/4.2',
      'idempotency-key': 'k-raw-1',
    });
    expect(JSON.stringify(record)).not.toContain(SECRETS.bound);
  });

  it('keeps a byte-order mark and odd whitespace in the raw text', async () => {
    h = await startListener();
    const raw = '\uFEFF\r\n {"serialNumber":"SG1-000123","status":"ok"}\r\n';
    expect((await h.post('/v1/health', raw)).status).toBe(202);
    expect(h.sink.records[0]?.raw.body).toBe(raw);
  });

  it('generates an eventId when none is given, and uses the Idempotency-Key when that is all there is', async () => {
    h = await startListener();
    const first = await h.post('/v1/health', { serialNumber: SERIAL, status: 'ok' });
    expect(first.status).toBe(202);
    expect(first.json?.['eventId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.sink.records[0]?.eventId).toBe(first.json?.['eventId']);
    const keyed = await h.post(
      '/v1/health',
      { serialNumber: SERIAL, status: 'ok' },
      { headers: { 'idempotency-key': 'hk-1' } },
    );
    expect(keyed.json).toEqual({ received: true, serialNumber: SERIAL, eventId: 'hk-1' });
  });

  it('passes health and offboarding for unknown serials on to the sink', async () => {
    h = await startListener();
    expect(
      (
        await h.post(
          '/v1/health',
          { serialNumber: 'NEVER-SEEN-1', status: 'error' },
          { secret: SECRETS.integration },
        )
      ).status,
    ).toBe(202);
    expect(
      (await h.post('/v1/offboarding', { serialNumber: 'NEVER-SEEN-2' }, { secret: SECRETS.integration }))
        .status,
    ).toBe(202);
    expect(h.sink.records.map((r) => [r.kind, r.serial, r.tokenId])).toEqual([
      ['health', 'NEVER-SEEN-1', 'tok-integration'],
      ['offboarding', 'NEVER-SEEN-2', 'tok-integration'],
    ]);
  });

  it('answers 503 with Retry-After when the sink rejects, and lets the retry through', async () => {
    h = await startListener();
    h.sink.behaviour = () => Promise.reject(new Error('disk full'));
    const failed = await h.post('/v1/offboarding', OFFBOARDING_EXAMPLE);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(isProblem(failed.headers.get('content-type'), failed.json)).toBe(true);
    expect(failed.text).not.toContain('disk full');
    h.sink.behaviour = () => Promise.resolve();
    const retried = await h.post('/v1/offboarding', OFFBOARDING_EXAMPLE);
    expect(retried.status).toBe(202);
    expect(h.sink.calls).toBe(2);
  });

  it('answers 503 when the sink is too slow, and replays the late success to the retry', async () => {
    h = await startListener({ options: { sinkTimeoutMs: 100 } });
    const gate = deferred();
    h.sink.behaviour = () => gate.promise;
    const slow = await h.post('/v1/health', HEALTH_EXAMPLE);
    expect(slow.status).toBe(503);
    gate.resolve();
    // The late success is stored in the promise chain of the sink: one turn of the loop settles it.
    await new Promise((r) => setImmediate(r));
    const retry = await h.post('/v1/health', HEALTH_EXAMPLE);
    expect(retry.status).toBe(202);
    expect(retry.json).toEqual({ received: true, serialNumber: SERIAL, eventId: HEALTH_EXAMPLE.eventId });
    expect(h.sink.calls).toBe(1);
  });

  it('records the client address from X-Forwarded-For only when the proxy is trusted', async () => {
    const forwarded = { headers: { 'x-forwarded-for': '203.0.113.7' } };
    h = await startListener();
    await h.post('/v1/health', { ...HEALTH_EXAMPLE, eventId: 'a' }, forwarded);
    expect(h.sink.records[0]?.remoteAddress).toBe('127.0.0.1');
    await h.stop();
    h = await startListener({ options: { trustProxy: 'loopback' } });
    await h.post('/v1/health', { ...HEALTH_EXAMPLE, eventId: 'b' }, forwarded);
    expect(h.sink.records[0]?.remoteAddress).toBe('203.0.113.7');
  });

  it('serves /healthz without a token', async () => {
    h = await startListener();
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
