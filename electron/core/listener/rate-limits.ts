import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { tokenOf } from './bearer-auth';
import { sendProblem } from './problem';
import type { Logger } from '../logger';

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

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  windowMs: 60_000,
  perAddress: 600,
  perBoundToken: 60,
  perIntegrationToken: 6_000,
};

export type RateLimiters = { perAddress: RequestHandler; perToken: RequestHandler; shutdown(): void };

/** At least one second: a `Retry-After: 0` at the end of a window invites an immediate retry storm. */
function retryAfterOf(property: string) {
  return (req: Request): number => {
    const info = (req as unknown as Record<string, RateLimitInfo | undefined>)[property];
    const resetAt = info?.resetTime?.getTime() ?? Date.now() + 1000;
    return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  };
}

function limiter(
  name: string,
  log: Logger,
  options: {
    windowMs: number;
    limit: number | ((req: Request) => number);
    key: (req: Request) => string;
    detail: string;
  },
) {
  const store = new MemoryStore();
  const property = `rateLimit_${name}`;
  const handler = rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    keyGenerator: options.key,
    store,
    requestPropertyName: property,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    retryAfter: retryAfterOf(property),
    logger: {
      warn: (err, msg) => log.warn({ err }, msg ?? 'rate limiter warning'),
      error: (err, msg) => log.error({ err }, msg ?? 'rate limiter error'),
    },
    handler: (req, res) => {
      log.debug({ limiter: name, remoteAddress: req.ip }, 'listener call rate-limited');
      sendProblem(
        res,
        429,
        'Too many requests',
        `${options.detail} Wait ${String(res.getHeader('Retry-After'))} s (see Retry-After) and send fewer requests.`,
      );
    },
  });
  return { handler, store };
}

/** The two limiters of the listener; `shutdown()` stops their clean-up timers. */
export function createRateLimiters(options: RateLimitOptions, log: Logger): RateLimiters {
  const byAddress = limiter('address', log, {
    windowMs: options.windowMs,
    limit: options.perAddress,
    // IPv6 clients are grouped per /56, the smallest block one customer usually gets.
    key: (req) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown', 56),
    detail: 'This address sent too many requests.',
  });
  const byToken = limiter('token', log, {
    windowMs: options.windowMs,
    limit: (req) => (tokenOf(req).serial === null ? options.perIntegrationToken : options.perBoundToken),
    key: (req) => tokenOf(req).id,
    detail: 'This token sent too many requests.',
  });
  return {
    perAddress: byAddress.handler,
    perToken: byToken.handler,
    shutdown: () => {
      byAddress.store.shutdown();
      byToken.store.shutdown();
    },
  };
}
