import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../electron/simulator/prng';
import {
  backoffDelayMs,
  isRetryableStatus,
  nextDelayMs,
  parseRetryAfter,
} from '../../electron/simulator/retry-policy';

describe('retry policy', () => {
  it('retries overload and server errors only', () => {
    expect([429, 500, 502, 503, 504, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 415].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 10, 26, 10, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter inside [d/2, d], capped', () => {
    const rng = mulberry32(1);
    for (let retry = 0; retry < 12; retry++) {
      const d = Math.min(30_000, 500 * 2 ** retry);
      const delay = backoffDelayMs(retry, 500, 30_000, rng);
      expect(delay).toBeGreaterThanOrEqual(d / 2);
      expect(delay).toBeLessThanOrEqual(d);
    }
  });

  it('prefers the server Retry-After, bounded', () => {
    const policy = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };
    const delay = nextDelayMs(0, 2000, policy, mulberry32(3));
    expect(delay).toBeGreaterThanOrEqual(2000);
    expect(delay).toBeLessThanOrEqual(2200);
    expect(nextDelayMs(0, 3_600_000, policy, mulberry32(3))).toBeLessThanOrEqual(61_000);
  });
});
