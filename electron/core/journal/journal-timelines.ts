import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { JournalEntrySchema } from '../../../shared/domain/inventory/journal-entry';
import { decodeLine } from './line-codec';
import { readPlaces, type SegmentInfo } from './segments';
import type { Place, TimelineIndex, TimelineSelection } from './timeline-index';

/**
 * Each installation's timeline, read from the journal's files through the timeline index. After an
 * open the older segments are checked and indexed in the background; until then the index holds
 * the recent part only, and a read either waits for the rest or says it is incomplete (`…SoFar`).
 */
export class JournalTimelines {
  private indexing: Promise<unknown> = Promise.resolve();
  private indexed = true;

  constructor(
    private readonly index: TimelineIndex,
    /** The journal's live segments (the same array, which archiving shortens in place). */
    private readonly segments: readonly SegmentInfo[],
  ) {}

  /** The background indexing of older segments, which reads of whole timelines wait for. */
  follow(indexing: Promise<unknown>): void {
    this.indexed = false;
    this.indexing = indexing.finally(() => {
      this.indexed = true;
    });
  }

  /**
   * The entries that name `serial`, oldest first: the installation's timeline, or the part of it
   * `selection` asks for (only some types, only the newest few), reading only those from disk.
   */
  async entriesFor(serial: string, selection: TimelineSelection = {}): Promise<JournalEntry[]> {
    await this.indexing;
    return this.readAt(this.index.locate(serial, selection));
  }

  /**
   * The entries that name `serial` (as `entriesFor`) without waiting for the background indexing
   * of older segments: `complete` is false while it runs, and the entries are then the recent part's.
   */
  async entriesSoFar(
    serial: string,
    selection: TimelineSelection = {},
  ): Promise<{ entries: JournalEntry[]; complete: boolean }> {
    const complete = this.indexed;
    return { entries: await this.readAt(this.index.locate(serial, selection)), complete };
  }

  /** How many entries name `serial` (once the background indexing of older segments is done). */
  async countFor(serial: string): Promise<number> {
    await this.indexing;
    return this.index.count(serial);
  }

  /**
   * How many entries name `serial` without waiting: `complete` is false while the older segments
   * are still being indexed, and `count` is then the recent part's (a lower bound).
   */
  countSoFar(serial: string): { count: number; complete: boolean } {
    return { count: this.index.count(serial), complete: this.indexed };
  }

  private async readAt(places: readonly Place[]): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    // Node 20 has no Map.groupBy.
    const bySegment = new Map<number, Array<{ offset: number; length: number }>>();
    for (const at of places) {
      const list = bySegment.get(at.segment);
      if (list) list.push(at);
      else bySegment.set(at.segment, [at]);
    }
    for (const [no, places] of bySegment) {
      const seg = this.segments.find((s) => s.no === no);
      if (!seg) continue;
      for (const text of await readPlaces(seg.path, places)) {
        const entry = parseEntry(text);
        if (entry) out.push(entry);
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }
}

/** A line as a journal entry, or undefined when it is not one. */
export function parseEntry(text: string): JournalEntry | undefined {
  const decoded = decodeLine(text);
  if (!decoded.ok) return undefined;
  const parsed = JournalEntrySchema.safeParse(decoded.value);
  return parsed.success ? parsed.data : undefined;
}
