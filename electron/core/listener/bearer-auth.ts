import { hash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ListenerToken } from '../../../shared/protocol/listener';
import { clientAddress } from './client-address';
import { BEARER_TOKEN_PATTERN, type TokenStore } from './token-store';
import { HttpProblem, unavailable } from './problem';
import type { ListenerLog } from './listener-log';

const authenticated = new WeakMap<Request, ListenerToken>();

/** The token that authenticated this request; only valid behind `bearerAuth`. */
export function tokenOf(req: Request): ListenerToken {
  const token = authenticated.get(req);
  if (!token) throw new Error('tokenOf() used on a route without bearerAuth');
  return token;
}

const WHERE = 'Listener tokens are created in Fleetdesk under Settings → Listener tokens.';

function refused(detail: string, error?: 'invalid_token' | 'invalid_request'): HttpProblem {
  const challenge = error ? `Bearer realm="fleetdesk", error="${error}"` : 'Bearer realm="fleetdesk"';
  return new HttpProblem(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
}

/**
 * Requires `Authorization: Bearer <token>` naming a known, unrevoked token. Unknown and revoked
 * tokens get the same answer, so the listener does not confirm that a secret was ever valid.
 */
export function bearerAuth(store: TokenStore, log: ListenerLog): RequestHandler {
  const check = (req: Request, digest: Buffer, candidate: ListenerToken | undefined): void => {
    // The lookup key is a digest of a high-entropy secret, so its timing reveals nothing useful;
    // the constant-time comparison still guards stores that match loosely (prefix indexes, caches).
    const stored = candidate ? Buffer.from(candidate.hash, 'hex') : undefined;
    const equal = stored?.length === digest.length && timingSafeEqual(stored, digest);
    if (!candidate || !equal || candidate.revokedAt !== undefined) {
      log.debug(
        {
          remoteAddress: clientAddress(req),
          tokenId: candidate?.id,
          revoked: candidate?.revokedAt !== undefined,
        },
        'listener call refused: bad token',
      );
      throw refused(`The token is unknown or revoked. ${WHERE}`, 'invalid_token');
    }
    authenticated.set(req, candidate);
  };
  const storeFailed = (error: unknown): never => {
    log.error({ err: error }, 'token store failed');
    throw unavailable('Tokens cannot be checked right now; retry later.');
  };
  // Not async: the in-memory store answers at once, and a promise per request is measurable at
  // thousands of calls a second. A store that answers later is awaited.
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) throw refused(`Send the header "Authorization: Bearer <token>". ${WHERE}`);
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const secret = match?.[1];
    if (secret === undefined || !BEARER_TOKEN_PATTERN.test(secret)) {
      throw refused(`The Authorization header must read "Bearer <token>". ${WHERE}`, 'invalid_request');
    }
    // One-shot `hash`: a third of createHash's cost, which shows at thousands of calls a second.
    const digest = hash('sha256', secret, 'buffer');
    let found: ReturnType<TokenStore['findByHash']>;
    try {
      found = store.findByHash(digest.toString('hex'));
    } catch (error) {
      storeFailed(error);
    }
    if (!(found instanceof Promise)) {
      check(req, digest, found);
      return next();
    }
    return found.then((candidate) => {
      check(req, digest, candidate);
      next();
    }, storeFailed);
  };
}
