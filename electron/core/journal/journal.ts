import { mkdir, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalDraft, JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { ArchivedSegment, ArchiveSummary } from '../../../shared/domain/inventory/journal-archive';
import { JournalArchive } from './archive';
import { nodeJournalIo, type JournalIo } from './journal-io';
import { JournalWriter, type JournalStats, type Written } from './journal-writer';
import type { JournalProblem } from './problems';
import { scanForOpen } from './open-scan';
import { scanSegments, type TornTail } from './scan';
import { fileStamp, listSegments, readSegmentStart, type SegmentInfo } from './segments';
import { JournalTimelines, parseEntry } from './journal-timelines';
import { forEachTimelineSerial } from './timeline-serials';
import { TimelineIndex } from './timeline-index';

export type JournalOptions = {
  /** Sequence number the caller's snapshot already covers: later entries come back in `tail`. */
  replayAfter?: number;
  io?: JournalIo;
  /** A segment is closed and a new one started once it reaches this size (default 8 MiB). */
  maxSegmentBytes?: number;
  /** Clock for the names of saved torn tails. */
  now?: () => number;
  /**
   * Given: the entries after `replayAfter` come here one by one, in order, as the open verifies
   * them, and `tail` stays empty. Without it they are collected in `tail`, which for a replay of
   * a whole long journal (no snapshot) holds every entry in memory at once.
   */
  onReplay?: (entry: JournalEntry) => void;
  /**
   * The background check of the older segments starts once this settles (default: at once), so a
   * caller can keep it off the CPU until start-up is done; tests use it to hold the check open.
   */
  historyAfter?: Promise<unknown>;
};

export type OpenedJournal = {
  journal: Journal;
  /** Entries after `replayAfter`, validated, in order: what the caller replays (empty with `onReplay`). */
  tail: JournalEntry[];
  /** How many entries after `replayAfter` there were (in `tail` or given to `onReplay`). */
  replayed: number;
  /** What recovery found or repaired; `error` ones must be shown to the operator. */
  problems: JournalProblem[];
  /** Hash of entry `replayAfter` in this journal, to check the caller's snapshot against. */
  hashAtReplayPoint: string | undefined;
  /**
   * Problems in the segments before the replay point, found after open returns (they are
   * verified and indexed in the background). Timeline and history reads wait for it.
   */
  history: Promise<JournalProblem[]>;
};

/** Told about each durable batch: its entries, in order. */
export type DurableListener = (entries: JournalEntry[]) => void;

/**
 * A segment file, the bytes of it that are durable, and the sequence number of its first line;
 * `gzip` for an archived one (whole file, compressed).
 */
export type DurableSegment = { path: string; size: number; firstSeq: number; gzip?: true };

/** Which closed segments to move into the archive (see `Journal.archiveOld`). */
export type ArchivePolicy = {
  /** Only segments whose entries are all at or below this (covered by a snapshot on disk). */
  coveredSeq: number;
  /** Segments last written before this time (ms) are archived… */
  olderThan: number;
  /** …and older ones too while the live segments hold more than this many bytes. */
  maxOnlineBytes: number;
  now: number;
  /** Asked before each segment: true ends the run there (the inventory is closing or being replaced). */
  stopped?: () => boolean;
};

/**
 * 8 MiB (about 16,000 callback entries): start-up reads at most one segment more than the
 * snapshot's lag, and older segments can later be archived whole without rewriting anything.
 */
export const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

/**
 * The append-only, hash-chained journal: `journal/000001.jsonl`, `000002.jsonl`, … in the data
 * dir, one entry per line. It is the durability point (an append resolves after fsync), the audit
 * trail and every installation's timeline.
 */
export class Journal {
  private readonly listeners = new Set<DurableListener>();
  private history: Promise<unknown> = Promise.resolve();
  /** Until the background check of the older segments ends, their sizes and ranges are unknown (0). */
  private olderPending = true;
  private stopping = false;
  /** Each installation's timeline, read through the index (see journal-timelines.ts). */
  readonly timelines: JournalTimelines;
  /** Resolves when `close()` begins: a background check still waiting for `historyAfter` then gives up. */
  private readonly closing: Promise<void>;
  private closed: () => void = () => undefined;

  private constructor(
    private readonly segments: SegmentInfo[],
    private readonly index: TimelineIndex,
    private readonly writer: JournalWriter,
    private readonly archive: JournalArchive,
  ) {
    this.closing = new Promise((resolve) => (this.closed = resolve));
    this.timelines = new JournalTimelines(index, segments);
  }

  /**
   * Opens (creating if needed) the journal in `dir`: verifies the chain, cuts a torn last write
   * (saving its bytes beside it), reports anything else damaged without touching it, and indexes
   * every entry by serial.
   */
  static async open(dir: string, options: JournalOptions = {}): Promise<OpenedJournal> {
    await mkdir(dir, { recursive: true });
    const archive = await JournalArchive.open(dir);
    await removeArchivedLeftovers(dir, archive);
    const anchor = archive.anchor;
    // Entries the archive holds are replayed from it first; the live segments continue after it.
    const tail: JournalEntry[] = [];
    let fromArchive: Awaited<ReturnType<JournalArchive['replay']>> | undefined;
    if (anchor && (options.replayAfter ?? 0) < anchor.seq) {
      fromArchive = await archive.replay(options.replayAfter ?? 0, options.onReplay ?? ((e) => tail.push(e)));
    }
    const replayAfter = Math.max(options.replayAfter ?? 0, anchor?.seq ?? 0);
    const index = new TimelineIndex();
    // The older segments are indexed after the recent ones (in the background), so they gather
    // apart and go in front once done: each serial's places stay in journal order.
    const older = new TimelineIndex();
    let into = index;
    const scan = await scanForOpen(
      dir,
      replayAfter,
      (s, seg, off, len, type) => into.add(s, seg, off, len, type),
      options.onReplay,
      anchor,
      fromArchive?.unfinished,
    );
    const { recent } = scan;
    if (recent.torn) await cutTornTail(recent.torn, (options.now ?? Date.now)());
    const problems = [...(fromArchive?.problems ?? []), ...recent.problems];
    let lastSeq = recent.end.seq;
    if (replayAfter > lastSeq) {
      problems.push({
        kind: 'behind-snapshot',
        severity: 'error',
        detail: `the journal ends at entry ${lastSeq} but the snapshot covers entry ${replayAfter}; entries ${lastSeq + 1}–${replayAfter} are missing from the audit trail`,
      });
      lastSeq = replayAfter; // continue numbering after the snapshot, so replay after it finds new entries
    }
    const damagedLast = problems.some(
      (p) => p.severity === 'error' && p.segment === scan.segments.at(-1)?.name,
    );
    // The writer reports to the journal that owns it, which needs the writer to exist first.
    const owner: { journal?: Journal } = {};
    const writer = new JournalWriter({
      dir,
      io: options.io ?? nodeJournalIo,
      segments: scan.segments,
      lastSeq,
      lastHash: recent.end.hash,
      maxSegmentBytes: options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES,
      freshSegment: damagedLast,
      lastArchivedSegment: archive.segments.at(-1)?.segment ?? 0,
      onDurable: (written) => owner.journal?.durable(written),
    });
    const opened = new Journal(scan.segments, index, writer, archive);
    owner.journal = opened;
    into = older;
    const history = Promise.race([
      Promise.resolve(options.historyAfter).catch(() => undefined),
      opened.closing,
    ])
      .then(() => scan.history(() => opened.stopping))
      .finally(() => index.prepend(older))
      .catch((error: unknown): JournalProblem[] => [
        {
          kind: 'malformed-line',
          severity: 'error',
          detail: `older segments could not be read: ${error instanceof Error ? error.message : String(error)}`,
        },
      ]);
    opened.olderPending = scan.older > 0;
    opened.history = history.finally(() => (opened.olderPending = false));
    opened.timelines.follow(history);
    return {
      journal: opened,
      tail: [...tail, ...recent.tail],
      replayed: (fromArchive?.replayed ?? 0) + recent.replayed,
      problems,
      hashAtReplayPoint: fromArchive ? fromArchive.hashAtAfter : recent.hashAtReplayPoint,
      history,
    };
  }

  /** Sequence number and hash of the last durable entry. */
  get lastSeq(): number {
    return this.writer.seq;
  }

  get lastHash(): string {
    return this.writer.hash;
  }

  /** Group-commit counters: batches written, entries in them, fsyncs issued. */
  get stats(): Readonly<JournalStats> {
    return this.writer.stats;
  }

  /**
   * Appends `drafts` as one commit (contiguous sequence numbers; a crash never leaves half of it)
   * and resolves with the stamped entries once they are fsynced. Concurrent calls share a write.
   */
  append(drafts: readonly JournalDraft[]): Promise<JournalEntry[]> {
    return this.writer.append(drafts);
  }

  /** Calls `listener` with each durable batch, in order, before the appends resolve. */
  onDurable(listener: DurableListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The segment files that hold the durable entries after `seq`, with how many bytes of each are
   * durable: what another thread may read to replay them (the snapshot worker does).
   */
  durableSegmentsAfter(seq: number): DurableSegment[] {
    return this.segments
      .filter((s) => s.lastSeq > seq && s.size > 0)
      .map(({ path, size, firstSeq }) => ({ path, size, firstSeq }));
  }

  /** Durable entries with a sequence number above `seq`, in order (damaged lines left out). */
  async readSince(seq: number): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    await this.replaySince(seq, (entry) => out.push(entry));
    return out;
  }

  /**
   * Calls `apply` with each durable entry above `seq`, in order (damaged lines left out), reading
   * one segment at a time: a rebuild from the whole journal without holding it in memory.
   * Resolves with how many entries it gave.
   */
  async replaySince(seq: number, apply: (entry: JournalEntry) => void): Promise<number> {
    await this.history;
    let count = 0;
    const anchor = this.archive.anchor;
    if (anchor && seq < anchor.seq) count += (await this.archive.replay(seq, apply)).replayed;
    for (const seg of this.segments) {
      if (seg.lastSeq <= seq || seg.size === 0) continue;
      const buf = (await readFile(seg.path)).subarray(0, seg.size);
      for (const text of buf.toString('utf8').split('\n')) {
        const entry = parseEntry(text);
        if (entry && entry.seq > seq) {
          apply(entry);
          count += 1;
        }
      }
    }
    return count;
  }

  /**
   * Re-reads and re-verifies the whole journal (its durable part) without changing it, yielding
   * to the event loop as it goes.
   */
  async verify(): Promise<JournalProblem[]> {
    await this.history;
    const copies = this.segments.map((s) => ({ ...s }));
    const anchor = this.archive.anchor;
    const { problems } = await scanSegments(copies, {
      replayAfter: Number.MAX_SAFE_INTEGER,
      knownSizes: true,
      yieldEvery: 1000,
      ...(anchor ? { start: anchor } : {}),
    });
    return problems;
  }

  /**
   * Whether the background check of the older segments is still to finish. Until it does the
   * journal knows nothing of their bytes (see `backupSources`); `olderSegmentsChecked` waits.
   */
  get olderSegmentsPending(): boolean {
    return this.olderPending;
  }

  /** Resolves once the background check of the older segments is done (never rejects). */
  async olderSegmentsChecked(): Promise<void> {
    await this.history;
  }

  /** What the archive holds (nothing, or entries 1…lastSeq). */
  archiveSummary(): ArchiveSummary {
    return this.archive.summary();
  }

  /**
   * Every entry's bytes in order for a backup: the archived segments (compressed) and then the
   * durable part of the live ones. Taken in one synchronous step with the state it must match,
   * once the older segments are checked (`olderSegmentsChecked`): before, their sizes are not
   * known and the list would leave them out, so it throws instead.
   */
  backupSources(): DurableSegment[] {
    if (this.olderPending)
      throw new Error('the older journal segments are still being checked: back up once that is done');
    const archived = this.archive.segments.map((s): DurableSegment => ({
      path: this.archive.pathOf(s),
      size: s.compressedBytes,
      firstSeq: s.firstSeq,
      gzip: true,
    }));
    return [...archived, ...this.durableSegmentsAfter(0)];
  }

  /**
   * Moves the oldest closed segments into the archive while `policy` calls for it: each one whose
   * entries a snapshot on disk covers, and that is either older than `olderThan` or beyond the
   * online size. Never the segment being written, never out of order. Their entries leave the
   * timeline index; they stay in backups and in recovery. Resolves with what it archived.
   */
  async archiveOld(policy: ArchivePolicy): Promise<ArchivedSegment[]> {
    await this.history;
    const done: ArchivedSegment[] = [];
    try {
      while (!this.stopping && policy.stopped?.() !== true && this.segments.length > 1) {
        const seg = this.segments[0];
        if (!seg || seg.lastSeq === 0 || seg.lastSeq > policy.coveredSeq) break;
        const online = this.segments.reduce((n, s) => n + s.size, 0);
        const old = (await stat(seg.path)).mtimeMs < policy.olderThan;
        if (!old && online <= policy.maxOnlineBytes) break;
        done.push(await this.archive.add(seg, policy.now));
        // The archive holds it now (durably): it leaves the live journal.
        this.segments.shift();
        await unlink(seg.path);
      }
    } finally {
      // One pass over the index for the whole run; a timeline read meanwhile skips files gone.
      const last = done.at(-1);
      if (last) this.index.dropSegmentsUpTo(last.segment);
    }
    return done;
  }

  /** Waits for queued appends, then closes the file; stops the background check. Later appends are refused. */
  async close(): Promise<void> {
    this.stopping = true;
    this.closed();
    await this.history;
    await this.writer.close();
  }

  private durable(written: Written[]): void {
    for (const { entry, segment, offset, length } of written) {
      forEachTimelineSerial(entry, (serial) => this.index.add(serial, segment, offset, length, entry.type));
    }
    const entries = written.map((w) => w.entry);
    for (const listener of this.listeners) listener(entries);
  }
}

/**
 * A crash after a segment was archived and before its live file was removed leaves it in both
 * places: the archive's copy is complete (written and checked first), so the live one goes.
 */
async function removeArchivedLeftovers(dir: string, archive: JournalArchive): Promise<void> {
  for (const seg of await listSegments(dir)) {
    const archived = archive.segments.find((s) => s.segment === seg.no);
    // Only the very segment that was archived: same number and same first entry.
    if (archived && (await readSegmentStart(seg))?.seq === archived.firstSeq) await unlink(seg.path);
  }
}

/** Cuts the unacknowledged end of the last segment, keeping its bytes in a side file for inspection. */
async function cutTornTail(torn: TornTail, now: number): Promise<void> {
  const { segment, keepBytes } = torn;
  const bytes = (await readFile(segment.path)).subarray(keepBytes);
  await writeFile(join(segment.path, '..', `${segment.name}.torn-${fileStamp(now)}`), bytes);
  await truncate(segment.path, keepBytes);
}
