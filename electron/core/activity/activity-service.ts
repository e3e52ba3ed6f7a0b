import {
  ACTIVITY_EXPORT_PART_ROWS,
  type ActivityExportPart,
  type ActivityFacets,
  type ActivityFilter,
  type ActivityPage,
  type ActivityQuery,
  type ArchiveExportPart,
  type ArchiveSearchPage,
} from '../../../shared/contract/activity-methods';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import { ActivityIndex } from './activity-index';
import { activityCsv } from './activity-csv';
import { exportJournalArchiveCsv, searchJournalArchive } from './archive-search';
import { findMatches, rowOf } from './activity-query';

const DEFAULT_LIMIT = 100;
/** New entries are announced at most this often: a burst of callbacks is one refetch, not hundreds. */
const ANNOUNCE_MS = 500;

export type ActivityDeps = {
  /** The journal's folder (`<dataDir>/journal`). */
  journalDir: string;
  /** The last durable sequence number: lines past it may be mid-commit and are not shown yet. */
  durableSeq: () => number;
  events: CoreEvents;
  clock: Clock;
  /** Rows per part of an export (default ACTIVITY_EXPORT_PART_ROWS; tests make it small). */
  exportPartRows?: number;
};

/**
 * The Activity page's reads over the whole journal: filtered pages, the actors for the filter
 * menu, and the CSV of everything a filter matches. Built on first use and then kept up to date
 * incrementally; tells the UI (batched) when new entries arrived.
 */
export class ActivityService {
  private index: ActivityIndex;
  private refreshing: Promise<void> = Promise.resolve();
  private timer: unknown;
  private stopped = false;

  constructor(private readonly deps: ActivityDeps) {
    this.index = new ActivityIndex(deps.journalDir);
  }

  async query({ filter, cursor, limit = DEFAULT_LIMIT }: ActivityQuery): Promise<ActivityPage> {
    const index = await this.current();
    const found = findMatches(index, filter, cursor, limit);
    const entries = await index.entries(found.positions);
    const rows = entries.flatMap((entry) => (entry ? [rowOf(entry)] : []));
    return {
      rows,
      nextCursor: found.nextCursor,
      total: found.total,
      lastSeq: index.lastSeq,
      unreadable: index.unreadable,
    };
  }

  /** The same filter over the journal archive, a few archived files per request (not indexed in memory). */
  searchArchive(query: ActivityQuery): Promise<ArchiveSearchPage> {
    return searchJournalArchive(this.deps.journalDir, query);
  }

  /** One part of a CSV export of the archive search (see `exportCsv`; a few archived files per part). */
  exportArchiveCsv(filter: ActivityFilter, cursor?: number): Promise<ArchiveExportPart> {
    const day = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    return exportJournalArchiveCsv(this.deps.journalDir, { filter, cursor, day });
  }

  async facets(): Promise<ActivityFacets> {
    const index = await this.current();
    const counts = new Array<number>(index.actorNames.length).fill(0);
    for (let p = 0; p < index.size; p += 1) {
      const a = index.actor[p] ?? 0;
      counts[a] = (counts[a] ?? 0) + 1;
    }
    const actors = index.actorNames.map((actor, i) => ({ actor, count: counts[i] ?? 0 }));
    return { actors: actors.sort((a, b) => b.count - a.count || a.actor.localeCompare(b.actor)) };
  }

  /**
   * Every entry `filter` matches (not one page of the list), newest first, as CSV in parts:
   * the entries older than `cursor` (from the newest without it), at most `exportPartRows`.
   */
  async exportCsv(filter: ActivityFilter, cursor?: number): Promise<ActivityExportPart> {
    const index = await this.current();
    const limit = this.deps.exportPartRows ?? ACTIVITY_EXPORT_PART_ROWS;
    const { positions, nextCursor, total } = findMatches(index, filter, cursor, limit);
    const day = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    const first = cursor === undefined;
    const csv = activityCsv(index, positions, first);
    return {
      fileName: `fleetdesk-activity-${day}.csv`,
      // Papa ends no row with a line break, so each later part brings the one before its rows.
      csv: first || csv === '' ? csv : `\r\n${csv}`,
      rows: positions.length,
      total,
      nextCursor,
    };
  }

  /** Every durable entry of these types (recorded at or after `since`), oldest first, read back from the journal's files. */
  async entriesOfTypes(types: readonly JournalEntry['type'][], since?: number): Promise<JournalEntry[]> {
    const index = await this.current();
    const entries = await index.entries(index.positionsOfTypes(types, since));
    return entries.filter((e): e is JournalEntry => e !== undefined);
  }

  /** Called with each durable batch: a restore replaces the journal, so the index starts over. */
  onCommitted(entries: readonly JournalEntry[]): void {
    if (entries.some((e) => e.type === 'backup.restored'))
      this.index = new ActivityIndex(this.deps.journalDir);
    if (this.stopped || this.timer !== undefined || !this.deps.events.hasListeners('activity.changed'))
      return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.deps.events.emit('activity.changed', { lastSeq: this.deps.durableSeq() });
    }, ANNOUNCE_MS);
  }

  /**
   * Segments up to `no` went into the archive: their rows leave the index (after any catch-up in
   * progress), so the page lists the live journal without re-reading it.
   */
  archived(no: number): void {
    this.refreshing = this.refreshing.then(() => this.index.dropSegmentsUpTo(no));
  }

  stop(): void {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.timer);
  }

  /** The index, caught up with the journal; one catch-up at a time, which later callers share. */
  private current(): Promise<ActivityIndex> {
    const run = this.refreshing.then(async () => {
      const upTo = this.deps.durableSeq();
      let index = this.index;
      if (!(await index.refresh(upTo))) {
        // The files no longer continue what was indexed (a restore replaced them): start over.
        index = this.index = new ActivityIndex(this.deps.journalDir);
        await index.refresh(upTo);
      }
      return index;
    });
    this.refreshing = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
