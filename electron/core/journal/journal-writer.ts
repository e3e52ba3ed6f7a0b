import type { JournalDraft, JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { AppendHandle, JournalIo } from './journal-io';
import { encodeEntry, type UnhashedEntry } from './line-codec';
import { newSegment, type SegmentInfo } from './segments';

/** Where one written entry lies, for the timeline index. */
export type Written = {
  entry: JournalEntry;
  segment: number;
  offset: number;
  length: number;
};

type Pending = {
  drafts: readonly JournalDraft[];
  resolve(entries: JournalEntry[]): void;
  reject(error: unknown): void;
};

/** Group-commit counters; a slow sync (write + fsync over 20 ms) is what callers wait on. */
export type JournalStats = {
  batches: number;
  entries: number;
  syncs: number;
  slowSyncs: number;
  syncMsMax: number;
  /** Time spent in durable writes, summed: over `syncs`, the mean a group commit waits on the disk. */
  syncMsTotal: number;
};

const SLOW_SYNC_MS = 20;

/** Thrown by every append after a write or fsync failed: the journal stops rather than guess. */
export class JournalFailedError extends Error {
  constructor(cause: unknown) {
    super(
      `the journal could not be written (${cause instanceof Error ? cause.message : String(cause)}); nothing after this was recorded`,
    );
    this.name = 'JournalFailedError';
  }
}

export type WriterOptions = {
  dir: string;
  io: JournalIo;
  segments: SegmentInfo[];
  lastSeq: number;
  lastHash: string;
  maxSegmentBytes: number;
  /** Start a fresh segment rather than append to the last one (it holds reported damage). */
  freshSegment: boolean;
  /** The highest segment number taken (by the archive), when no live segment is left to count on. */
  lastArchivedSegment?: number;
  /** Called with every batch once it is durable, before any append promise resolves. */
  onDurable(written: Written[]): void;
};

/**
 * Group commit: appends that arrive while a write+fsync is in flight wait and go out together in
 * the next one, so one fsync covers many callers and the batch size follows the disk's latency.
 * Sequence numbers and hashes are assigned at write time, so a failed write leaves no hole.
 * After a write or fsync error the writer stops for good (an fsync error leaves the page cache
 * in an unknown state; retrying could report durability that is not there).
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;
  private handle: AppendHandle | undefined;
  private failure: JournalFailedError | undefined;
  private closed = false;
  private lastSeq: number;
  private lastHash: string;
  private freshSegment: boolean;
  /** Counters for the group-commit measurement. */
  readonly stats: JournalStats = {
    batches: 0,
    entries: 0,
    syncs: 0,
    slowSyncs: 0,
    syncMsMax: 0,
    syncMsTotal: 0,
  };

  constructor(private readonly options: WriterOptions) {
    this.lastSeq = options.lastSeq;
    this.lastHash = options.lastHash;
    this.freshSegment = options.freshSegment;
  }

  get seq(): number {
    return this.lastSeq;
  }

  get hash(): string {
    return this.lastHash;
  }

  append(drafts: readonly JournalDraft[]): Promise<JournalEntry[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    if (drafts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Waits for every queued append, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async run(): Promise<void> {
    // Yield once so appends made in the same tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) await this.flush(this.queue.splice(0));
    this.running = undefined;
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (this.failure) return batch.forEach((p) => p.reject(this.failure));
    const { accepted, lines, written } = this.stamp(batch);
    if (accepted.length === 0) return;
    const data = Buffer.from(lines.join(''));
    let segment: SegmentInfo | undefined;
    try {
      segment = await this.segmentFor();
      const started = performance.now();
      await this.handle?.write(data);
      if (this.handle?.writesAreDurable !== true) await this.handle?.sync();
      const ms = performance.now() - started;
      if (ms > SLOW_SYNC_MS) this.stats.slowSyncs += 1;
      if (ms > this.stats.syncMsMax) this.stats.syncMsMax = ms;
      this.stats.syncMsTotal += ms;
    } catch (error) {
      return this.fail(error, accepted, segment);
    }
    this.stats.batches += 1;
    this.stats.syncs += 1;
    this.stats.entries += written.length;
    let offset = segment.size;
    for (const w of written) {
      w.segment = segment.no;
      w.offset = offset;
      offset += w.length + 1;
    }
    segment.size += data.length;
    if (segment.firstSeq === 0) segment.firstSeq = written[0]?.entry.seq ?? 0;
    segment.lastSeq = written.at(-1)?.entry.seq ?? segment.lastSeq;
    const last = written.at(-1)?.entry;
    if (last) [this.lastSeq, this.lastHash] = [last.seq, last.hash];
    this.options.onDurable(written);
    for (const p of accepted) p.resolve(p.entries);
  }

  /** Numbers and hashes the batch. A draft that cannot be encoded fails alone, leaving no gap. */
  private stamp(batch: Pending[]) {
    const accepted: Array<Pending & { entries: JournalEntry[] }> = [];
    const lines: string[] = [];
    const written: Written[] = [];
    let seq = this.lastSeq;
    let prevHash = this.lastHash;
    for (const p of batch) {
      const first = seq + 1;
      const mine: Array<{ entry: JournalEntry; line: string }> = [];
      try {
        for (const [i, draft] of p.drafts.entries()) {
          const txn = p.drafts.length > 1 ? { txn: { first, size: p.drafts.length } } : {};
          const unhashed = { ...draft, ...txn, seq: first + i, prevHash } as UnhashedEntry;
          const encoded = encodeEntry(unhashed);
          prevHash = encoded.entry.hash;
          mine.push(encoded);
        }
      } catch (error) {
        prevHash = mine[0]?.entry.prevHash ?? prevHash;
        p.reject(error);
        continue;
      }
      seq += mine.length;
      accepted.push({ ...p, entries: mine.map((m) => m.entry) });
      for (const m of mine) {
        lines.push(m.line);
        written.push({
          entry: m.entry,
          segment: 0,
          offset: 0,
          length: Buffer.byteLength(m.line) - 1,
        });
      }
    }
    return { accepted, lines, written };
  }

  /** The segment to write into: the current one, or a new one once it is full. */
  private async segmentFor(): Promise<SegmentInfo> {
    const { segments, maxSegmentBytes, io, dir } = this.options;
    let current = segments.at(-1);
    if (!current || this.freshSegment || current.size >= maxSegmentBytes) {
      await this.handle?.close();
      this.handle = undefined;
      current = newSegment(dir, (current?.no ?? this.options.lastArchivedSegment ?? 0) + 1);
      segments.push(current);
      this.freshSegment = false;
      this.handle = await io.openAppend(current.path);
      await io.syncDir(dir);
    }
    this.handle ??= await io.openAppend(current.path);
    return current;
  }

  private async fail(error: unknown, accepted: Pending[], segment: SegmentInfo | undefined): Promise<void> {
    this.failure = new JournalFailedError(error);
    // Best effort: cut what may have been half-written, so the next open finds a clean end.
    if (segment) await this.handle?.truncate(segment.size).catch(() => undefined);
    for (const p of [...accepted, ...this.queue.splice(0)]) p.reject(this.failure);
  }
}
