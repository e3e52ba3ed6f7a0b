import type { CallbackSink, RefusedCallback } from './callback-route';
import type { IdempotencyStore } from './idempotency-store';
import type { TokenStore } from './token-store';
import { DEFAULT_TIMEOUTS, type TimeoutOptions, type TlsOptions } from './http-server';
import { DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limits';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body';
import type { Clock } from '../clock';
import type { ListenerLog } from './listener-log';

/** What the listener is given; it reaches nothing else of the core. */
export type ListenerDeps = {
  /** Where validated callbacks go; the 202 waits for its promise. */
  sink: CallbackSink;
  /**
   * Told about authenticated calls that were refused (invalid body, token of another serial), so
   * the core can keep them as evidence. Not awaited: the refusal is answered at once.
   */
  onRefused?: (refusal: RefusedCallback) => void;
  /** Token lookup by digest. */
  tokens: TokenStore;
  /** Remembered answers; defaults to an in-memory store (lost on restart). */
  idempotency?: IdempotencyStore;
  clock?: Clock;
  log?: ListenerLog;
};

/** Tunables, all with safe defaults. */
export type ListenerOptions = {
  /** Serve HTTPS with this PEM pair instead of HTTP. */
  tls?: TlsOptions;
  timeouts?: Partial<TimeoutOptions>;
  rateLimits?: Partial<RateLimitOptions>;
  /** Default 64 KiB (listener-api.md). */
  bodyLimitBytes?: number;
  /** How long a call waits for the sink before answering 503. Default 10 s. */
  sinkTimeoutMs?: number;
  /** How long `stop()` lets in-flight requests finish before cutting connections. Default 10 s. */
  drainTimeoutMs?: number;
  /**
   * Express `trust proxy` for a reverse proxy in front (hop count, or addresses/subnets), so that
   * rate limits and records see the client's address. Never `true`: anyone could forge it.
   */
  trustProxy?: false | number | string | string[];
  /** Public base URL, published as the OpenAPI `servers` entry. */
  publicUrl?: string;
};

export type ResolvedListenerOptions = Required<
  Omit<ListenerOptions, 'tls' | 'publicUrl' | 'timeouts' | 'rateLimits'>
> & {
  tls: TlsOptions | undefined;
  publicUrl: string | undefined;
  timeouts: TimeoutOptions;
  rateLimits: RateLimitOptions;
};

/** Fills defaults and refuses combinations Node would reject or that defeat their purpose. */
export function resolveListenerOptions(options: ListenerOptions): ResolvedListenerOptions {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  if (!(timeouts.headersMs > 0 && timeouts.requestMs >= timeouts.headersMs)) {
    throw new Error('listener timeouts: headersMs must be > 0 and requestMs ≥ headersMs');
  }
  const resolved: ResolvedListenerOptions = {
    tls: options.tls,
    publicUrl: options.publicUrl || undefined,
    timeouts,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    sinkTimeoutMs: options.sinkTimeoutMs ?? 10_000,
    drainTimeoutMs: options.drainTimeoutMs ?? 10_000,
    trustProxy: options.trustProxy ?? false,
  };
  if (resolved.bodyLimitBytes <= 0) throw new Error('listener bodyLimitBytes must be > 0');
  if ((resolved.trustProxy as unknown) === true)
    throw new Error('listener trustProxy must name hops or addresses, never true');
  return resolved;
}
