import type { ListenerToken, ListenerTokenInfo } from '../../../shared/protocol/listener/listener-token';
import {
  InMemoryTokenStore,
  issueToken,
  tokenFromSecret,
  hashTokenSecret,
  type TokenStore,
} from '../listener/token-store';
import { ApiFailure } from '../api/dispatch';
import { openDocument } from '../store/open-document';
import { keepCopy } from '../store/quarantine';
import { readTokenFile } from './token-file';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { NoticeBoard } from '../notices/notice-board';
import type { Clock } from '../clock';

/**
 * The listener's bearer tokens, kept in their own data file as digests only. Settings creates and
 * revokes them; the listener only looks them up by digest.
 */
export class TokenRegistry implements TokenStore {
  private readonly changeListeners = new Set<() => void>();

  private constructor(
    private readonly store: DocumentStore,
    private readonly tokens: InMemoryTokenStore,
    private readonly clock: Clock,
  ) {}

  static open(
    open: OpenStore,
    pathOf: (name: string) => string,
    deps: { clock: Clock; notices: NoticeBoard },
  ): TokenRegistry {
    const opened = openDocument(open, 'listener-tokens', pathOf, deps.clock.now());
    const read = readTokenFile(opened.doc);
    const registry = new TokenRegistry(opened.store, new InMemoryTokenStore(read.tokens), deps.clock);
    if (opened.quarantined) {
      deps.notices.add({
        level: 'error',
        title: 'Listener tokens could not be read',
        detail: `The file was moved aside to ${opened.quarantined.movedTo} (${opened.quarantined.reason}). Controllers will be refused until tokens are created again in Settings.`,
      });
    } else if (read.unreadable > 0) {
      // The file is rewritten with the tokens that passed (so what works stays working after the
      // next change too); the copy keeps the entries that did not, as they were.
      const copy = keepCopy(pathOf('listener-tokens'), deps.clock.now());
      registry.save();
      deps.notices.add({
        level: 'error',
        title: `${read.unreadable} listener token${read.unreadable === 1 ? '' : 's'} could not be read`,
        detail: `${read.firstProblem ?? 'Invalid entry'}. Calls with ${read.unreadable === 1 ? 'it are' : 'them are'} refused until a new token is created in Settings; the other ${read.tokens.length} work. The file as it was is kept at ${copy}.`,
      });
    }
    return registry;
  }

  findByHash(hash: string): ListenerToken | undefined {
    return this.tokens.findByHash(hash);
  }

  /** Every token as stored (digest included, never a secret): what the listener's thread holds. */
  digests(): ListenerToken[] {
    return this.tokens.list();
  }

  /** Calls `listener` after every change (create, ensure, revoke); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  list(): ListenerTokenInfo[] {
    return this.tokens.list().map(({ hash: _hash, ...info }) => info);
  }

  /** Creates a token; the secret is returned once and never stored. */
  create(label: string, serial: string | null): { secret: string; token: ListenerTokenInfo } {
    const { secret, token } = issueToken({ label, serial }, new Date(this.clock.now()));
    this.tokens.add(token);
    this.save();
    const { hash: _hash, ...info } = token;
    return { secret, token: info };
  }

  /**
   * Adds a token whose secret was supplied from outside (`--listener-token`), unless it is known.
   * `revokeOthersLabelled`: also revokes the other active tokens with this label, for a supplier
   * that makes a new secret every run and forgets the old one (the demo), so they do not pile up
   * as valid tokens nobody holds.
   * A token revoked earlier stays revoked (revoking is what an operator does with a leaked
   * secret); its revocation time is returned so the caller can say why the token is refused.
   */
  ensure(
    secret: string,
    label: string,
    options: { revokeOthersLabelled?: boolean } = {},
  ): { revokedAt: string } | undefined {
    const hash = hashTokenSecret(secret);
    const now = new Date(this.clock.now());
    let changed = false;
    if (options.revokeOthersLabelled === true) {
      for (const t of this.tokens.list()) {
        if (t.label === label && t.hash !== hash && t.revokedAt === undefined)
          changed = this.tokens.revoke(t.id, now) || changed;
      }
    }
    const known = this.tokens.findByHash(hash);
    if (!known) {
      this.tokens.add(tokenFromSecret(secret, { label, serial: null }, now));
      changed = true;
    }
    if (changed) this.save();
    return known?.revokedAt !== undefined ? { revokedAt: known.revokedAt } : undefined;
  }

  revoke(id: string): ListenerTokenInfo[] {
    if (!this.tokens.revoke(id, new Date(this.clock.now())))
      throw new ApiFailure('not-found', 'There is no such listener token.');
    this.save();
    return this.list();
  }

  private save(): void {
    this.store.write({ tokens: this.tokens.list() });
    for (const listener of this.changeListeners) listener();
  }
}
