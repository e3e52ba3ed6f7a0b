import { existsSync } from 'node:fs';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import type { Journal } from '../journal/journal';
import type { InventoryDeps } from './inventory';
import { DEFAULT_RETENTION, JournalRetention } from './journal-retention';
import { DEFAULT_SNAPSHOT_POLICY, SnapshotScheduler, type SnapshotPolicy } from './snapshot-scheduler';
import { saveSnapshot } from './snapshot-store';
import { SnapshotWriter, type SnapshotStats } from './snapshot-writer';

/** From this many installations on, a state opened from a stale snapshot is written at once (see `prepare`). */
const PREPARE_SNAPSHOT_AT = 1_000;

/** What the snapshot machinery reads of the inventory, always the current one (a restore swaps them). */
export type SnapshotSubject = {
  state(): InventoryState;
  journal(): Journal;
  storePath(): string;
  /** True while archiving must not start (a backup or restore runs, the inventory is closing). */
  archivingBlocked(): boolean;
};

/**
 * The snapshot written behind (in a worker thread, when the scheduler's policy says), and the
 * journal archiving each written snapshot allows: only entries a snapshot on disk holds may leave
 * the live journal.
 */
export class InventorySnapshots {
  readonly stats: SnapshotStats = {
    writes: 0,
    lastMs: 0,
    maxMs: 0,
    lastMainThreadMs: 0,
    lastBackground: false,
    lastSeq: 0,
  };
  readonly writer: SnapshotWriter;
  readonly scheduler: SnapshotScheduler;
  readonly retention: JournalRetention;
  readonly policy: SnapshotPolicy;

  constructor(
    deps: InventoryDeps,
    private readonly subject: SnapshotSubject,
  ) {
    this.policy = { ...DEFAULT_SNAPSHOT_POLICY, ...deps.snapshot };
    this.writer = new SnapshotWriter(subject.state, deps.log, (seq) =>
      subject.journal().durableSegmentsAfter(seq),
    );
    this.retention = new JournalRetention({
      clock: deps.clock,
      log: deps.log,
      policy: () => ({ ...DEFAULT_RETENTION, ...deps.retention?.() }),
      onArchived: deps.onArchived,
    });
    this.scheduler = new SnapshotScheduler(deps.clock, this.policy, async () => {
      const ok = await saveSnapshot(this.writer, subject.storePath(), this.stats, deps.log);
      if (ok) this.retention.afterSnapshot(subject.journal(), this.stats.lastSeq, subject.archivingBlocked);
      return ok;
    });
  }

  /**
   * Where the next snapshot write starts: the snapshot file the open loaded, or a new data
   * folder's empty state, plus the journal's entries since (the worker reads both itself, so a
   * write after a crash or at the first bound of a new folder costs this thread nothing). Without
   * either (the file was moved aside), a large state is written at once, right after open and
   * before callbacks arrive: that write serialises the state on this thread (~100 ms at 10,000
   * installations), which inside a later, timed write would stall the listener. Small ones wait
   * for their first write, so short-lived inventories (tests, tools) start no thread.
   */
  prepare(base: { seq: number; hash: string } | undefined): void {
    const { state, storePath } = this.subject;
    if (base !== undefined && base.seq === 0) {
      this.writer.startFromEmpty();
      return;
    }
    if (base !== undefined && existsSync(storePath())) {
      this.writer.startFrom(storePath(), base.seq, base.hash);
      return;
    }
    if (state().installations.size >= PREPARE_SNAPSHOT_AT) this.scheduler.soon();
  }
}
