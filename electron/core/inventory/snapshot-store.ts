import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  fromSnapshot,
  inboxHistoryKnown,
  openCommandsKnown,
  readSnapshot,
} from '../../../shared/domain/inventory/snapshot';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import { openDocument } from '../store/open-document';
import { quarantine } from '../store/quarantine';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { Logger } from '../logger';
import { sha256Hex, SNAPSHOT_FORMAT, type SnapshotEnvelope } from './snapshot-envelope';
import type { SnapshotStats, SnapshotWriter } from './snapshot-writer';

/** The Store document that holds the inventory snapshot. */
export const SNAPSHOT_DOCUMENT = 'inventory';

export type LoadedSnapshot = {
  store: DocumentStore;
  /** The snapshot's state, or an empty one (to be rebuilt from the journal) when there was none or it was bad. */
  state: InventoryState;
  /** Set when the file was unreadable or invalid and moved aside. */
  quarantined?: { movedTo: string; reason: string };
  /**
   * False when the snapshot predates open commands being kept in it: the commands open at its
   * `seq` are then to be found in the journal (recover.ts does so once).
   */
  openCommandsKnown: boolean;
  /** False when the snapshot predates the inbox history: recover.ts rebuilds it from the journal once. */
  inboxHistoryKnown: boolean;
};

/**
 * Loads the snapshot through the Store port. A file that cannot be parsed, fails its checksum or
 * the schema, or comes from a newer build is quarantined (never cleared) and the caller rebuilds
 * from the journal.
 */
export function loadSnapshot(open: OpenStore, pathOf: (name: string) => string, now: number): LoadedSnapshot {
  const opened = openDocument(open, SNAPSHOT_DOCUMENT, pathOf, now);
  if (opened.quarantined)
    return {
      store: opened.store,
      state: emptyState(),
      quarantined: opened.quarantined,
      openCommandsKnown: true,
      inboxHistoryKnown: true,
    };
  if (Object.keys(opened.doc).length === 0)
    return { store: opened.store, state: emptyState(), openCommandsKnown: true, inboxHistoryKnown: true };
  const read = readEnvelope(opened.doc);
  if (read.ok) {
    const { state, openCommandsKnown, inboxHistoryKnown } = read;
    return { store: opened.store, state, openCommandsKnown, inboxHistoryKnown };
  }
  return quarantineAndReopen(open, opened.store, now, read.reason);
}

function readEnvelope(
  doc: Record<string, unknown>,
):
  | { ok: true; state: InventoryState; openCommandsKnown: boolean; inboxHistoryKnown: boolean }
  | { ok: false; reason: string } {
  const { format, sha256: sum, payload } = doc as Partial<SnapshotEnvelope>;
  if (format !== SNAPSHOT_FORMAT || typeof payload !== 'string')
    return { ok: false, reason: 'not an inventory snapshot' };
  if (sha256Hex(payload) !== sum) return { ok: false, reason: 'the snapshot does not match its checksum' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'the snapshot payload is not JSON' };
  }
  const read = readSnapshot(parsed as Record<string, unknown>);
  if (!read.ok) return read;
  return {
    ok: true,
    state: fromSnapshot(read.snapshot),
    openCommandsKnown: openCommandsKnown(read.snapshot),
    inboxHistoryKnown: inboxHistoryKnown(read.snapshot),
  };
}

/** Moves the current snapshot file aside and opens a fresh document in its place. */
export function quarantineAndReopen(
  open: OpenStore,
  store: DocumentStore,
  now: number,
  reason: string,
): LoadedSnapshot {
  const movedTo = quarantine(store.path, now);
  return {
    store: open(SNAPSHOT_DOCUMENT),
    state: emptyState(),
    quarantined: { movedTo, reason },
    openCommandsKnown: true,
    inboxHistoryKnown: true,
  };
}

/**
 * Writes the snapshot through the worker, counting its cost; logs and resolves false on failure.
 * A failed snapshot loses nothing (the journal holds every change), it only makes the next start
 * replay more. The file is the document conf reads (snapshot-envelope.ts), renamed into place
 * after an fsync, so a crash during the write leaves the previous snapshot.
 */
export async function saveSnapshot(
  writer: SnapshotWriter,
  path: string,
  stats: SnapshotStats,
  log: Logger,
): Promise<boolean> {
  try {
    const { ms, seq, background } = await writer.write(path, stats);
    stats.writes += 1;
    stats.lastSeq = seq;
    stats.lastBackground = background;
    stats.lastMs = ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    log.debug(
      { ms: Math.round(ms), mainThreadMs: Math.round(stats.lastMainThreadMs), seq },
      'inventory snapshot written',
    );
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
