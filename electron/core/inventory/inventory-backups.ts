import { rm } from 'node:fs/promises';
import type { OnProgress } from '../../../shared/domain/inventory/data-progress';
import type { JournalDraft, JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import type { Clock } from '../clock';
import type { DurableSegment } from '../journal/journal';
import { SegmentSink } from '../journal/segment-sink';
import type { Logger } from '../logger';
import { stageBackup } from './backup-reader';
import { backupHeaderLine, writeBackup } from './backup-writer';
import { InventoryBusyError } from './inventory-busy';
import { replaceJournal, type DataPaths } from './replace-data';
import { removeRestoreLeftovers, restoreStagingDir } from './restore-staging';
import { snapshotEnvelope, storeFileText } from './snapshot-envelope';

/** What backups and restores need of the inventory they work on. */
export type BackupSubject = {
  /** The state and the journal bytes that hold exactly its entries, in one synchronous step; throws while unavailable. */
  pointInTime(): { snapshot: InventorySnapshot; segments: DurableSegment[] };
  /**
   * Closes the data (commits are refused meanwhile), lets `replace` move files, then reopens what
   * is on disk, replaced or put back. Resolves with `replace`'s answer and the replaced entry.
   */
  swap(replace: (paths: DataPaths) => Promise<string>): Promise<{ movedTo: string; replacedSeq: number }>;
  commit(drafts: readonly JournalDraft[]): Promise<JournalEntry[]>;
  /** Sequence number of the last applied entry. */
  seq(): number;
};

/**
 * Backups of the inventory and restores from them: one at a time for restores, never both at
 * once (a restore moves the files a backup reads).
 */
export class InventoryBackups {
  /** A restore is being checked or carried out. */
  private restoring = false;
  private backupsRunning = 0;

  constructor(
    private readonly subject: BackupSubject,
    private readonly deps: { dataDir: string; clock: Clock; log: Logger; maxSegmentBytes: number },
  ) {}

  /** A backup or a restore is in progress (they read and move the journal's files). */
  get running(): boolean {
    return this.restoring || this.backupsRunning > 0;
  }

  /** Writes one backup file (state + the journal up to it), atomically, streamed so a journal of any size fits. */
  async backup(
    filePath: string,
    onProgress?: OnProgress,
  ): Promise<{ seq: number; entries: number; bytes: number }> {
    if (this.restoring) throw new InventoryBusyError();
    const { snapshot, segments } = this.subject.pointInTime();
    const header = backupHeaderLine(snapshot, this.deps.clock.now());
    this.backupsRunning += 1;
    try {
      const { bytes, entries } = await writeBackup(filePath, header, snapshot, segments, onProgress);
      return { seq: snapshot.seq, entries, bytes };
    } finally {
      this.backupsRunning -= 1;
    }
  }

  /**
   * Replaces the inventory with a backup after validating all of it. The backup is proven and
   * laid out beside the live data while callbacks are still recorded; only then is the data
   * swapped. The current journal and snapshot are moved to `inventory.replaced-<time>/`, never
   * deleted; the restore is journaled.
   */
  async restore(
    filePath: string,
    actor: string,
    onProgress?: OnProgress,
  ): Promise<{ seq: number; movedTo: string }> {
    if (this.backupsRunning > 0)
      throw new InventoryBusyError('a backup is being written; restore once it is done');
    if (this.restoring) throw new InventoryBusyError();
    this.restoring = true;
    const { dataDir, clock, log, maxSegmentBytes } = this.deps;
    const staging = restoreStagingDir(dataDir, clock.now());
    try {
      await removeRestoreLeftovers(dataDir, log);
      const state = await stageBackup(filePath, new SegmentSink(staging, maxSegmentBytes), onProgress);
      const snapshotText = storeFileText(snapshotEnvelope(state));
      const { movedTo, replacedSeq } = await this.subject.swap((paths) =>
        // The journal is closed by now: its last entry is the one replaced.
        replaceJournal(paths, staging, snapshotText, clock.now(), {
          origin: filePath,
          actor,
          replacedSeq: this.subject.seq(),
        }),
      );
      await this.subject.commit([
        { type: 'backup.restored', at: clock.now(), actor, origin: filePath, movedTo, replacedSeq },
      ]);
      return { seq: this.subject.seq(), movedTo };
    } finally {
      // Still there only if the swap failed before it moved the staged journal into place.
      await rm(staging, { recursive: true, force: true });
      this.restoring = false;
    }
  }
}
