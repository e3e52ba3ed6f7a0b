export { ListenerServer, DEFAULT_LISTENER_HOST, type ListenerAddress } from './listener-server';
export type { ListenerDeps, ListenerOptions } from './listener-options';
export type { CallbackSink } from './callback-route';
export {
  InMemoryTokenStore,
  issueToken,
  tokenFromSecret,
  hashTokenSecret,
  MIN_SECRET_LENGTH,
  type TokenStore,
  type TokenScope,
} from './token-store';
export {
  InMemoryIdempotencyStore,
  idempotencyScope,
  type IdempotencyStore,
  type IdempotentResponse,
} from './idempotency-store';
export { DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limits';
export { DEFAULT_TIMEOUTS, type TimeoutOptions, type TlsOptions } from './http-server';
export { buildOpenApiDocument, LISTENER_API_VERSION } from './openapi';
