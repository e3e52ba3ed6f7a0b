import { afterEach, describe, expect, it } from 'vitest';
import { isProblem, rawRequest, SECRETS, SERIAL, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const health = (eventId: string) => ({ serialNumber: SERIAL, status: 'ok', eventId });

describe('listener rate limits', () => {
  it('answers 429 with Retry-After once a token is over its limit, without slowing other tokens', async () => {
    h = await startListener({ options: { rateLimits: { perBoundToken: 3, perAddress: 1000 } } });
    for (let i = 0; i < 3; i++) expect((await h.post('/v1/health', health(`e${i}`))).status).toBe(202);
    const limited = await h.post('/v1/health', health('e3'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(isProblem(limited.headers.get('content-type'), limited.json)).toBe(true);
    expect(h.sink.calls).toBe(3);
    // Another controller's token, and the integration token, are counted separately.
    expect(
      (await h.post('/v1/health', { ...health('o1'), serialNumber: 'SG1-000999' }, { secret: SECRETS.other }))
        .status,
    ).toBe(202);
    expect((await h.post('/v1/health', health('i1'), { secret: SECRETS.integration })).status).toBe(202);
  });

  it('gives integration tokens their own, larger allowance', async () => {
    h = await startListener({
      options: { rateLimits: { perBoundToken: 1, perIntegrationToken: 5, perAddress: 1000 } },
    });
    for (let i = 0; i < 5; i++)
      expect((await h.post('/v1/health', health(`i${i}`), { secret: SECRETS.integration })).status).toBe(202);
    expect((await h.post('/v1/health', health('i5'), { secret: SECRETS.integration })).status).toBe(429);
  });

  it('limits each client address, authenticated or not, and leaves other addresses alone', async () => {
    h = await startListener({ options: { rateLimits: { perAddress: 4, perBoundToken: 1000 } } });
    const from = (localAddress: string) =>
      rawRequest(h!.url, {
        method: 'POST',
        path: '/v1/health',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        localAddress,
      });
    // Token guessing from one address: four 401s, then 429.
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('127.0.0.1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const limited = await from('127.0.0.1');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // 127.0.0.2 is another loopback address on Linux: another client as far as the listener knows.
    expect((await from('127.0.0.2')).status).toBe(401);
  });

  it('does not rate-limit the liveness probe', async () => {
    h = await startListener({ options: { rateLimits: { perAddress: 1 } } });
    for (let i = 0; i < 5; i++) expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
