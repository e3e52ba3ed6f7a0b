import { readFile } from 'node:fs/promises';
import {
  GENESIS_HASH,
  JournalEntrySchema,
  type JournalEntry,
} from '../../../shared/domain/inventory/journal-entry';
import { decodeLine } from './line-codec';
import type { CommitPart } from './commit-join';
import type { JournalProblem } from './problems';
import { forEachTimelineSerial } from './timeline-serials';
import type { SegmentInfo } from './segments';

export type ScanOptions = {
  /** Entries after this sequence number are validated and returned in `tail` (the replay). */
  replayAfter: number;
  /**
   * Given: those entries go here, in order, as each is accepted (final: a torn end is never
   * accepted), instead of into `tail`. A replay of a long journal then holds no entry in memory.
   */
  onEntry?: (entry: JournalEntry) => void;
  /** Told where each accepted entry that names a serial lies, and its type (the timeline index). */
  onLocated?: (serial: string, segment: number, offset: number, length: number, type: string) => void;
  /** Where the chain is taken to stand before the first segment (genesis unless scanning from the middle). */
  start?: Chain;
  /** Whether the last segment scanned is the journal's last, whose unfinished end is a torn write. */
  endIsTail?: boolean;
  /** Yield to the event loop every this many lines (background work); never when absent. */
  yieldEvery?: number;
  /** Checked at each yield: a true answer ends the scan early (the journal is closing). */
  stopped?: () => boolean;
  /** Read no further than each segment's known `size` (a live journal whose end may be mid-write). */
  knownSizes?: boolean;
  /** How a segment's bytes are read (default: its file as is; the archive's are gzipped). */
  read?: (segment: SegmentInfo) => Promise<Buffer>;
};

export type Chain = { seq: number; hash: string };

/** End of the last segment that no acknowledged write reached: a crash mid-write left it. */
export type TornTail = {
  segment: SegmentInfo;
  keepBytes: number;
  droppedBytes: number;
  droppedEntries: number;
};

export type ScanResult = {
  /** Where the chain stands after the last accepted entry. */
  end: Chain;
  /** Hash of entry `replayAfter` as the journal holds it (to check a snapshot against). */
  hashAtReplayPoint: string | undefined;
  tail: JournalEntry[];
  /** Entries after `replayAfter` accepted: in `tail`, or given to `onEntry`. */
  replayed: number;
  problems: JournalProblem[];
  torn: TornTail | undefined;
  /** The first segment began inside a commit started before it: those entries were accepted. */
  continued: CommitPart | undefined;
  /** `endIsTail: false` only: the commit still open at the end, its entries accepted, not reported. */
  unfinished: CommitPart | undefined;
};

type Accepted = {
  value: Record<string, unknown>;
  seq: number;
  hash: string;
  seg: SegmentInfo;
  offset: number;
  length: number;
  /** A problem was reported about this line (its hash, its place in the chain). */
  damaged: boolean;
};
type OpenTxn = {
  first: number;
  size: number;
  lines: Accepted[];
  seg: SegmentInfo;
  offset: number;
  chain: Chain;
  /**
   * A line of it was unreadable or reported damaged. A torn write only ever loses a commit's last
   * lines, so such a commit is damage, not an unfinished write, even at the end of the journal.
   */
  damaged: boolean;
};

/**
 * Reads `segments` in order, verifies the hash chain and sequence, and works out what a crash left
 * half-written. Read-only: the caller decides whether to cut the torn tail (open) or only report
 * it (verify). Anything damaged before the tail is reported and skipped, never cut.
 */
export async function scanSegments(
  segments: readonly SegmentInfo[],
  options: ScanOptions,
): Promise<ScanResult> {
  const scanner = new Scanner(options);
  const read = options.read ?? ((seg: SegmentInfo) => readFile(seg.path));
  for (const [i, seg] of segments.entries()) {
    const buf = await read(seg);
    await scanner.segment(
      seg,
      options.knownSizes ? buf.subarray(0, seg.size) : buf,
      options.endIsTail !== false && i === segments.length - 1,
    );
    if (options.stopped?.()) break;
  }
  return scanner.finish();
}

class Scanner {
  private chain: Chain;
  private resync = false;
  private open: OpenTxn | undefined;
  private torn: TornTail | undefined;
  private hashAtReplayPoint: string | undefined;
  private readonly tail: JournalEntry[] = [];
  private replayed = 0;
  private readonly problems: JournalProblem[] = [];
  private continued: CommitPart | undefined;
  private unfinished: CommitPart | undefined;
  /** No entry but the rest of a commit begun before the scan has been seen yet. */
  private leading = true;

  constructor(private readonly options: ScanOptions) {
    this.chain = options.start ?? { seq: 0, hash: GENESIS_HASH };
  }

  async segment(seg: SegmentInfo, buf: Buffer, last: boolean): Promise<void> {
    const every = this.options.yieldEvery;
    let pos = 0;
    for (let lineNo = 1; pos < buf.length; lineNo += 1) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      this.line(seg, lineNo, pos, buf.toString('utf8', pos, nl));
      pos = nl + 1;
      if (every && lineNo % every === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.options.stopped?.()) return;
      }
    }
    seg.size = pos;
    if (pos < buf.length) {
      if (last)
        this.torn = { segment: seg, keepBytes: pos, droppedBytes: buf.length - pos, droppedEntries: 0 };
      else
        this.report(
          'malformed-line',
          seg,
          undefined,
          `${buf.length - pos} bytes without a line end before the next segment`,
        );
    }
  }

  private line(seg: SegmentInfo, lineNo: number, offset: number, text: string): void {
    const decoded = decodeLine(text);
    const seq = decoded.ok ? decoded.value['seq'] : undefined;
    if (!decoded.ok || typeof seq !== 'number' || !Number.isInteger(seq)) {
      this.report('malformed-line', seg, lineNo, decoded.ok ? 'entry has no integer seq' : decoded.reason);
      this.resync = true; // the next line cannot chain to an unreadable one; say so once, here
      if (this.open) this.open.damaged = true;
      return;
    }
    const reported = this.problems.length;
    if (!decoded.hashOk)
      this.report('hash-mismatch', seg, lineNo, `entry ${seq} does not match its hash (edited?)`, seq);
    if (!this.resync && decoded.value['prevHash'] !== this.chain.hash) {
      this.report('chain-break', seg, lineNo, `entry ${seq} does not follow entry ${this.chain.seq}`, seq);
    }
    if (!this.resync && seq !== this.chain.seq + 1) {
      this.report('seq-gap', seg, lineNo, `expected entry ${this.chain.seq + 1}, found ${seq}`, seq);
    }
    this.resync = false;
    this.chain = { seq, hash: decoded.hash };
    this.group(
      {
        value: decoded.value,
        seq,
        hash: decoded.hash,
        seg,
        offset,
        length: Buffer.byteLength(text),
        damaged: this.problems.length > reported,
      },
      lineNo,
    );
  }

  /** Holds back the entries of a multi-entry commit until its last one is seen. */
  private group(line: Accepted, lineNo: number): void {
    const txn = line.value['txn'] as { first?: unknown; size?: unknown } | undefined;
    if (this.open && txn?.first === this.open.first) {
      this.open.lines.push(line);
      this.open.damaged ||= line.damaged;
      if (this.open.lines.length >= this.open.size) this.closeTxn();
      return;
    }
    if (this.continues(line, txn)) return;
    this.leading = false;
    if (this.open) {
      this.report(
        'incomplete-transaction',
        line.seg,
        lineNo,
        `commit starting at entry ${this.open.first} is missing entries`,
      );
      this.closeTxn();
    }
    if (txn && txn.first === line.seq && typeof txn.size === 'number') {
      const chain = { seq: line.seq - 1, hash: String(line.value['prevHash']) };
      this.open = {
        first: line.seq,
        size: txn.size,
        lines: [line],
        seg: line.seg,
        offset: line.offset,
        chain,
        damaged: line.damaged,
      };
      return;
    }
    this.accept(line);
  }

  /**
   * The scan's first lines may finish a commit begun before its first segment (a restore by an
   * earlier build split commits between segments): they are accepted as they come and counted,
   * so the caller can check them against what the segments before left open.
   */
  private continues(line: Accepted, txn: { first?: unknown; size?: unknown } | undefined): boolean {
    if (!this.leading || this.open || typeof txn?.first !== 'number' || typeof txn.size !== 'number')
      return false;
    if (txn.first >= line.seq || (this.continued && this.continued.first !== txn.first)) return false;
    this.continued ??= { first: txn.first, size: txn.size, seen: 0, segment: line.seg.name };
    this.continued.seen += 1;
    this.accept(line);
    return true;
  }

  private closeTxn(): void {
    for (const line of this.open?.lines ?? []) this.accept(line);
    this.open = undefined;
  }

  private accept(line: Accepted): void {
    const { value, seq, seg } = line;
    if (seg.firstSeq === 0) seg.firstSeq = seq;
    seg.lastSeq = seq;
    const located = this.options.onLocated;
    if (located)
      forEachTimelineSerial(value, (serial) =>
        located(serial, seg.no, line.offset, line.length, String(value['type'])),
      );
    if (seq === this.options.replayAfter) this.hashAtReplayPoint = line.hash;
    if (seq <= this.options.replayAfter) return;
    const parsed = JournalEntrySchema.safeParse(value);
    if (parsed.success) {
      this.replayed += 1;
      if (this.options.onEntry) this.options.onEntry(parsed.data);
      else this.tail.push(parsed.data);
    } else
      this.report(
        'invalid-entry',
        seg,
        undefined,
        `entry ${seq} does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`,
        seq,
      );
  }

  finish(): ScanResult {
    const open = this.open;
    const tail = this.options.endIsTail !== false;
    if (open && tail && !open.damaged && (!this.torn || this.torn.segment === open.seg)) {
      // A commit whose last entries never reached the disk was never acknowledged: cut it with the tail.
      const end = this.torn ? this.torn.keepBytes + this.torn.droppedBytes : open.seg.size;
      this.torn = {
        segment: open.seg,
        keepBytes: open.offset,
        droppedBytes: end - open.offset,
        droppedEntries: open.lines.length,
      };
      open.seg.size = open.offset;
      this.chain = open.chain;
      this.open = undefined;
    } else if (open && !tail) {
      // The segments after these may hold the rest (see CommitPart): the caller checks.
      this.unfinished = {
        first: open.first,
        size: open.size,
        seen: open.lines.length,
        segment: open.seg.name,
      };
      this.closeTxn();
    } else if (open) {
      // Damaged inside, or cut off before the last segment: reported, and what is readable kept.
      this.report(
        'incomplete-transaction',
        open.seg,
        undefined,
        `commit starting at entry ${open.first} is missing entries`,
      );
      this.closeTxn();
    }
    if (this.torn) {
      const { segment, droppedBytes, droppedEntries } = this.torn;
      this.problems.push({
        kind: 'torn-tail',
        severity: 'info',
        segment: segment.name,
        detail: `${droppedBytes} bytes (${droppedEntries} whole entries of an unfinished commit) after the last complete write, never acknowledged`,
      });
    }
    return {
      end: this.chain,
      hashAtReplayPoint: this.hashAtReplayPoint,
      tail: this.tail,
      replayed: this.replayed,
      problems: this.problems,
      torn: this.torn,
      continued: this.continued,
      unfinished: this.unfinished,
    };
  }

  private report(
    kind: JournalProblem['kind'],
    seg: SegmentInfo,
    line: number | undefined,
    detail: string,
    seq?: number,
  ): void {
    this.problems.push({
      kind,
      severity: 'error',
      segment: seg.name,
      ...(line ? { line } : {}),
      ...(seq ? { seq } : {}),
      detail,
    });
  }
}
