import { z } from 'zod';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../domain/activity/categories';
import type { JournalEntry } from '../domain/inventory/journal-entry';

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

export type ActivityFacets = {
  /** Every actor in the journal, with how many entries each wrote, most active first. */
  actors: Array<{ actor: string; count: number }>;
};

/** Answers are built by the core from its own types; requests are what a page could forge. */
const answer = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const activityMethods = {
  'activity.query': { request: ActivityQuerySchema, response: answer<ActivityPage>() },
  'activity.facets': { request: z.undefined(), response: answer<ActivityFacets>() },
  /** The whole filtered set (not only a page) as CSV, newest first. */
  'activity.exportCsv': {
    request: z.object({ filter: ActivityFilterSchema }).strict(),
    response: answer<{ fileName: string; csv: string; rows: number }>(),
  },
} as const;
