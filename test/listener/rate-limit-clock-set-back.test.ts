/**
 * The listener's rate-limit window is a minute of elapsed time. A wall clock set back (NTP, a
 * resumed VM, the operator fixing the time) must not turn it into an hour of 429s.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SERIAL, startListener, type Harness } from './listener-harness';

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.stop();
  h = undefined;
});

const HOUR = 3_600_000;
const health = (eventId: string) => ({ serialNumber: SERIAL, status: 'ok', eventId });

describe('listener rate limit after the wall clock is set back', () => {
  it('tells a controller over its per-minute limit to wait at most a minute, and serves it after that minute', async () => {
    const start = Date.UTC(2026, 2, 29, 10, 0, 0);
    // Wall time (Date) and elapsed time (performance.now) under the test's control; the real
    // timers stay, so the HTTP round trips run as usual.
    vi.useFakeTimers({ toFake: ['Date', 'performance'], now: start });
    h = await startListener({ options: { rateLimits: { perBoundToken: 3, perAddress: 1000 } } });
    for (let i = 0; i < 3; i++) expect((await h.post('/v1/health', health(`e${i}`))).status).toBe(202);
    // The wall clock is set back an hour; no elapsed time passes.
    vi.setSystemTime(start - HOUR);
    const limited = await h.post('/v1/health', health('e3'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after')), 'Retry-After seconds').toBeLessThanOrEqual(60);
    // One minute of elapsed time later, a new window has begun.
    vi.advanceTimersByTime(60_000);
    expect((await h.post('/v1/health', health('e4'))).status).toBe(202);
  });
});
