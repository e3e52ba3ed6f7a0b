import { afterEach, describe, expect, it } from 'vitest';
import {
  HEALTH_EXAMPLE,
  ListenerTokenSchema,
  OFFBOARDING_EXAMPLE,
  ONBOARDING_EXAMPLE,
} from '../../shared/protocol/listener';
import {
  hashTokenSecret,
  InMemoryTokenStore,
  issueToken,
  tokenFromSecret,
} from '../../electron/core/listener/token-store';
import { isProblem, SECRETS, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('listener authentication', () => {
  it.each([
    ['no token', 401, null],
    ['an unknown token', 401, 'unknown-token-0000000000'],
    ['a revoked token', 401, SECRETS.revoked],
    ["another controller's token", 403, SECRETS.other],
  ] as const)('refuses %s with %i and never calls the sink', async (_name, status, secret) => {
    h = await startListener();
    for (const [path, body] of [
      ['/v1/onboarding', ONBOARDING_EXAMPLE],
      ['/v1/offboarding', OFFBOARDING_EXAMPLE],
      ['/v1/health', HEALTH_EXAMPLE],
    ] as const) {
      const answer = await h.post(path, body, { secret });
      expect(answer.status).toBe(status);
      expect(isProblem(answer.headers.get('content-type'), answer.json)).toBe(true);
      if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect(h.sink.calls).toBe(0);
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer two words'], ['Bearer ünïcode-token-value']])(
    'refuses the malformed header %j with 401',
    async (header) => {
      h = await startListener();
      const res = await fetch(`${h.url}/v1/health`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: header },
        body: JSON.stringify(HEALTH_EXAMPLE),
      }).catch(() => undefined);
      // fetch itself refuses non-Latin-1 header values; the others must reach the server and fail there.
      if (res) expect(res.status).toBe(401);
      expect(h.sink.calls).toBe(0);
    },
  );

  it('authenticates before reading the body: a stranger gets 401 even for garbage', async () => {
    h = await startListener();
    const answer = await h.post('/v1/health', '{not json', {
      secret: null,
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(401);
  });

  it('lets an integration token report for any serial', async () => {
    h = await startListener();
    for (const serialNumber of ['SG1-000123', 'SG1-000999', 'X.y_z-1']) {
      expect(
        (await h.post('/v1/health', { serialNumber, status: 'ok' }, { secret: SECRETS.integration })).status,
      ).toBe(202);
    }
    expect(h.sink.records.map((r) => r.tokenId)).toEqual([
      'tok-integration',
      'tok-integration',
      'tok-integration',
    ]);
  });

  it('stops accepting a token as soon as it is revoked', async () => {
    h = await startListener();
    expect((await h.post('/v1/health', HEALTH_EXAMPLE)).status).toBe(202);
    h.tokens.revoke('tok-bound', new Date());
    expect((await h.post('/v1/health', { ...HEALTH_EXAMPLE, eventId: 'e-2' })).status).toBe(401);
  });
});

describe('token store', () => {
  it('keeps only the digest of a secret', () => {
    const { secret, token } = issueToken(
      { label: 'controller', serial: 'SG1-1' },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(secret).toMatch(/^fdl_[A-Za-z0-9_-]{43}$/);
    expect(ListenerTokenSchema.parse(token)).toEqual(token);
    expect(token.hash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(token)).not.toContain(secret.slice(4));
  });

  it('refuses short or unusable supplied secrets', () => {
    const scope = { label: 'cli', serial: null };
    expect(() => tokenFromSecret('short', scope, new Date())).toThrow(/at least 16/);
    expect(() => tokenFromSecret('has spaces in the secret', scope, new Date())).toThrow();
    expect(tokenFromSecret('a-long-enough-secret', scope, new Date()).serial).toBeNull();
  });

  it('revokes once and keeps the first revocation time', () => {
    const store = new InMemoryTokenStore([
      tokenFromSecret('a-long-enough-secret', { label: 'x', serial: null }, new Date(0), 't1'),
    ]);
    expect(store.revoke('t1', new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(store.revoke('t1', new Date('2027-01-01T00:00:00Z'))).toBe(true);
    expect(store.revoke('nope', new Date())).toBe(false);
    expect(store.list()[0]?.revokedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(store.findByHash(hashTokenSecret('a-long-enough-secret'))?.id).toBe('t1');
  });
});
