import type { CallbackAccepted } from '../../../shared/protocol/listener';

/** The first answer to an idempotent call, replayed verbatim to every repeat. */
export type IdempotentResponse = { status: 202; body: CallbackAccepted; storedAt: string };

/**
 * Port for remembered answers. Keys are opaque strings scoped by token, endpoint, serial and the
 * sender's key (see `idempotencyScope`).
 *
 * The port is async because senders retry for hours or days, including after Fleetdesk restarted:
 * the production store must be durable (the core persists it next to the callback records). An
 * entry is written only after the sink confirmed the record durable; if the process dies between
 * the two, a repeat reaches the sink again with the same `eventId`, so the sink should treat a
 * known `(serial, kind, eventId)` as already recorded. Stores may expire entries after a retention
 * period longer than any sender's retry window.
 */
export interface IdempotencyStore {
  get(key: string): Promise<IdempotentResponse | undefined>;
  put(key: string, response: IdempotentResponse): Promise<void>;
}

/**
 * Builds the store key of one call: per token and endpoint, as the API promises, and also per serial
 * so that two controllers sharing an integration token cannot swallow each other's events when
 * their own event counters happen to produce the same id. JSON keeps the parts unambiguous.
 */
export function idempotencyScope(tokenId: string, kind: string, serial: string, key: string): string {
  return JSON.stringify([tokenId, kind, serial, key]);
}

export type InMemoryIdempotencyOptions = {
  /** Oldest entries are dropped beyond this many, so a flood of unique keys cannot exhaust memory. */
  maxEntries?: number;
  /** Entries older than this are forgotten. Default: 7 days. */
  retentionMs?: number;
  now?: () => number;
};

/** An `IdempotencyStore` in memory: for tests, and as the default until the core supplies one. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { response: IdempotentResponse; at: number }>();
  private readonly maxEntries: number;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: InMemoryIdempotencyOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<IdempotentResponse | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.retentionMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.response;
  }

  async put(key: string, response: IdempotentResponse): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { response, at: this.now() });
    // Map iteration is insertion order, so the first key is the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
