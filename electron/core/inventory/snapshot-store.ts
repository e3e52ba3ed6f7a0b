import { createHash } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fromSnapshot, readSnapshot, toSnapshot } from '../../../shared/domain/inventory/snapshot';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import { openDocument } from '../store/open-document';
import { quarantine } from '../store/quarantine';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { Logger } from '../logger';

/** The Store document that holds the inventory snapshot. */
export const SNAPSHOT_DOCUMENT = 'inventory';
const FORMAT = 'fleetdesk-inventory-snapshot';

/*
 * Stored shape: `{ format, seq, hash, sha256, payload }` where `payload` is the snapshot as one
 * JSON string. Measured at 10,000 installations, conf on a plain object tree parsed the file
 * three times per open (constructor, deep-equal check, read) and once more before every write
 * (~0.6 s per snapshot write, ~0.7 s per open); on a single string each of those passes is a fast
 * string scan. The checksum catches a damaged payload before the schema check runs.
 */
type Envelope = { format: typeof FORMAT; seq: number; hash: string; sha256: string; payload: string };

export type LoadedSnapshot = {
  store: DocumentStore;
  /** The snapshot's state, or an empty one (to be rebuilt from the journal) when there was none or it was bad. */
  state: InventoryState;
  /** Set when the file was unreadable or invalid and moved aside. */
  quarantined?: { movedTo: string; reason: string };
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Loads the snapshot through the Store port. A file that cannot be parsed, fails its checksum or
 * the schema, or comes from a newer build is quarantined (never cleared) and the caller rebuilds
 * from the journal.
 */
export function loadSnapshot(open: OpenStore, pathOf: (name: string) => string, now: number): LoadedSnapshot {
  const opened = openDocument(open, SNAPSHOT_DOCUMENT, pathOf, now);
  if (opened.quarantined)
    return { store: opened.store, state: emptyState(), quarantined: opened.quarantined };
  if (Object.keys(opened.doc).length === 0) return { store: opened.store, state: emptyState() };
  const read = readEnvelope(opened.doc);
  if (read.ok) return { store: opened.store, state: read.state };
  return quarantineAndReopen(open, opened.store, now, read.reason);
}

function readEnvelope(
  doc: Record<string, unknown>,
): { ok: true; state: InventoryState } | { ok: false; reason: string } {
  const { format, sha256: sum, payload } = doc as Partial<Envelope>;
  if (format !== FORMAT || typeof payload !== 'string')
    return { ok: false, reason: 'not an inventory snapshot' };
  if (sha256(payload) !== sum) return { ok: false, reason: 'the snapshot does not match its checksum' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'the snapshot payload is not JSON' };
  }
  const read = readSnapshot(parsed as Record<string, unknown>);
  return read.ok ? { ok: true, state: fromSnapshot(read.snapshot) } : read;
}

/** Moves the current snapshot file aside and opens a fresh document in its place. */
export function quarantineAndReopen(
  open: OpenStore,
  store: DocumentStore,
  now: number,
  reason: string,
): LoadedSnapshot {
  const movedTo = quarantine(store.path, now);
  return { store: open(SNAPSHOT_DOCUMENT), state: emptyState(), quarantined: { movedTo, reason } };
}

/** Writes `state` as the snapshot (synchronous: conf rewrites the whole file) and returns the time it took. */
export function writeSnapshot(store: DocumentStore, state: InventoryState): number {
  const started = performance.now();
  const payload = JSON.stringify(toSnapshot(state));
  const envelope: Envelope = {
    format: FORMAT,
    seq: state.seq,
    hash: state.hash,
    sha256: sha256(payload),
    payload,
  };
  store.write(envelope);
  return performance.now() - started;
}

/** Counters of snapshot writes, for the benchmark and diagnostics. */
export type SnapshotStats = { writes: number; lastMs: number; maxMs: number };

/**
 * Writes the snapshot, counting its cost; logs and returns false on failure. A failed snapshot
 * loses nothing (the journal holds every change), it only makes the next start replay more.
 */
export function saveSnapshot(
  store: DocumentStore,
  state: InventoryState,
  stats: SnapshotStats,
  log: Logger,
): boolean {
  try {
    const ms = writeSnapshot(store, state);
    stats.writes += 1;
    stats.lastMs = ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    log.debug({ ms: Math.round(ms), seq: state.seq }, 'inventory snapshot written');
    return true;
  } catch (error) {
    log.error({ err: error }, 'inventory snapshot could not be written');
    return false;
  }
}

/**
 * Removes `inventory.json.tmp-*` files that a crash during a conf write left behind (the temp file
 * is renamed over the document only once complete, so an orphan was never the snapshot, and the
 * journal holds everything it did). Call before this process writes the snapshot. Returns their names.
 */
export function removeOrphanTemps(store: DocumentStore): string[] {
  const prefix = `${basename(store.path)}.tmp-`;
  const orphans = readdirSync(dirname(store.path)).filter((name) => name.startsWith(prefix));
  for (const name of orphans) unlinkSync(join(dirname(store.path), name));
  return orphans;
}
