import { join } from 'node:path';
import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import { openCommandsOf } from '../../../shared/domain/inventory/open-commands';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import { Journal, type JournalOptions } from '../journal/journal';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { InventoryProblem } from './problems';
import { loadSnapshot, quarantineAndReopen, removeOrphanTemps } from './snapshot-store';

export type Recovered = {
  store: DocumentStore;
  journal: Journal;
  state: InventoryState;
  problems: InventoryProblem[];
  /** Entries replayed on top of the snapshot. */
  replayed: number;
  /** The snapshot was missing, bad or stale enough that a fresh one should be written soon. */
  snapshotStale: boolean;
  /** Temp files of interrupted snapshot writes that were removed. */
  orphans: string[];
  /** Problems in older journal segments, found in the background after the state is ready. */
  history: Promise<InventoryProblem[]>;
};

/**
 * Snapshot + journal → state. The snapshot is a shortcut, the journal the truth: a bad snapshot
 * is quarantined and the state rebuilt from the whole journal; one that disagrees with the
 * journal at its own sequence number is quarantined too.
 */
export async function recover(
  dataDir: string,
  openStore: OpenStore,
  now: number,
  journalOptions: Omit<JournalOptions, 'replayAfter'>,
): Promise<Recovered> {
  const pathOf = (name: string) => join(dataDir, `${name}.json`);
  let loaded = loadSnapshot(openStore, pathOf, now);
  const orphans = removeOrphanTemps(loaded.store);
  const problems: InventoryProblem[] = [];
  if (loaded.quarantined) problems.push(unreadable(loaded.quarantined));
  const opened = await Journal.open(join(dataDir, 'journal'), {
    ...journalOptions,
    replayAfter: loaded.state.seq,
  });
  problems.push(...opened.problems);
  let { state } = loaded;
  let tail = opened.tail;
  const mismatch = opened.hashAtReplayPoint !== undefined && opened.hashAtReplayPoint !== state.hash;
  if (state.seq > 0 && mismatch) {
    const reason = `the snapshot at entry ${state.seq} does not match the journal there`;
    loaded = quarantineAndReopen(openStore, loaded.store, now, reason);
    problems.push({
      kind: 'snapshot-mismatch',
      severity: 'error',
      detail: `${reason}; moved aside to ${loaded.quarantined?.movedTo ?? '?'} and rebuilt from the journal`,
    });
    state = emptyState();
    tail = await opened.journal.readSince(0);
  } else if (state.seq > 0 && !loaded.openCommandsKnown) {
    // A snapshot from a build that did not keep open commands: find them in the journal up to it,
    // once; the fresh snapshot written soon after (snapshotStale) holds them.
    const upTo = state.seq;
    const before = (await opened.journal.readSince(0)).filter((e) => e.seq <= upTo);
    state.openCommands = openCommandsOf(before);
  }
  for (const entry of tail) applyEntry(state, entry);
  const snapshotStale = loaded.quarantined !== undefined || mismatch || !loaded.openCommandsKnown;
  return {
    store: loaded.store,
    journal: opened.journal,
    state,
    problems,
    orphans,
    replayed: tail.length,
    snapshotStale,
    history: opened.history,
  };
}

function unreadable(q: { movedTo: string; reason: string }): InventoryProblem {
  return {
    kind: 'snapshot-unreadable',
    severity: 'error',
    detail: `the inventory snapshot could not be read (${q.reason}); it was moved aside to ${q.movedTo} and the inventory rebuilt from the journal`,
  };
}
