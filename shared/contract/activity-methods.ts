import { z } from 'zod';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../domain/activity/categories';
import type { JournalEntry } from '../domain/inventory/journal-entry';
import type { ArchiveSummary } from '../domain/inventory/journal-archive';

/** Ms since the epoch; bounded so a forged request cannot ask for nonsense dates. */
const instant = z.number().int().min(0).max(8_640_000_000_000_000);

/** What the Activity page filters by; every field narrows, absent fields do not. */
export const ActivityFilterSchema = z
  .object({
    /** Entries at or after this moment. */
    from: instant.optional(),
    /** Entries before this moment. */
    to: instant.optional(),
    categories: z.array(z.enum(ACTIVITY_CATEGORIES)).max(ACTIVITY_CATEGORIES.length).optional(),
    /** Exact actor: an operator's name, `mqtt`, `auto`, or `token:<id>` (the listener). */
    actor: z.string().trim().min(1).max(200).optional(),
    /** Exact serial (case-insensitive). */
    serial: z.string().trim().min(1).max(64).optional(),
    /** Words anywhere in the summary, serial, actor or type (case-insensitive). */
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ActivityFilter = z.infer<typeof ActivityFilterSchema>;

export const ActivityQuerySchema = z
  .object({
    filter: ActivityFilterSchema,
    /** The `nextCursor` of the previous page: entries older than it. Absent for the newest page. */
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type ActivityQuery = z.infer<typeof ActivityQuerySchema>;

/** One journal entry as the Activity page lists it, with the entry itself for the details. */
export type ActivityRow = {
  seq: number;
  at: number;
  type: JournalEntry['type'];
  category: ActivityCategory;
  actor: string;
  serial: string | null;
  summary: string;
  entry: JournalEntry;
};

export type ActivityPage = {
  /** Newest first. */
  rows: ActivityRow[];
  /** Pass back as `cursor` for the next (older) page; null when this page reaches the oldest match. */
  nextCursor: number | null;
  /** How many entries match the filter in all. */
  total: number;
  /** The newest sequence number the answer covers (entries after it arrived since). */
  lastSeq: number;
  /** Lines the index could not read (damaged; the journal check reports them): never silently none. */
  unreadable: number;
};

/**
 * One page of a search of the journal archive (entries moved out of the live journal). The archive
 * is not indexed in memory: each request reads archived files newest first, at most a few per
 * request, so a search that finds little says how far back it got and goes on when asked.
 */
export type ArchiveSearchPage = {
  /** Newest first. */
  rows: ActivityRow[];
  /** Pass back as `cursor` to search further back; null when the oldest archived entry was searched. */
  nextCursor: number | null;
  /** The oldest entry searched so far (this page and the ones before it); null when nothing was. */
  searchedBackTo: { seq: number; at: number } | null;
  /** What the archive holds. */
  archive: ArchiveSummary;
  /** Lines that are not a readable entry, in the files searched. */
  unreadable: number;
  /** Archived files that could not be read, in words (their entries were not searched). */
  problems: string[];
};

/** Rows per part of an Activity export: a few MB of CSV. */
export const ACTIVITY_EXPORT_PART_ROWS = 50_000;

export type ActivityExportPart = {
  fileName: string;
  csv: string;
  /** Rows in this part. */
  rows: number;
  /**
   * Entries matching the filter now. The first part's is the size of the export: later parts
   * continue from its cursor, so entries recorded meanwhile are not in it.
   */
  total: number;
  /** Pass back as `cursor` for the next part; null when this part is the last. */
  nextCursor: number | null;
};

/** One part of a CSV export of the archive search: the matches in the archived files one request reads. */
export type ArchiveExportPart = Omit<ActivityExportPart, 'total'> & {
  /** The oldest entry searched so far; the export's size is not known before the last part. */
  searchedBackTo: ArchiveSearchPage['searchedBackTo'];
  /** Archived files that could not be read, in words (their entries are not in the export). */
  problems: string[];
};

export type ActivityFacets = {
  /** Every actor in the journal, with how many entries each wrote, most active first. */
  actors: Array<{ actor: string; count: number }>;
};

const ExportRequestSchema = z
  .object({ filter: ActivityFilterSchema, cursor: z.number().int().positive().optional() })
  .strict();

/** Answers are built by the core from its own types; requests are what a page could forge. */
const answer = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const activityMethods = {
  'activity.query': { request: ActivityQuerySchema, response: answer<ActivityPage>() },
  'activity.facets': { request: z.undefined(), response: answer<ActivityFacets>() },
  /** The same filter over the journal archive, newest first (see ArchiveSearchPage). */
  'activity.searchArchive': { request: ActivityQuerySchema, response: answer<ArchiveSearchPage>() },
  /**
   * The whole filtered set (not only a page of the list) as CSV, newest first, in parts of at
   * most `ACTIVITY_EXPORT_PART_ROWS`: ask without `cursor`, then with each `nextCursor` until it is
   * null. The parts, concatenated in order, are the file (the first holds the header row; each
   * later one starts with a line break). Parts, because one string cannot hold a long journal's
   * export (V8 caps a string at ~512 MiB, some 5 million rows).
   */
  'activity.exportCsv': {
    request: ExportRequestSchema,
    response: answer<ActivityExportPart>(),
  },
  /** The archive search's matches as CSV, in parts of a few archived files each, as `activity.exportCsv`. */
  'activity.exportArchiveCsv': {
    request: ExportRequestSchema,
    response: answer<ArchiveExportPart>(),
  },
} as const;
