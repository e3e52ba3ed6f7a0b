import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ListenerToken } from '../../../shared/protocol/listener';

/**
 * Port through which the listener looks tokens up. The core backs it by the data file; tests use
 * `InMemoryTokenStore`. It only ever sees digests, never secrets.
 */
export interface TokenStore {
  /** The token whose SHA-256 hex digest is `hash`, revoked or not; `undefined` when none is. */
  findByHash(hash: string): ListenerToken | undefined | Promise<ListenerToken | undefined>;
}

/** RFC 6750 `b64token`: what may follow `Bearer ` in an Authorization header. */
export const BEARER_TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Shortest secret accepted from outside (`--listener-token`); generated ones are 43+ chars. */
export const MIN_SECRET_LENGTH = 16;

/** Lower-case hex SHA-256 of a token secret: the only form in which tokens are stored. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export type TokenScope = { label: string; serial: string | null };

/** A token record for a given secret; what a supplied `--listener-token` becomes. */
export function tokenFromSecret(
  secret: string,
  scope: TokenScope,
  now: Date,
  id: string = randomUUID(),
): ListenerToken {
  if (secret.length < MIN_SECRET_LENGTH || !BEARER_TOKEN_PATTERN.test(secret)) {
    throw new Error(
      `A listener token must be at least ${MIN_SECRET_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / (then optional '=').`,
    );
  }
  return {
    id,
    label: scope.label,
    serial: scope.serial,
    hash: hashTokenSecret(secret),
    createdAt: now.toISOString(),
  };
}

/**
 * Creates a new random token. The secret is returned once, to be shown to the operator and handed
 * to the controller; only the record (with its digest) is stored.
 */
export function issueToken(scope: TokenScope, now: Date): { secret: string; token: ListenerToken } {
  const secret = `fdl_${randomBytes(32).toString('base64url')}`;
  return { secret, token: tokenFromSecret(secret, scope, now) };
}

/** A `TokenStore` held in memory, with the management calls Settings needs. */
export class InMemoryTokenStore implements TokenStore {
  private readonly byId = new Map<string, ListenerToken>();
  /** Looked up on every callback; a scan of every token per call is what this avoids. */
  private readonly byHash = new Map<string, ListenerToken>();

  constructor(tokens: Iterable<ListenerToken> = []) {
    for (const token of tokens) this.add(token);
  }

  add(token: ListenerToken): void {
    const replaced = this.byId.get(token.id);
    if (replaced) this.byHash.delete(replaced.hash);
    this.byId.set(token.id, token);
    this.byHash.set(token.hash, token);
  }

  /** Marks a token revoked; it stays listed so the operator sees what was revoked and when. */
  revoke(id: string, at: Date): boolean {
    const token = this.byId.get(id);
    if (!token) return false;
    if (!token.revokedAt) this.add({ ...token, revokedAt: at.toISOString() });
    return true;
  }

  list(): ListenerToken[] {
    return [...this.byId.values()];
  }

  findByHash(hash: string): ListenerToken | undefined {
    return this.byHash.get(hash);
  }
}
