import { fail, ok, type MethodName, type Result } from '../../shared/contract';
import {
  ActivityFilterSchema,
  ActivityQuerySchema,
  type ActivityFilter,
  type ActivityPage,
  type ActivityRow,
  type ArchiveSearchPage,
} from '../../shared/contract/activity-methods';

export type ActivityMethod = Extract<MethodName, `activity.${string}`>;

export interface ActivityState {
  /** The journal as the fake core holds it, oldest first; push to it, then emit `activity.changed`. */
  rows: ActivityRow[];
  /** Rows per page when the request names no limit (the core uses 100). */
  pageSize: number;
  /** Every query and export filter asked, in order. */
  queries: Array<{ filter: ActivityFilter; cursor?: number }>;
  exports: ActivityFilter[];
  /** The journal archive, oldest first, read in "files" of `archiveFileRows`, one file per search request. */
  archived: ActivityRow[];
  archiveFileRows: number;
  archiveSearches: Array<{ filter: ActivityFilter; cursor?: number }>;
}

export function activityState(rows: ActivityRow[] = [], archived: ActivityRow[] = []): ActivityState {
  return {
    rows,
    pageSize: 100,
    queries: [],
    exports: [],
    archived,
    archiveFileRows: 2,
    archiveSearches: [],
  };
}

export const isActivityMethod = (method: MethodName): method is ActivityMethod =>
  method.startsWith('activity.');

/** Rows per export part: one, so any export with rows takes several calls. */
const EXPORT_PART_ROWS = 1;

/** The activity methods over an in-memory list: the filters the page sends, cursor paging, a plain CSV. */
export function handleActivity(
  state: ActivityState,
  method: ActivityMethod,
  request: unknown,
): Result<unknown> {
  const matching = (f: ActivityFilter, rows = state.rows) =>
    [...rows]
      .reverse()
      .filter((r) => !f.serial || r.serial?.toLowerCase() === f.serial.toLowerCase())
      .filter((r) => !f.actor || r.actor === f.actor)
      .filter((r) => !f.categories || f.categories.includes(r.category))
      .filter((r) => f.from === undefined || r.at >= f.from)
      .filter((r) => f.to === undefined || r.at < f.to)
      .filter((r) => !f.text || r.summary.toLowerCase().includes(f.text.toLowerCase()));
  switch (method) {
    case 'activity.query': {
      const parsed = ActivityQuerySchema.safeParse(request);
      if (!parsed.success) return fail('invalid-request', parsed.error.message);
      const { filter, cursor, limit = state.pageSize } = parsed.data;
      state.queries.push({ filter, ...(cursor !== undefined && { cursor }) });
      const all = matching(filter);
      const older = all.filter((r) => cursor === undefined || r.seq < cursor);
      const rows = older.slice(0, Math.min(limit, state.pageSize));
      const page: ActivityPage = {
        rows,
        nextCursor: older.length > rows.length ? (rows.at(-1)?.seq ?? null) : null,
        total: all.length,
        lastSeq: state.rows.at(-1)?.seq ?? 0,
        unreadable: 0,
      };
      return ok(page);
    }
    case 'activity.searchArchive': {
      const parsed = ActivityQuerySchema.safeParse(request);
      if (!parsed.success) return fail('invalid-request', parsed.error.message);
      const { filter, cursor } = parsed.data;
      state.archiveSearches.push({ filter, ...(cursor !== undefined && { cursor }) });
      const file = archivedFile(state, cursor);
      const all = state.archived;
      const page: ArchiveSearchPage = {
        rows: matching(filter, file.rows),
        nextCursor: file.nextCursor,
        searchedBackTo: file.searchedBackTo,
        archive: {
          segments: Math.ceil(all.length / state.archiveFileRows),
          entries: all.length,
          lastSeq: all.at(-1)?.seq ?? 0,
          firstAt: all[0]?.at ?? null,
          lastAt: all.at(-1)?.at ?? null,
          compressedBytes: 1000,
        },
        unreadable: 0,
        problems: [],
      };
      return ok(page);
    }
    case 'activity.exportArchiveCsv': {
      const req = request as { filter?: unknown; cursor?: number } | undefined;
      const parsed = ActivityFilterSchema.safeParse(req?.filter);
      if (!parsed.success) return fail('invalid-request', parsed.error.message);
      const file = archivedFile(state, req?.cursor);
      const lines = matching(parsed.data, file.rows).map((r) => `${r.seq},${r.summary}`);
      const csv =
        req?.cursor === undefined
          ? ['seq,summary', ...lines].join('\r\n')
          : lines.map((l) => `\r\n${l}`).join('');
      return ok({
        fileName: 'fleetdesk-activity-archive-2026-11-01.csv',
        csv,
        rows: lines.length,
        nextCursor: file.nextCursor,
        searchedBackTo: file.searchedBackTo,
        problems: [],
      });
    }
    case 'activity.facets': {
      const counts = new Map<string, number>();
      for (const r of state.rows) counts.set(r.actor, (counts.get(r.actor) ?? 0) + 1);
      return ok({ actors: [...counts].map(([actor, count]) => ({ actor, count })) });
    }
    case 'activity.exportCsv': {
      const req = request as { filter?: unknown; cursor?: number } | undefined;
      const parsed = ActivityFilterSchema.safeParse(req?.filter);
      if (!parsed.success) return fail('invalid-request', parsed.error.message);
      if (req?.cursor === undefined) state.exports.push(parsed.data);
      // Newest first, EXPORT_PART_ROWS at a time, as the core answers (with a tiny part size).
      const all = matching(parsed.data);
      const older = req?.cursor === undefined ? all : all.filter((r) => r.seq < (req.cursor ?? 0));
      const rows = older.slice(0, EXPORT_PART_ROWS);
      const lines = rows.map((r) => `${r.seq},${r.summary}`).join('\r\n');
      const csv =
        req?.cursor === undefined ? ['seq,summary', lines].filter(Boolean).join('\r\n') : `\r\n${lines}`;
      return ok({
        fileName: 'fleetdesk-activity-2026-11-01.csv',
        csv,
        rows: rows.length,
        total: all.length,
        nextCursor: older.length > rows.length ? (rows.at(-1)?.seq ?? null) : null,
      });
    }
  }
}

/** The one archived "file" a request reads, as the core reads a few archived files per request. */
function archivedFile(state: ActivityState, cursor: number | undefined) {
  const older = state.archived.filter((r) => cursor === undefined || r.seq < cursor);
  const rows = older.slice(-state.archiveFileRows);
  const oldest = rows[0];
  return {
    rows,
    nextCursor: older.length > rows.length && oldest ? oldest.seq : null,
    searchedBackTo: oldest ? { seq: oldest.seq, at: oldest.at } : null,
  };
}
