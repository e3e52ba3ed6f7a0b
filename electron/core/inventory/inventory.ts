import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OnProgress } from '../../../shared/domain/inventory/data-progress';
import type { Contract } from '../../../shared/domain/inventory/contract';
import type { InboxHistory } from '../../../shared/domain/inventory/inbox-history';
import type { Installation, UnknownSerial } from '../../../shared/domain/inventory/installation';
import {
  JournalDraftSchema,
  type JournalDraft,
  type JournalEntry,
} from '../../../shared/domain/inventory/journal-entry';
import { activeLinkOf, type LinkRecord } from '../../../shared/domain/inventory/link';
import type { OpenCommand } from '../../../shared/domain/inventory/open-commands';
import { toSnapshot, type InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import type { Clock } from '../clock';
import type { JournalIo } from '../journal/journal-io';
import { DEFAULT_SEGMENT_BYTES, type DurableSegment, type Journal } from '../journal/journal';
import type { JournalStats } from '../journal/journal-writer';
import type { JournalProblem } from '../journal/problems';
import type { JournalTimelines } from '../journal/journal-timelines';
import type { TimelineSelection } from '../journal/timeline-index';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices/notice-board';
import type { DocumentStore, OpenStore } from '../store/store-port';
import { StateIndexes } from './state-indexes';
import { problemsNotice, type InventoryProblem } from './problems';
import { recover } from './recover';
import { InventoryBackups } from './inventory-backups';
import { InventoryBusyError } from './inventory-busy';
import type { DataPaths } from './replace-data';
import { InventorySnapshots } from './inventory-snapshots';
import type { SnapshotPolicy } from './snapshot-scheduler';
import type { SnapshotStats } from './snapshot-writer';
import { isVouched } from './vouched-drafts';
import type { RetentionPolicy } from './journal-retention';
import type { ArchivedSegment, ArchiveSummary } from '../../../shared/domain/inventory/journal-archive';

export type InventoryDeps = {
  dataDir: string;
  openStore: OpenStore;
  clock: Clock;
  log: Logger;
  /** Where recovery problems are shown; without it they are only logged and kept in `problems`. */
  notices?: NoticeBoard;
  snapshot?: Partial<SnapshotPolicy>;
  journal?: { io?: JournalIo; maxSegmentBytes?: number; historyAfter?: Promise<unknown> };
  /** Told about every durable commit, in order, after it is applied (for UI events). */
  onCommitted?: (entries: JournalEntry[]) => void;
  /** How much of the journal stays online (default DEFAULT_RETENTION); read at each archiving run. */
  retention?: () => Partial<RetentionPolicy>;
  /** Told when old segments went into the archive (their entries left the live journal). */
  onArchived?: (segments: ArchivedSegment[]) => void;
};

/**
 * Installations, contracts and links, held in memory. Every change is a journal entry: `commit`
 * resolves once the entries are fsynced and applied, the snapshot is written behind. Open =
 * snapshot + the journal after it.
 */
export class Inventory {
  private unsubscribe: () => void = () => undefined;
  private busy = false;
  private readonly indexes = new StateIndexes(() => this.state);
  private historyChecked: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly backups: InventoryBackups;
  private readonly snapshots: InventorySnapshots;

  private constructor(
    private readonly deps: InventoryDeps,
    private store: DocumentStore,
    private journal: Journal,
    private state: InventoryState,
    /** What recovery found; `error` ones were also posted as a notice. */
    readonly problems: InventoryProblem[],
  ) {
    this.snapshots = new InventorySnapshots(deps, {
      state: () => this.state,
      journal: () => this.journal,
      storePath: () => this.store.path,
      archivingBlocked: () => this.busy || this.closed || this.backups.running,
    });
    this.backups = new InventoryBackups(
      {
        pointInTime: () => this.pointInTime(),
        swap: (replace) => this.swap(replace),
        commit: (drafts) => this.commit(drafts),
        seq: () => this.state.seq,
      },
      {
        dataDir: deps.dataDir,
        clock: deps.clock,
        log: deps.log,
        maxSegmentBytes: deps.journal?.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES,
      },
    );
    this.attach();
  }

  /** Loads the snapshot, replays the journal after it, and reports what recovery found. */
  static async open(deps: InventoryDeps): Promise<Inventory> {
    const started = performance.now();
    mkdirSync(deps.dataDir, { recursive: true });
    const r = await recover(deps.dataDir, deps.openStore, deps.clock.now(), {
      ...deps.journal,
      now: deps.clock.now,
    });
    const inventory = new Inventory(deps, r.store, r.journal, r.state, r.problems);
    inventory.announce(r.problems);
    inventory.watchHistory(r.history);
    inventory.snapshots.prepare(r.snapshotBase);
    if (r.snapshotStale || r.replayed >= inventory.snapshots.policy.everyEntries)
      inventory.snapshots.scheduler.soon();
    const ms = Math.round(performance.now() - started);
    deps.log.info(
      {
        ms,
        seq: r.state.seq,
        replayed: r.replayed,
        installations: r.state.installations.size,
        orphans: r.orphans,
      },
      'inventory open',
    );
    return inventory;
  }

  /**
   * Validates and journals `drafts` as one commit; resolves with the stamped entries once they are
   * durable and applied. Rejects (nothing recorded) on an invalid draft or a failed write.
   */
  async commit(drafts: readonly JournalDraft[]): Promise<JournalEntry[]> {
    if (this.closed) throw new Error('the inventory is closed');
    if (this.busy) throw new InventoryBusyError();
    // A callback draft is built from a body the listener validated (vouched-drafts.ts); others are parsed.
    return this.journal.append(drafts.map((d) => (isVouched(d) ? d : JournalDraftSchema.parse(d))));
  }

  listInstallations(): Installation[] {
    return [...this.state.installations.values()];
  }

  getInstallation(serial: string): Installation | undefined {
    return this.state.installations.get(serial);
  }

  listContracts(): Contract[] {
    return [...this.state.contracts.values()];
  }

  getContract(contractNumber: string): Contract | undefined {
    return this.state.contracts.get(contractNumber);
  }

  /** The link in force for a serial. */
  activeLink(serial: string): LinkRecord | undefined {
    return activeLinkOf(this.state.links.get(serial));
  }

  /** Every link a serial has had, oldest first, ended ones included. */
  linkHistory(serial: string): LinkRecord[] {
    return this.state.links.get(serial) ?? [];
  }

  /** Links in force to a contract (a customer may have several controllers). */
  linksForContract(contractNumber: string): LinkRecord[] {
    return this.indexes.linksForContract(contractNumber);
  }

  /** Installations waiting in the inbox (pending) that typed `contractNumber` (trimmed) in their call. */
  waitingNaming(contractNumber: string): Installation[] {
    return this.indexes.waitingNaming(contractNumber);
  }

  /** Serials that called before onboarding (the inbox). */
  unknownSerials(): UnknownSerial[] {
    return [...this.state.unknown.values()];
  }

  /** The sequence number of the entry that first recorded an idempotency key, if any did. */
  eventSeq(eventKey: string): number | undefined {
    return this.state.eventKeys.get(eventKey);
  }

  /** The body digest recorded with an idempotency key, if the entry that recorded it had one. */
  eventDigest(eventKey: string): string | undefined {
    return this.state.eventDigests.get(eventKey);
  }

  /**
   * Whether a committed entry repeated an event an earlier entry had recorded: journaled as
   * evidence, it had no effect (apply-entry.ts). Decided from the state after the commit, not
   * before it, so of several deliveries of one event committed together only the first counts.
   * An entry whose key has since been forgotten (MAX_EVENT_KEYS) counts as having had its effect.
   */
  isRepeat(entry: JournalEntry): boolean {
    const key = 'eventKey' in entry ? entry.eventKey : undefined;
    const first = key === undefined ? undefined : this.eventSeq(key);
    return first !== undefined && first < entry.seq;
  }

  /**
   * Commands the journal shows created and not ended, in creation order: what restart recovery
   * ends (EC-3). Kept in the state, so reading them costs no journal scan.
   */
  openCommands(): OpenCommand[] {
    return [...this.state.openCommands.values()];
  }

  /**
   * What a serial's inbox card shows of its calls and of the notes taken before it onboarded: kept
   * in the state, so it outlives the journal entries archived away.
   */
  inboxHistory(serial: string): InboxHistory | undefined {
    return this.state.inboxHistory.get(serial);
  }

  /** Sequence number of the last applied entry. */
  get seq(): number {
    return this.state.seq;
  }

  /** The state as a snapshot document (for tests, backups and diagnostics). */
  snapshot(): InventorySnapshot {
    return toSnapshot(this.state);
  }

  /** The journal entries for a serial (all, or the types and newest few `selection` asks for), oldest first. */
  timeline(serial: string, selection?: TimelineSelection): Promise<JournalEntry[]> {
    return this.journal.timelines.entriesFor(serial, selection);
  }

  /** How many journal entries name a serial. */
  timelineCount(serial: string): Promise<number> {
    return this.journal.timelines.countFor(serial);
  }

  /** Timeline reads that do not wait for the older journal segments to be indexed after a start. */
  get timelines(): Pick<JournalTimelines, 'entriesSoFar' | 'countSoFar'> {
    return this.journal.timelines;
  }

  /** Durable journal entries after `seq` (the audit trail). */
  journalSince(seq: number): Promise<JournalEntry[]> {
    return this.journal.readSince(seq);
  }

  /** Re-verifies the whole journal (hash chain, sequence) without changing it. */
  verify(): Promise<JournalProblem[]> {
    return this.journal.verify();
  }

  /** Group-commit counters of the journal. */
  get journalStats(): Readonly<JournalStats> {
    return this.journal.stats;
  }

  /** Writes one backup file (state + the journal up to it, archive included), atomically, whatever the journal's size. */
  backup(
    filePath: string,
    onProgress?: OnProgress,
  ): Promise<{ seq: number; entries: number; bytes: number }> {
    // Until the background check of the older journal segments ends (seconds after start-up), the
    // journal does not know their sizes: the point in time is taken once it is done. Commits go on
    // meanwhile and are in the backup; the progress bar shows only "Backing up…" until then.
    if (this.journal.olderSegmentsPending) {
      this.deps.log.info('backup waits for the check of the older journal segments');
      return this.journal.olderSegmentsChecked().then(() => this.backup(filePath, onProgress));
    }
    // An archiving run moves files the backup reads: wait it out. None starts while a backup runs,
    // and the backup counts as running from this very call on (a restore asked next sees it).
    if (this.snapshots.retention.running)
      return this.snapshots.retention.idle().then(() => this.backup(filePath, onProgress));
    return this.backups.backup(filePath, onProgress);
  }

  /** Resolves once no archiving run is in progress (tests, diagnostics). */
  archivingSettled(): Promise<void> {
    return this.snapshots.retention.idle();
  }

  /** What the journal's archive holds (entries no longer in timelines or the Activity page). */
  archiveSummary(): ArchiveSummary {
    return this.journal.archiveSummary();
  }

  /**
   * Replaces the inventory with a backup after validating all of it; the replaced data is moved
   * to `inventory.replaced-<time>/`, never deleted, and the restore is journaled.
   */
  restore(
    filePath: string,
    actor: string,
    onProgress?: OnProgress,
  ): Promise<{ seq: number; movedTo: string }> {
    return this.backups.restore(filePath, actor, onProgress);
  }

  /** Every problem found so far, including the background check of older journal segments once done. */
  async allProblems(): Promise<InventoryProblem[]> {
    await this.historyChecked;
    return [...this.problems];
  }

  /** Snapshot writes so far and what they cost (diagnostics, benchmarks). */
  get snapshotStats(): SnapshotStats {
    return this.snapshots.stats;
  }

  /** Whether the snapshot worker thread exists: only while a write is owed (diagnostics, tests). */
  get snapshotThreadRunning(): boolean {
    return this.snapshots.writer.threadRunning;
  }

  /** Writes the snapshot now if anything is unsaved; resolves once it is in place (tests, shutdown). */
  flushSnapshot(): Promise<void> {
    return this.snapshots.scheduler.flush();
  }

  /** Waits for pending commits, writes a last snapshot and closes the journal; leaves no timer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.snapshots.retention.cancel();
    await this.journal.close();
    await this.snapshots.scheduler.flush();
    this.snapshots.scheduler.cancel();
    this.unsubscribe();
    await this.snapshots.writer.close();
  }

  /** The state and the journal bytes holding exactly its entries, taken in one synchronous step. */
  private pointInTime(): { snapshot: InventorySnapshot; segments: DurableSegment[] } {
    if (this.busy || this.closed) throw new InventoryBusyError();
    return { snapshot: toSnapshot(this.state), segments: this.journal.backupSources() };
  }

  /** Closes the data, lets `replace` move its files, and reopens what is on disk then. */
  private async swap(
    replace: (paths: DataPaths) => Promise<string>,
  ): Promise<{ movedTo: string; replacedSeq: number }> {
    if (this.busy || this.closed) throw new InventoryBusyError();
    this.busy = true;
    const replacedSeq = this.state.seq;
    try {
      this.unsubscribe();
      this.snapshots.scheduler.cancel();
      // A write in flight would rename a snapshot of the old data in after the move.
      await this.snapshots.scheduler.idle();
      this.snapshots.scheduler.cancel();
      await this.snapshots.retention.cancel();
      await this.journal.close();
      const { dataDir } = this.deps;
      try {
        const movedTo = await replace({
          dataDir,
          journalDir: join(dataDir, 'journal'),
          snapshotPath: this.store.path,
        });
        return { movedTo, replacedSeq };
      } finally {
        // Reopen whatever is on disk now: the restored data, or the original put back after a failure.
        await this.reopen();
      }
    } finally {
      this.busy = false;
    }
  }

  /** Recovers from disk again (after a restore) and takes over the new journal and state. */
  private async reopen(): Promise<void> {
    const { dataDir, openStore, clock } = this.deps;
    const r = await recover(dataDir, openStore, clock.now(), { ...this.deps.journal, now: clock.now });
    [this.store, this.journal, this.state] = [r.store, r.journal, r.state];
    this.snapshots.writer.invalidate();
    this.indexes.invalidate();
    this.problems.push(...r.problems);
    this.announce(r.problems);
    this.watchHistory(r.history);
    this.snapshots.prepare(r.snapshotBase);
    this.attach();
    this.snapshots.scheduler.soon();
  }

  private attach(): void {
    this.unsubscribe = this.journal.onDurable((entries) => {
      for (const entry of entries) this.indexes.apply(entry);
      this.snapshots.scheduler.note(entries.length);
      this.deps.onCommitted?.(entries);
    });
  }

  /** Older journal segments are checked after start-up; what that finds is reported the same way. */
  private watchHistory(history: Promise<InventoryProblem[]>): void {
    this.historyChecked = history.then((problems) => {
      this.problems.push(...problems);
      this.announce(problems);
    });
  }

  private announce(problems: InventoryProblem[]): void {
    for (const p of problems) {
      this.deps.log[p.severity === 'error' ? 'error' : 'info']({ problem: p }, 'inventory recovery');
    }
    const notice = problemsNotice(problems);
    if (notice) this.deps.notices?.add(notice);
  }
}
