import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_CHECK_PATH } from '../../shared/contract/token-check';
import { API_PATH, TOKEN_PARAM } from '../../shared/contract/wire';

/** What a WebSocket handshake on the UI port may open: the API, the token check, or nothing (401). */
export type ApiAccess = 'api' | 'token-check' | 'refused';

/**
 * Decides a handshake. Both sockets must come from the UI's own origin, so another page in the same
 * browser can neither drive the core nor ask about tokens; the API also needs this run's token.
 */
export function apiAccess(req: IncomingMessage, token: string): ApiAccess {
  // Browsers always send Origin on WebSocket handshakes; it must be this server's own origin.
  if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host}`)
    return 'refused';
  const url = requestUrl(req);
  if (url.pathname === TOKEN_CHECK_PATH) return 'token-check';
  return url.pathname === API_PATH && presentsToken(req, token) ? 'api' : 'refused';
}

/** Whether the request's `?token=` is this run's token, compared in constant time. */
export function presentsToken(req: IncomingMessage, token: string): boolean {
  return sameSecret(requestUrl(req).searchParams.get(TOKEN_PARAM) ?? '', token);
}

function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://localhost');
}

/** Constant-time comparison over digests, so neither length nor content leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
