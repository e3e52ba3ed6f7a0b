import express, { type Express, type RequestHandler } from 'express';
import { CALLBACK_KINDS } from '../../../shared/protocol/listener';
import { bearerAuth } from './bearer-auth';
import { callbackHandler, type CallbackSink, type RefusedCallback } from './callback-route';
import { problemErrorHandler } from './error-handler';
import type { IdempotentCalls } from './idempotent-calls';
import { jsonBody, requireJson } from './json-body';
import type { ResolvedListenerOptions } from './listener-options';
import { HttpProblem, RETRY_AFTER_SECONDS, sendProblem } from './problem';
import type { RateLimiters } from './rate-limits';
import type { TokenStore } from './token-store';
import type { Clock } from '../clock';
import type { ListenerLog } from './listener-log';

export type ListenerAppDeps = {
  sink: CallbackSink;
  onRefused?: ((refusal: RefusedCallback) => void) | undefined;
  tokens: TokenStore;
  calls: IdempotentCalls;
  /** The limiters in force; read per request, so new limits apply without a restart. */
  limiters: () => RateLimiters;
  clock: Clock;
  log: ListenerLog;
  options: ResolvedListenerOptions;
  openApi: Record<string, unknown>;
  /** True once shutdown began: new requests get 503 and connections are not kept alive. */
  isDraining: () => boolean;
};

function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) => {
    res.setHeader('Allow', allow);
    sendProblem(
      res,
      405,
      'Method not allowed',
      `${req.method} is not supported on ${req.path}; use ${allow.split(', ')[0]}.`,
    );
  };
}

/**
 * The Express app of the callback listener. It serves only the routes of listener-api.md; nothing
 * here can reach control, inventory or settings: callbacks leave through the sink alone.
 */
export function createListenerApp(deps: ListenerAppDeps): Express {
  const { options, limiters } = deps;
  const perAddress: RequestHandler = (req, res, next) => limiters().perAddress(req, res, next);
  const perToken: RequestHandler = (req, res, next) => limiters().perToken(req, res, next);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Paths are matched exactly as published: no case folding, no trailing slash, no query parsing.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.set('query parser', false);
  app.set('trust proxy', options.trustProxy);

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (!deps.isDraining()) return next();
    res.setHeader('Connection', 'close');
    throw new HttpProblem(
      503,
      'Service unavailable',
      'The listener is shutting down; retry shortly.',
      {},
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  });

  const auth = bearerAuth(deps.tokens, deps.log);
  const body = jsonBody(options.bodyLimitBytes);
  const route = {
    sink: deps.sink,
    onRefused: deps.onRefused,
    calls: deps.calls,
    clock: deps.clock,
    log: deps.log,
    sinkTimeoutMs: options.sinkTimeoutMs,
  };
  // The callbacks come first: Express walks every layer in order, matching its path, and at
  // thousands of calls a second each layer passed over costs measurable CPU (ingest benchmark).
  for (const kind of CALLBACK_KINDS) {
    // Throttle and authenticate before reading the body, so strangers cannot make us parse 64 KiB.
    app.post(`/v1/${kind}`, perAddress, auth, perToken, requireJson(), body, callbackHandler(kind, route));
  }

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.all('/healthz', methodNotAllowed('GET, HEAD'));

  // Everything below counts against the per-address limit too, including probes of unknown paths.
  app.use(perAddress);
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(deps.openApi);
  });
  app.all('/v1/openapi.json', methodNotAllowed('GET, HEAD'));
  for (const kind of CALLBACK_KINDS) app.all(`/v1/${kind}`, methodNotAllowed('POST'));

  app.use((req, res) => {
    sendProblem(
      res,
      404,
      'Not found',
      `${req.method} ${req.path.slice(0, 200)} is not part of the Fleetdesk listener API${meantPath(req.path)} (see /v1/openapi.json).`,
    );
  });
  app.use(problemErrorHandler(deps.log, options.bodyLimitBytes));
  return app;
}

/**
 * A near miss of a callback path (`/onboarding`, `/api/v1/health/`, `/V1/Offboarding`) is almost
 * always a URL typed into the Eniris integration by hand: name the one meant, so the supplier can
 * correct it from the 404 alone. Empty for anything else.
 */
function meantPath(path: string): string {
  const last = path.toLowerCase().replace(/\/+$/, '').split('/').at(-1) ?? '';
  const kind = CALLBACK_KINDS.find((k) => k === last);
  return kind === undefined ? '' : `; did you mean POST /v1/${kind}?`;
}
