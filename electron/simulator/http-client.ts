import { sleep, type Clock } from './clock';
import type { Rng } from './prng';
import { isRetryableStatus, nextDelayMs, parseRetryAfter } from './retry-policy';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured, so a confused server cannot park a controller for hours. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout (real time). */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  timeoutMs: 10_000,
};

export interface PostOptions {
  token?: string;
  idempotencyKey?: string;
  policy: RetryPolicy;
  clock: Clock;
  rng: Rng;
  /** Aborts the request and any back-off wait (fleet.stop()). */
  signal?: AbortSignal;
}

export interface PostResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

/**
 * POSTs JSON, retrying network errors, 408, 429 and 5xx with exponential back-off and jitter, and
 * honouring Retry-After. Other statuses are final. The same body (and thus the same eventId) is sent
 * on every attempt so the listener can deduplicate. Never throws.
 */
export async function postJsonWithRetry(
  url: string,
  body: unknown,
  options: PostOptions,
): Promise<PostResult> {
  const { policy, clock, rng, signal } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const text = JSON.stringify(body);
  let last: PostResult = { ok: false, attempts: 0, error: 'not attempted' };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (signal?.aborted) return { ...last, error: 'aborted' };
    let retryAfterMs: number | undefined;
    try {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: text,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      // Drain the body so the keep-alive socket is released back to the pool.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}` };
      if (!isRetryableStatus(response.status)) return last;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    } catch (error) {
      if (signal?.aborted) return { ok: false, attempts: attempt, error: 'aborted' };
      last = {
        ok: false,
        attempts: attempt,
        error: error instanceof Error ? describe(error) : String(error),
      };
    }
    if (attempt === policy.maxAttempts) break;
    try {
      await sleep(clock, nextDelayMs(attempt - 1, retryAfterMs, policy, rng), signal);
    } catch {
      return { ...last, error: 'aborted' };
    }
  }
  return last;
}

function describe(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
