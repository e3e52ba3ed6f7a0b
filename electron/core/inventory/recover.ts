import { join } from 'node:path';
import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { trackOpenCommand, type OpenCommand } from '../../../shared/domain/inventory/open-commands';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import { Journal, type JournalOptions } from '../journal/journal';
import type { DocumentStore, OpenStore } from '../store/store-port';
import { rebuildInboxHistory } from './inbox-history-rebuild';
import { leftoversBesideEmpty, settleInterruptedRestore } from './interrupted-restore';
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
  /**
   * The state the next snapshot write can be rebuilt from off the main thread: the snapshot file
   * that was loaded (entry `seq`, hash `hash`; seq 0: a new data folder's empty state), which the
   * journal's entries since complete. Undefined when that file cannot serve (quarantined, not the
   * journal's, or without open commands or inbox history): the next write then serialises the main state.
   */
  snapshotBase: { seq: number; hash: string } | undefined;
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
  // A restore a stop cut short is finished or undone before anything is read.
  const settled = await settleInterruptedRestore(dataDir, now);
  const pathOf = (name: string) => join(dataDir, `${name}.json`);
  let loaded = loadSnapshot(openStore, pathOf, now);
  const orphans = removeOrphanTemps(loaded.store);
  const problems: InventoryProblem[] = [...settled.problems];
  if (loaded.quarantined) problems.push(unreadable(loaded.quarantined));
  // Read before the open: replaying onto `base` moves its seq and hash on.
  const { seq: snapshotSeq, hash: snapshotHash } = loaded.state;
  const base = loaded.state;
  // Entries are applied as the open verifies them, so a long replay (no snapshot) never holds the
  // journal in memory. A snapshot that predates open commands needs them found first (below).
  const applyNow = snapshotSeq === 0 || loaded.openCommandsKnown;
  const opened = await Journal.open(join(dataDir, 'journal'), {
    ...journalOptions,
    replayAfter: snapshotSeq,
    ...(applyNow ? { onReplay: (entry: JournalEntry) => applyEntry(base, entry) } : {}),
  });
  problems.push(...opened.problems);
  let state = base;
  let replayed = opened.replayed;
  const mismatch = opened.hashAtReplayPoint !== undefined && opened.hashAtReplayPoint !== snapshotHash;
  if (snapshotSeq > 0 && mismatch) {
    const reason = `the snapshot at entry ${snapshotSeq} does not match the journal there`;
    loaded = quarantineAndReopen(openStore, loaded.store, now, reason);
    problems.push({
      kind: 'snapshot-mismatch',
      severity: 'error',
      detail: `${reason}; moved aside to ${loaded.quarantined?.movedTo ?? '?'} and rebuilt from the journal`,
    });
    const rebuilt = emptyState();
    replayed = await opened.journal.replaySince(0, (entry) => applyEntry(rebuilt, entry));
    state = rebuilt;
  } else if (!applyNow) {
    // A snapshot from a build that did not keep open commands: find them in the journal up to it,
    // once; the fresh snapshot written soon after (snapshotStale) holds them. Then the tail.
    const open = new Map<string, OpenCommand>();
    await opened.journal.replaySince(0, (entry) => {
      if (entry.seq <= snapshotSeq) trackOpenCommand(open, entry);
    });
    state.openCommands = open;
    for (const entry of opened.tail) applyEntry(state, entry);
  }
  // A snapshot from a build that did not keep the inbox history: rebuilt from the journal, once.
  if (snapshotSeq > 0 && !loaded.inboxHistoryKnown) await rebuildInboxHistory(opened.journal, state);
  // The restore finished above is journaled as the restore itself would have done.
  if (settled.owed) for (const entry of await opened.journal.append([settled.owed])) applyEntry(state, entry);
  problems.push(...leftoversBesideEmpty(dataDir, state.seq));
  const snapshotStale =
    loaded.quarantined !== undefined || mismatch || !loaded.openCommandsKnown || !loaded.inboxHistoryKnown;
  return {
    store: loaded.store,
    journal: opened.journal,
    state,
    problems,
    orphans,
    replayed,
    snapshotStale,
    snapshotBase: snapshotStale ? undefined : { seq: snapshotSeq, hash: snapshotHash },
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
