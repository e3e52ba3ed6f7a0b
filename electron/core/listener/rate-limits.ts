import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { DEFAULT_LISTENER_LIMITS } from '../../../shared/domain/listener-limits';
import { tokenOf } from './bearer-auth';
import { clientAddress } from './client-address';
import { sendProblem } from './problem';
import type { ListenerLog } from './listener-log';

/** Requests allowed per window. Controllers report every few minutes; these leave ample room. */
export type RateLimitOptions = {
  windowMs: number;
  /** Per client address, counted before authentication so token guessing is throttled too. */
  perAddress: number;
  /** Per token bound to one controller. */
  perBoundToken: number;
  /** Per integration token, which a whole fleet may share. */
  perIntegrationToken: number;
};

/** The defaults of Settings → Listener, over one minute. */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  windowMs: 60_000,
  perAddress: DEFAULT_LISTENER_LIMITS.perAddressPerMinute,
  perBoundToken: DEFAULT_LISTENER_LIMITS.perBoundTokenPerMinute,
  perIntegrationToken: DEFAULT_LISTENER_LIMITS.perIntegrationTokenPerMinute,
};

export type RateLimiters = { perAddress: RequestHandler; perToken: RequestHandler; shutdown(): void };

/** `resetAt` is on `performance.now()`'s scale: elapsed time, not a date. */
type Count = { hits: number; resetAt: number; partitionKey: string };

/**
 * Fixed-window counters per key, with express-rate-limit's answers (429 problem document,
 * `Retry-After`, draft-8 `RateLimit` and `RateLimit-Policy` headers). Written here rather than
 * configured from express-rate-limit because it sits on every callback: measured in the ingest
 * benchmark, its two middlewares (several awaits each, a SHA-256 per header per request) took
 * about 7 % of the listener's CPU; this one is synchronous and hashes each key once per window.
 *
 * Windows are elapsed time (`performance.now()`), never the wall clock: with `Date.now()` a clock
 * set back an hour put every open window's end an hour away, and a controller over its limit got
 * 429s (`Retry-After: 3660`) for that hour.
 */
class FixedWindowLimiter {
  private readonly counts = new Map<string, Count>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly log: ListenerLog,
    private readonly options: {
      windowMs: number;
      limit: (req: Request) => number;
      key: (req: Request) => string;
      detail: string;
    },
  ) {
    // Forgets expired windows, so a stream of one-off addresses cannot grow the map without end.
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const [key, count] of this.counts) if (count.resetAt <= now) this.counts.delete(key);
    }, options.windowMs);
    this.sweeper.unref();
  }

  readonly handler: RequestHandler = (req, res, next) => {
    const now = performance.now();
    const key = this.options.key(req);
    let count = this.counts.get(key);
    if (!count || count.resetAt <= now) {
      count = { hits: 0, resetAt: now + this.options.windowMs, partitionKey: partitionKeyOf(key) };
      this.counts.set(key, count);
    }
    count.hits += 1;
    const limit = this.options.limit(req);
    // At least one second: a `Retry-After: 0` at the end of a window invites an immediate retry storm.
    const resetSeconds = Math.max(1, Math.ceil((count.resetAt - now) / 1000));
    const windowSeconds = Math.ceil(this.options.windowMs / 1000);
    // Node's own appendHeader: Express's res.append reads the header back and re-sets it.
    res.appendHeader('RateLimit', `"${this.name}"; r=${Math.max(0, limit - count.hits)}; t=${resetSeconds}`);
    res.appendHeader(
      'RateLimit-Policy',
      `"${this.name}"; q=${limit}; w=${windowSeconds}; pk=:${count.partitionKey}:`,
    );
    if (count.hits <= limit) return next();
    this.log.debug({ limiter: this.name, remoteAddress: clientAddress(req) }, 'listener call rate-limited');
    res.setHeader('Retry-After', String(resetSeconds));
    sendProblem(
      res,
      429,
      'Too many requests',
      `${this.options.detail} Wait ${resetSeconds} s (see Retry-After) and send fewer requests.`,
    );
  };

  shutdown(): void {
    clearInterval(this.sweeper);
    this.counts.clear();
  }
}

/** The draft-8 partition key: an opaque, stable name for the counted key (never the address itself). */
function partitionKeyOf(key: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return Buffer.from(hash).toString('base64');
}

/** The two limiters of the listener; `shutdown()` stops their clean-up timers. */
export function createRateLimiters(options: RateLimitOptions, log: ListenerLog): RateLimiters {
  const byAddress = new FixedWindowLimiter('address', log, {
    windowMs: options.windowMs,
    limit: () => options.perAddress,
    // IPv6 clients are grouped per /56, the smallest block one customer usually gets.
    key: (req) => ipKeyGenerator(clientAddress(req) || 'unknown', 56),
    detail: 'This address sent too many requests.',
  });
  const byToken = new FixedWindowLimiter('token', log, {
    windowMs: options.windowMs,
    limit: (req) => (tokenOf(req).serial === null ? options.perIntegrationToken : options.perBoundToken),
    key: (req) => tokenOf(req).id,
    detail: 'This token sent too many requests.',
  });
  return {
    perAddress: byAddress.handler,
    perToken: byToken.handler,
    shutdown: () => {
      byAddress.shutdown();
      byToken.shutdown();
    },
  };
}
