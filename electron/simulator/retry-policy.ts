import type { Rng } from './prng';

/** Statuses worth another attempt: the listener is overloaded, shutting down or broken, not refusing us. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Parses a Retry-After header (delay in seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns undefined when absent or unreadable, so the caller falls back to its own back-off.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Exponential back-off with "equal jitter": half the capped exponential delay is fixed, half random,
 * so 10,000 controllers that failed together do not retry together. `retry` counts from 0.
 */
export function backoffDelayMs(retry: number, baseMs: number, maxMs: number, rng: Rng): number {
  const capped = Math.min(maxMs, baseMs * 2 ** retry);
  return capped / 2 + rng() * (capped / 2);
}

/** The wait before the next attempt: the server's Retry-After (plus up to 10 % jitter) wins over back-off. */
export function nextDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  policy: { baseDelayMs: number; maxDelayMs: number; maxRetryAfterMs: number },
  rng: Rng,
): number {
  if (retryAfterMs !== undefined) {
    const honoured = Math.min(retryAfterMs, policy.maxRetryAfterMs);
    return honoured + rng() * Math.min(1000, honoured * 0.1);
  }
  return backoffDelayMs(retry, policy.baseDelayMs, policy.maxDelayMs, rng);
}
