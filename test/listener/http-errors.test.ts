import { afterEach, describe, expect, it } from 'vitest';
import { ONBOARDING_EXAMPLE } from '../../shared/protocol/listener';
import {
  isProblem,
  parseRawAnswer,
  rawExchange,
  SERIAL,
  startListener,
  toAnswer,
  type Harness,
} from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('listener validation and HTTP errors', () => {
  it('lists every offending field of an invalid body', async () => {
    h = await startListener();
    const answer = await h.post('/v1/onboarding', {
      serialNumber: 'SG1 000123',
      devices: [{ type: 'storage' }, { type: 'toaster', nominalPowerW: -1 }],
      occurredAt: 'yesterday',
      address: 42,
    });
    expect(answer.status).toBe(400);
    expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
    const fields = (answer.json?.['errors'] as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual([
      'address',
      'devices[1].nominalPowerW',
      'devices[1].type',
      'occurredAt',
      'serialNumber',
    ]);
    expect(answer.json?.['detail']).toMatch(/fix the fields listed in "errors"/);
    expect(h.sink.calls).toBe(0);
  });

  it('counts the other problems as problems, so an enum list does not seem to go on', async () => {
    h = await startListener();
    const answer = await h.post('/v1/onboarding', {
      serialNumber: SERIAL,
      devices: [{ type: 'toaster' }],
      occurredAt: 'yesterday',
    });
    const detail = String(answer.json?.['detail']);
    expect(detail).toMatch(/must be one of storage, solar, ev, hvac, meter, relay; 1 more problem\)/);
    expect(detail).not.toMatch(/and 1 more/);
  });

  it('says a missing field is required', async () => {
    h = await startListener();
    const answer = await h.post('/v1/health', { serialNumber: SERIAL });
    expect(answer.json?.['errors']).toEqual([{ field: 'status', message: 'is required' }]);
  });

  it.each([['[]'], ['"text"'], ['42'], ['null'], ['']])('refuses the body %j with 400', async (body) => {
    h = await startListener();
    const answer = await h.post('/v1/health', body);
    expect(answer.status).toBe(400);
    expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
  });

  it('refuses malformed JSON, deep nesting and invalid UTF-8 with 400', async () => {
    h = await startListener();
    expect((await h.post('/v1/health', '{"serialNumber": "SG1-000123",')).json?.['title']).toBe(
      'Invalid JSON',
    );
    const deep = `{"serialNumber":"SG1-000123","status":"ok","x":${'['.repeat(40)}${']'.repeat(40)}}`;
    expect((await h.post('/v1/health', deep)).json?.['detail']).toMatch(/deeper than 32/);
    const latin1 = Buffer.concat([
      Buffer.from('{"serialNumber":"SG1-000123","status":"ok","n":"'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const res = await fetch(`${h.url}/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bound-token-000123-secret' },
      body: latin1,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/UTF-8/);
    expect(h.sink.calls).toBe(0);
  });

  it('refuses a 1 MB body with 413, quickly', async () => {
    h = await startListener();
    const started = Date.now();
    const answer = await h.post('/v1/onboarding', {
      ...ONBOARDING_EXAMPLE,
      padding: 'x'.repeat(1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.sink.calls).toBe(0);
  });

  it('accepts a body just under 64 KiB', async () => {
    h = await startListener();
    const body = JSON.stringify({ serialNumber: SERIAL, status: 'ok', padding: '' });
    const padded = body.replace('"padding":""', `"padding":"${'x'.repeat(64 * 1024 - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    expect((await h.post('/v1/health', padded)).status).toBe(202);
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['application/json; charset=latin1'],
    ['application/jsonx'],
  ])('refuses Content-Type %s with 415', async (type) => {
    h = await startListener();
    const answer = await h.post('/v1/health', '{}', { headers: { 'content-type': type } });
    expect(answer.status).toBe(415);
    expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
  });

  it('refuses a compressed body with 415 and accepts an explicit UTF-8 charset', async () => {
    h = await startListener();
    expect((await h.post('/v1/health', '{}', { headers: { 'content-encoding': 'gzip' } })).status).toBe(415);
    expect(
      (
        await h.post(
          '/v1/health',
          { serialNumber: SERIAL, status: 'ok' },
          { headers: { 'content-type': 'application/json; charset=UTF-8' } },
        )
      ).status,
    ).toBe(202);
  });

  it.each([
    ['/v1/control'],
    ['/v2/onboarding'],
    ['/v1/onboarding/'],
    ['/V1/ONBOARDING'],
    ['/'],
    ['/v1/inventory?x=1'],
  ])('answers %s with a 404 problem', async (path) => {
    h = await startListener();
    const answer = await h.post(path, {});
    expect(answer.status).toBe(404);
    expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
  });

  it('names the callback path a near miss meant', async () => {
    h = await startListener();
    for (const [path, meant] of [
      ['/onboarding', '/v1/onboarding'],
      ['/api/v1/health/', '/v1/health'],
      ['/V1/Offboarding', '/v1/offboarding'],
    ] as const) {
      const answer = await h.post(path, {});
      expect(answer.status).toBe(404);
      expect((answer.json as { detail: string }).detail).toContain(`did you mean POST ${meant}?`);
    }
    const other = await h.post('/v1/control', {});
    expect((other.json as { detail: string }).detail).not.toContain('did you mean');
  });

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    h = await startListener();
    for (const [method, path, allow] of [
      ['GET', '/v1/onboarding', 'POST'],
      ['PUT', '/v1/health', 'POST'],
      ['DELETE', '/v1/offboarding', 'POST'],
      ['OPTIONS', '/v1/health', 'POST'],
      ['POST', '/v1/openapi.json', 'GET, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
    ] as const) {
      const answer = await toAnswer(await fetch(`${h.url}${path}`, { method }));
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.get('allow')).toBe(allow);
      expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
    }
  });

  it.each([
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405],
    ['an unknown method', 'BREW /v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a garbage request line', '\u0000\u0001 nonsense\r\n\r\n', 400],
    [
      'conflicting lengths',
      'POST /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
      400,
    ],
    ['oversized headers', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])(
    'answers %s, which Node refuses before Express, with a problem document',
    async (_name, payload, status) => {
      h = await startListener();
      const answer = parseRawAnswer(await rawExchange(h.url, payload));
      expect(answer.status).toBe(status);
      expect(isProblem(answer.contentType, answer.body)).toBe(true);
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    },
  );
});
