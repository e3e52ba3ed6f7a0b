import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { nodeJournalIo } from './journal-io';
import { newSegment, type SegmentInfo } from './segments';

/** Lines are gathered into writes of about this size: one trip to the disk per MiB, not per line. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes a whole journal, line after line, into a new directory as segment files
 * (`000001.jsonl`, …), starting a new segment at the first commit that begins once one has
 * reached `maxSegmentBytes`, as the journal's own writer does (it writes each commit into one
 * segment). A commit split between two files would look, to every scan that ends or starts at
 * the border, like one a crash left half-written. Used to lay out a restored journal beside the
 * live one; nothing is durable until `finish`, and `abandon` removes the directory it made.
 */
export class SegmentSink {
  private segment: SegmentInfo | undefined;
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Sequence number of the last entry of the multi-entry commit being written (0: none). */
  private commitEnd = 0;

  constructor(
    readonly dir: string,
    private readonly maxSegmentBytes: number,
  ) {}

  /** Creates the directory; fails if it exists, so nothing already there is ever written into. */
  async start(): Promise<void> {
    await mkdir(dirname(this.dir), { recursive: true });
    await mkdir(this.dir);
  }

  /** Adds one journal line (with its trailing newline) holding `entry`. */
  async write(line: string, entry: Pick<JournalEntry, 'seq' | 'txn'>): Promise<void> {
    const bytes = Buffer.byteLength(line);
    const { seq, txn } = entry;
    // Only a line that starts a commit (its first, or one of its own) may start a segment.
    const startsCommit = seq > this.commitEnd && (!txn || txn.first === seq);
    if (txn?.first === seq) this.commitEnd = seq + txn.size - 1;
    const full = this.segment && this.segment.size + this.pendingBytes >= this.maxSegmentBytes;
    if (!this.segment || (full && startsCommit)) await this.nextSegment();
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  /** Writes what is left and makes every segment and the directory durable. */
  async finish(): Promise<void> {
    await this.flush();
    await this.closeHandle(true);
    await nodeJournalIo.syncDir(this.dir);
  }

  /** Closes and removes the directory this sink created (after a failed restore). */
  async abandon(): Promise<void> {
    await this.closeHandle(false).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async nextSegment(): Promise<void> {
    await this.flush();
    await this.closeHandle(true);
    this.segment = newSegment(this.dir, (this.segment?.no ?? 0) + 1);
    this.handle = await open(this.segment.path, 'wx');
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 || !this.handle || !this.segment) return;
    const data = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    for (let done = 0; done < data.length;) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done);
      done += bytesWritten;
    }
    this.segment.size += data.length;
  }

  private async closeHandle(sync: boolean): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return;
    try {
      if (sync) await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}
