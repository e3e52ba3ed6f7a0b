import { JournalEntrySchema, type JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { ENTRY_TYPE_CODE } from '../../../shared/domain/activity/categories';
import { summarizeEntry } from '../../../shared/domain/activity/entry-summary';
import type { SegmentInfo } from '../journal/segments';
import { forEachTimelineSerial } from '../journal/timeline-serials';
import { liveSegments, type SegmentSource } from './segment-source';

/** Yield to the event loop this often while indexing, so a 100,000-entry build never stalls the API. */
const YIELD_EVERY = 1_000;
const INITIAL_CAPACITY = 1024;
/** Columns grow by half: at most a third of them is room ahead. */
const GROWTH = 1.5;
/**
 * Entry types whose summaries repeat (a health call says "Health: ok" every few minutes): these
 * share one string per distinct summary. Others (commands name their id) are mostly unique, and a
 * lookup table would only add to them.
 */
const REPEATING_SUMMARIES = new Set<JournalEntry['type']>([
  'callback.health',
  'callback.offboarding',
  'signal.seen',
]);

/**
 * Every journal entry in a few columns (sequence, time, type, actor, serial, summary, and where its
 * line lies), oldest first. Filters run over the columns in memory; the entries themselves are
 * read back from disk only for the rows of a page. The index follows the journal's files
 * incrementally: each refresh reads only the bytes appended since the last one, so a query never
 * re-reads or re-parses the whole journal. It reads the files itself rather than hooking the
 * journal's writer, so the journal stays unaware of it.
 */
export class ActivityIndex {
  // Columns, valid below `size` and allocated ahead. Typed arrays and shared summaries: measured
  // over 600,000 health calls, the index took 137 bytes an entry as arrays of numbers and a
  // string each, hundreds of MB a week at thousands of controllers reporting every few minutes;
  // now 41 bytes an entry, plus the room ahead.
  seq = new Float64Array(INITIAL_CAPACITY);
  at = new Float64Array(INITIAL_CAPACITY);
  type = new Uint8Array(INITIAL_CAPACITY);
  actor = new Uint32Array(INITIAL_CAPACITY);
  /** -1 for entries that name no serial, or several (then in `manySerials`). */
  serial = new Int32Array(INITIAL_CAPACITY);
  /** Into `summaryTexts`. */
  summary = new Uint32Array(INITIAL_CAPACITY);
  private segment = new Uint32Array(INITIAL_CAPACITY);
  private offset = new Uint32Array(INITIAL_CAPACITY);
  private length = new Uint32Array(INITIAL_CAPACITY);
  private count = 0;

  readonly actorNames: string[] = [];
  readonly serialNames: string[] = [];
  /** Each distinct summary once for the entry types that repeat one; every other entry has its own. */
  readonly summaryTexts: string[] = [];
  private readonly actorIds = new Map<string, number>();
  /** Keyed by the lower-cased serial, so the serial filter ignores case. */
  private readonly serialIds = new Map<string, number>();
  private readonly repeatedSummaryIds = new Map<string, number>();
  private readonly segments = new Map<number, SegmentInfo>();
  /**
   * The installations of entries that name several (a bulk send refused for many), by sequence
   * number: rare, so kept aside rather than as a column. They belong on each one's timeline
   * (`forEachTimelineSerial`), so Activity filtered to one of them lists them too.
   */
  private readonly manySerials = new Map<number, number[]>();

  /** Lines that are not a readable entry (the journal's own check reports the damage). */
  unreadable = 0;
  /** Where reading stopped: a segment number and the byte after the last line taken. */
  private readTo = { segment: 0, offset: 0 };

  /** Over the live journal's files in `dir`, or any other source of segments (an archived one). */
  constructor(dirOrSource: string | SegmentSource) {
    this.source = typeof dirOrSource === 'string' ? liveSegments(dirOrSource) : dirOrSource;
  }

  private readonly source: SegmentSource;

  get size(): number {
    return this.count;
  }

  get lastSeq(): number {
    return this.count === 0 ? 0 : (this.seq[this.count - 1] ?? 0);
  }

  /** The summary in words of the entry at `p`. */
  summaryAt(p: number): string {
    return this.summaryTexts[this.summary[p] ?? 0] ?? '';
  }

  actorId(name: string): number | undefined {
    return this.actorIds.get(name);
  }

  serialId(serial: string): number | undefined {
    return this.serialIds.get(serial.toLowerCase());
  }

  /** The installations the entry at `p` names when it names several (else undefined: see `serial`). */
  serialsAt(p: number): readonly number[] | undefined {
    return (this.serial[p] ?? -1) >= 0 ? undefined : this.manySerials.get(this.seq[p] ?? 0);
  }

  /**
   * Takes in every entry written since the last call, up to sequence number `upTo` (what is
   * durable: a line past it may still be mid-commit). Resolves false when the files no longer
   * continue what was indexed (the journal was replaced by a restore): the caller starts over.
   */
  async refresh(upTo: number): Promise<boolean> {
    if (this.lastSeq >= upTo) return true;
    const segments = (await this.source.list()).filter((s) => s.no >= this.readTo.segment);
    if (this.readTo.segment > 0 && segments[0]?.no !== this.readTo.segment) return false;
    let lines = 0;
    for (const seg of segments) {
      this.segments.set(seg.no, seg);
      const from = seg.no === this.readTo.segment ? this.readTo.offset : 0;
      let stopped = false;
      const end = await this.source.lines(seg, from, async (line) => {
        const value = parseLine(line.text);
        if (value && value.seq > upTo) {
          stopped = true;
          return false;
        }
        if (value) this.add(value, seg.no, line.offset, line.length);
        else this.unreadable += 1;
        if (++lines % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        return true;
      });
      if (end < 0) return false;
      this.readTo = { segment: seg.no, offset: end };
      if (stopped) break;
    }
    return true;
  }

  /**
   * Forgets the rows of segments up to `no` (archived: they left the live journal). They are the
   * oldest rows, so the rest moves to the front; positions change, sequence numbers (which cursors
   * hold) do not. Summaries only those rows used are dropped too.
   */
  dropSegmentsUpTo(no: number): void {
    let k = 0;
    while (k < this.count && (this.segment[k] ?? 0) <= no) k += 1;
    for (const s of this.segments.keys()) if (s <= no) this.segments.delete(s);
    if (k === 0) return;
    const n = this.count - k;
    for (const column of [
      this.seq,
      this.at,
      this.type,
      this.actor,
      this.serial,
      this.summary,
      this.segment,
      this.offset,
      this.length,
    ])
      column.copyWithin(0, k, this.count);
    this.count = n;
    const firstKept = n > 0 ? (this.seq[0] ?? 0) : Infinity;
    for (const seq of this.manySerials.keys()) if (seq < firstKept) this.manySerials.delete(seq);
    this.compactSummaries();
  }

  /** Keeps the summary texts rows still use, renumbered in order of first use. */
  private compactSummaries(): void {
    const renumbered = new Map<number, number>();
    const texts: string[] = [];
    for (let p = 0; p < this.count; p += 1) {
      const old = this.summary[p] ?? 0;
      let id = renumbered.get(old);
      if (id === undefined) {
        id = texts.length;
        renumbered.set(old, id);
        texts.push(this.summaryTexts[old] ?? '');
      }
      this.summary[p] = id;
    }
    this.summaryTexts.splice(0, this.summaryTexts.length, ...texts);
    for (const [text, old] of this.repeatedSummaryIds) {
      const id = renumbered.get(old);
      if (id === undefined) this.repeatedSummaryIds.delete(text);
      else this.repeatedSummaryIds.set(text, id);
    }
  }

  /** Positions of the entries of these types (recorded at or after `since`), oldest first. */
  positionsOfTypes(types: readonly JournalEntry['type'][], since = -Infinity): number[] {
    const codes = new Set(types.map((t) => ENTRY_TYPE_CODE.get(t)));
    const positions: number[] = [];
    for (let p = 0; p < this.count; p += 1)
      if (codes.has(this.type[p]) && (this.at[p] ?? 0) >= since) positions.push(p);
    return positions;
  }

  /** The entries at these positions of the index, read back from disk, in the order asked. */
  async entries(positions: readonly number[]): Promise<Array<JournalEntry | undefined>> {
    const bySegment = new Map<number, number[]>();
    for (const p of positions) {
      const no = this.segment[p] ?? 0;
      const list = bySegment.get(no);
      if (list) list.push(p);
      else bySegment.set(no, [p]);
    }
    const found = new Map<number, JournalEntry | undefined>();
    for (const [no, list] of bySegment) {
      const seg = this.segments.get(no);
      if (!seg) continue;
      const places = list.map((p) => ({ offset: this.offset[p] ?? 0, length: this.length[p] ?? 0 }));
      const texts = await this.source.read(seg, places);
      list.forEach((p, i) => found.set(p, parseLine(texts[i] ?? '')));
    }
    return positions.map((p) => found.get(p));
  }

  private add(entry: JournalEntry, segment: number, offset: number, length: number): void {
    if (this.count === this.seq.length) this.grow();
    const p = this.count;
    this.seq[p] = entry.seq;
    this.at[p] = entry.at;
    this.type[p] = ENTRY_TYPE_CODE.get(entry.type) ?? 0;
    this.actor[p] = intern(entry.actor, entry.actor, this.actorIds, this.actorNames);
    const ids: number[] = [];
    forEachTimelineSerial(entry, (serial) =>
      ids.push(intern(serial.toLowerCase(), serial, this.serialIds, this.serialNames)),
    );
    this.serial[p] = ids.length === 1 ? (ids[0] ?? -1) : -1;
    if (ids.length > 1) this.manySerials.set(entry.seq, ids);
    this.summary[p] = this.summaryId(entry);
    this.segment[p] = segment;
    this.offset[p] = offset;
    this.length[p] = length;
    this.count = p + 1;
  }

  private summaryId(entry: JournalEntry): number {
    const text = summarizeEntry(entry);
    if (REPEATING_SUMMARIES.has(entry.type))
      return intern(text, text, this.repeatedSummaryIds, this.summaryTexts);
    this.summaryTexts.push(text);
    return this.summaryTexts.length - 1;
  }

  private grow(): void {
    const capacity = Math.ceil(this.seq.length * GROWTH);
    const grown = <T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(column: T): T => {
      const next = new (column.constructor as new (n: number) => T)(capacity);
      next.set(column);
      return next;
    };
    this.seq = grown(this.seq);
    this.at = grown(this.at);
    this.type = grown(this.type);
    this.actor = grown(this.actor);
    this.serial = grown(this.serial);
    this.summary = grown(this.summary);
    this.segment = grown(this.segment);
    this.offset = grown(this.offset);
    this.length = grown(this.length);
  }
}

function intern(key: string, name: string, ids: Map<string, number>, names: string[]): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = names.length;
    ids.set(key, id);
    names.push(name);
  }
  return id;
}

/**
 * A line as an entry, or undefined when it is not one. The hash chain is the journal's to verify
 * (on open and in the background); this reads what is there.
 */
function parseLine(text: string): JournalEntry | undefined {
  try {
    const parsed = JournalEntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
