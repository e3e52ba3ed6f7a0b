import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLBACK_BODY_SCHEMAS,
  CALLBACK_KINDS,
  HEALTH_EXAMPLE,
  OFFBOARDING_EXAMPLE,
  ONBOARDING_EXAMPLE,
  type CallbackKind,
} from '../../shared/protocol/listener';
import {
  isProblem,
  parseRawAnswer,
  rawExchange,
  rawRequest,
  SECRETS,
  startListener,
  type Harness,
} from './listener-harness';

/**
 * EX-1 in small: hostile input must only ever get a 4xx problem document, never a 5xx, never a
 * sink call, never a crash, and never touch Object.prototype. About 1,500 cases in a few seconds.
 */
let h: Harness;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const statuses = new Map<number, number>();

beforeAll(async () => {
  h = await startListener({
    options: { rateLimits: { perAddress: 1e9, perBoundToken: 1e9, perIntegrationToken: 1e9 } },
  });
});
afterAll(async () => {
  await h.stop();
});

const EXAMPLES: Record<CallbackKind, Record<string, unknown>> = {
  onboarding: ONBOARDING_EXAMPLE,
  offboarding: OFFBOARDING_EXAMPLE,
  health: HEALTH_EXAMPLE,
};
const isValid = (kind: CallbackKind, value: unknown) => CALLBACK_BODY_SCHEMAS[kind].safeParse(value).success;
const validJson = (kind: CallbackKind, text: string) => {
  try {
    return isValid(kind, JSON.parse(text));
  } catch {
    return false;
  }
};

function check(status: number, contentType: string | null | undefined, text: string): void {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  expect(isProblem(contentType, body), text.slice(0, 300)).toBe(true);
}

async function postText(kind: CallbackKind, text: string): Promise<void> {
  const res = await fetch(`${h.url}/v1/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.integration}` },
    body: text,
  });
  check(res.status, res.headers.get('content-type'), await res.text());
}

const kind = fc.constantFrom(...CALLBACK_KINDS);
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 300 }),
  fc.string({ minLength: 65, maxLength: 2000 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    '\uFEFF',
    '\u202E',
    '\uD800',
    '\uDFFF',
    'ＳＧ１',
    'SG1\u200B-1',
    '../../etc/passwd',
    '%00',
    '${jndi:x}',
  ),
);

describe('listener fuzzing', () => {
  it('answers arbitrary JSON values with 400', async () => {
    await fc.assert(
      fc.asyncProperty(kind, fc.jsonValue({ maxDepth: 6 }), async (k, value) => {
        fc.pre(!isValid(k, value));
        await postText(k, JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('answers wrong types in known fields with 400', async () => {
    await fc.assert(
      fc.asyncProperty(kind, fc.nat(), wrongValue, async (k, index, value) => {
        const example = EXAMPLES[k];
        const fields = Object.keys(example);
        const field = fields[index % fields.length] ?? 'serialNumber';
        const body = { ...example, [field]: value };
        fc.pre(!isValid(k, body));
        await postText(k, JSON.stringify(body));
      }),
      { numRuns: 300 },
    );
  });

  it('answers garbage text with 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        kind,
        fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }), oddText),
        async (k, text) => {
          fc.pre(!validJson(k, text));
          await postText(k, text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers hostile shapes (deep nesting, huge strings, prototype keys, odd unicode) with 4xx', async () => {
    const hostile = fc.oneof(
      fc
        .integer({ min: 33, max: 30_000 })
        .map((n) => `{"serialNumber":"SG1-1","status":"ok","x":${'['.repeat(n)}${']'.repeat(n)}}`),
      fc
        .integer({ min: 65, max: 80_000 })
        .map((n) => JSON.stringify({ serialNumber: 'S'.repeat(n), status: 'ok' })),
      fc
        .integer({ min: 201, max: 60_000 })
        .map((n) => JSON.stringify({ serialNumber: 'SG1-1', status: 'ok', eventId: 'e'.repeat(n) })),
      fc
        .constantFrom('__proto__', 'constructor', 'prototype')
        .chain((key) =>
          wrongValue.map(
            (v) =>
              `{"${key}":{"polluted":true,"serialNumber":"SG1-1"},"serialNumber":${JSON.stringify(v)},"status":"ok"}`,
          ),
        ),
      oddText.map((s) => JSON.stringify({ serialNumber: s, status: 'ok', reason: s })),
      fc.constantFrom(
        '{"serialNumber":"SG1-1","status":"ok"',
        '{"serialNumber":"\\ud800","status":"ok"}',
        '{"a":1}{"b":2}',
        '\u0000{}',
        '{"serialNumber":"SG1-1",}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(kind, hostile, async (k, text) => {
        fc.pre(!validJson(k, text));
        await postText(k, text);
      }),
      { numRuns: 250 },
    );
  });

  it('answers random methods and paths with a 4xx problem', async () => {
    const methods = fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
      'MKCOL',
      'PURGE',
      'SEARCH',
    );
    const paths = fc.oneof(
      fc.webPath({ size: 'small' }).map((p) => p || '/'),
      fc.constantFrom(
        '/v1/onboarding',
        '/v1/health',
        '/v1/offboarding',
        '/v1/openapi.json',
        '/healthz',
        '/v1/%ZZ',
        '/v1/%00',
        '//v1/health',
        '/v1/health/..',
        '/v1/health?__proto__[x]=1',
      ),
    );
    const auth = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: `Bearer ${SECRETS.integration}` },
      { authorization: 'Bearer x' },
    );
    await fc.assert(
      fc.asyncProperty(
        methods,
        paths,
        auth,
        fc.string({ maxLength: 100 }),
        async (method, path, headers, body) => {
          const known =
            (method === 'GET' && (path === '/healthz' || path === '/v1/openapi.json')) ||
            (method === 'POST' && validJsonAnyKind(body));
          fc.pre(!known);
          const res = await rawRequest(h.url, {
            method,
            path,
            headers: { 'content-type': 'application/json', ...headers },
            body,
          });
          check(res.status, res.headers['content-type'], res.text);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('answers raw garbage on the socket with a 400 problem or a closed connection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const text = await rawExchange(h.url, bytes, 5000, true);
        if (text === '') return; // closed without an answer: acceptable for bytes that are not HTTP
        const answer = parseRawAnswer(text);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(isProblem(answer.contentType, answer.body)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('survived: no sink call, no 5xx, still serving, Object.prototype untouched', async () => {
    expect(h.sink.calls).toBe(0);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('keeps a valid call with a __proto__ key harmless', async () => {
    const text =
      '{"serialNumber":"SG1-000123","status":"ok","__proto__":{"polluted":true},"meta":{"__proto__":{"polluted":true}}}';
    const res = await fetch(`${h.url}/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.bound}` },
      body: text,
    });
    expect(res.status).toBe(202);
    const record = h.sink.records.at(-1);
    expect(record?.raw.body).toBe(text);
    expect(Object.getPrototypeOf(record?.body)).toBe(Object.prototype);
    expect((record?.body as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

function validJsonAnyKind(text: string): boolean {
  return CALLBACK_KINDS.some((k) => validJson(k, text));
}
