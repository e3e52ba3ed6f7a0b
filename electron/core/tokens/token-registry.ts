import { z } from 'zod';
import {
  ListenerTokenSchema,
  type ListenerToken,
  type ListenerTokenInfo,
} from '../../../shared/protocol/listener/listener-token';
import {
  InMemoryTokenStore,
  issueToken,
  tokenFromSecret,
  hashTokenSecret,
  type TokenStore,
} from '../listener/token-store';
import { ApiFailure } from '../api/dispatch';
import { openDocument } from '../store/open-document';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { NoticeBoard } from '../notices/notice-board';
import type { Clock } from '../clock';

const FileSchema = z.object({ tokens: z.array(ListenerTokenSchema) });

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
    const parsed = FileSchema.safeParse(Object.keys(opened.doc).length === 0 ? { tokens: [] } : opened.doc);
    if (opened.quarantined || !parsed.success) {
      deps.notices.add({
        level: 'error',
        title: 'Listener tokens could not be read',
        detail: `${opened.quarantined ? `The file was moved aside to ${opened.quarantined.movedTo}. ` : 'The file does not match the expected format and was left in place. '}Controllers will be refused until tokens are created again in Settings.`,
      });
    }
    const registry = new TokenRegistry(
      opened.store,
      new InMemoryTokenStore(parsed.success ? parsed.data.tokens : []),
      deps.clock,
    );
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

  /** Adds a token whose secret was supplied from outside (`--listener-token`), unless it is known. */
  ensure(secret: string, label: string): void {
    if (this.tokens.findByHash(hashTokenSecret(secret))) return;
    this.tokens.add(tokenFromSecret(secret, { label, serial: null }, new Date(this.clock.now())));
    this.save();
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
