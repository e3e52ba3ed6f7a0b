import type { CallbackAccepted } from '../../../shared/protocol/listener';

/** The first answer to an idempotent call, replayed verbatim to every repeat of that call. */
export type IdempotentResponse = {
  status: 202;
  body: CallbackAccepted;
  storedAt: string;
  /**
   * SHA-256 (base64url) of the raw body of the call this answered: a repeat with another body is a
   * different call under the same key, refused rather than answered. Absent in entries stored
   * before it was kept; those replay to any repeat, as they always did.
   */
  bodySha256?: string;
};

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

/**
 * The answer a key from `idempotencyScope` implies when stored at `storedAtMs`: 202 with the
 * scope's serial and eventId, stamped with that time. Undefined when the key is not such a scope.
 */
function impliedAnswer(key: string, storedAtMs: number): IdempotentResponse | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 4) return undefined;
  const [, , serial, eventId] = parts as unknown[];
  if (typeof serial !== 'string' || typeof eventId !== 'string') return undefined;
  return {
    status: 202,
    body: { received: true, serialNumber: serial, eventId },
    storedAt: new Date(storedAtMs).toISOString(),
  };
}

/** True when `response` is exactly what `impliedAnswer` rebuilds from its key and the time `at`. */
function isImplied(key: string, response: IdempotentResponse, at: number): boolean {
  const implied = impliedAnswer(key, at);
  return (
    implied !== undefined &&
    response.status === implied.status &&
    response.storedAt === implied.storedAt &&
    Object.keys(response.body).length === 3 &&
    response.body.received === true &&
    response.body.serialNumber === implied.body.serialNumber &&
    response.body.eventId === implied.body.eventId
  );
}

type Entry = { response: IdempotentResponse; at: number };

/**
 * An implied answer's time and body digest as one flat string: the time in base 36, a space, and
 * the digest's 32 bytes as latin1 (~50 bytes of heap; the base64url text joined to the time came to
 * ~120). Undefined when the pair would not come back exactly (a time that is not a whole ms, a
 * digest that is not a SHA-256 in canonical base64url); such an answer is kept whole.
 */
function packed(at: number, digest: string): string | undefined {
  if (!Number.isSafeInteger(at) || at < 0) return undefined;
  const bytes = Buffer.from(digest, 'base64url');
  if (bytes.length !== 32 || bytes.toString('base64url') !== digest) return undefined;
  // Built from one Buffer, so V8 holds it as one flat string, not a chain of concatenated parts.
  return Buffer.concat([Buffer.from(`${at.toString(36)} `, 'latin1'), bytes]).toString('latin1');
}

function unpacked(value: string): { at: number; digest: string } {
  const split = value.indexOf(' ');
  return {
    at: parseInt(value.slice(0, split), 36),
    digest: Buffer.from(value.slice(split + 1), 'latin1').toString('base64url'),
  };
}

/**
 * An `IdempotencyStore` in memory: for tests, and as the default until the core supplies one.
 *
 * Nearly every answer is the one its key implies (the serial and eventId of the scope, and the time
 * it was stored), so such an answer is kept as that time alone and rebuilt, equal in every field,
 * when a repeat asks: one number per entry instead of four objects and three strings. Measured at
 * the 50,000 entries a busy listener keeps: ~22 MB of heap down to ~8 MB, and the store's part of a
 * full GC from ~13 ms to ~1 ms (the ingest benchmark's tail latency rises with each major GC).
 * With its body's digest, such an answer is kept as one short string (`packed`): a primitive too,
 * so still nothing for the GC to trace (50,000 entries: ~6 MB of heap, ~9 MB with digests). Other answers are kept whole.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, number | string | Entry>();
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
    if (entry === undefined) return undefined;
    const unpack = typeof entry === 'string' ? unpacked(entry) : undefined;
    const at = typeof entry === 'number' ? entry : typeof entry === 'object' ? entry.at : (unpack?.at ?? 0);
    if (this.now() - at > this.retentionMs) {
      this.entries.delete(key);
      return undefined;
    }
    if (typeof entry === 'object') return entry.response;
    const implied = impliedAnswer(key, at);
    return unpack && implied ? { ...implied, bodySha256: unpack.digest } : implied;
  }

  async put(key: string, response: IdempotentResponse): Promise<void> {
    this.entries.delete(key);
    const at = this.now();
    // The answer is stamped just before it is stored, by the same clock: the same millisecond,
    // nearly always. When it is not, or the answer says more than its key, it is kept whole.
    const digest = response.bodySha256;
    const compact = !isImplied(key, response, at)
      ? undefined
      : digest === undefined
        ? at
        : packed(at, digest);
    this.entries.set(key, compact ?? { response, at });
    // Map iteration is insertion order, so the first key is the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
