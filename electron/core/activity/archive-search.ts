import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type {
  ActivityFilter,
  ActivityQuery,
  ActivityRow,
  ArchiveExportPart,
  ArchiveSearchPage,
} from '../../../shared/contract/activity-methods';
import type { ArchivedSegment } from '../../../shared/domain/inventory/journal-archive';
import { JournalArchive } from '../journal/archive';
import type { SegmentInfo } from '../journal/segments';
import { activityCsv, activityCsvHeader } from './activity-csv';
import { ActivityIndex } from './activity-index';
import { findMatches, rowOf } from './activity-query';
import { eachLine } from './segment-tail';
import type { SegmentSource } from './segment-source';

const gunzipAsync = promisify(gunzip);

const DEFAULT_LIMIT = 100;
/**
 * Archived files read per request at most. Each holds up to 8 MiB of entries (~16,000), which take
 * ~0.35 s to decompress and index (measured on 273,000 archived health calls, 2-core machine): a
 * request that finds little still answers in about 3 s, says how far back it got, and the operator
 * chooses to search further back.
 */
export const ARCHIVE_FILES_PER_SEARCH = 8;

/** How far a walk over the archive got: what a search page and an export part both report. */
type Walked = Omit<ArchiveSearchPage, 'rows'>;

/**
 * Visits the archived files newest first (at most ARCHIVE_FILES_PER_SEARCH, older than `cursor`,
 * near the filter's time range), each decompressed and indexed on its own with the Activity index,
 * and hands `take` the positions `filter` matches there (newest first), until `limit` were taken.
 * Nothing is kept in memory between requests: the archive can hold months of a fleet's calls. The
 * filter runs through the same query code as the live journal's, so it matches the same entries.
 */
async function walkArchive(
  journalDir: string,
  { filter, cursor, limit }: { filter: ActivityFilter; cursor: number | undefined; limit: number },
  take: (index: ActivityIndex, positions: number[]) => Promise<void>,
): Promise<Walked> {
  const archive = await JournalArchive.open(journalDir);
  const files = archive.segments
    .filter((s) => (cursor === undefined || s.firstSeq < cursor) && mayHoldTimes(s, filter))
    .reverse();
  const problems: string[] = [];
  let taken = 0;
  let unreadable = 0;
  let searchedBackTo: Walked['searchedBackTo'] = null;
  let nextCursor: number | null = null;
  for (const [i, file] of files.entries()) {
    if (i === ARCHIVE_FILES_PER_SEARCH) {
      // Out of this request's budget: the next one starts with this file.
      nextCursor = file.lastSeq + 1;
      break;
    }
    let index: ActivityIndex;
    try {
      index = await indexOf(archive, file);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      problems.push(`${file.file} (entries ${file.firstSeq}–${file.lastSeq}) could not be read: ${why}`);
      searchedBackTo = { seq: file.firstSeq, at: file.firstAt };
      continue;
    }
    unreadable += index.unreadable;
    const found = findMatches(index, filter, cursor, limit - taken);
    await take(index, found.positions);
    taken += found.positions.length;
    searchedBackTo = { seq: file.firstSeq, at: file.firstAt };
    const last = found.positions.at(-1);
    if (taken >= limit && last !== undefined) {
      // Full: searched back to the last one taken, and more may follow in this file or older ones.
      const seq = index.seq[last] ?? 0;
      searchedBackTo = { seq, at: index.at[last] ?? 0 };
      if (found.nextCursor !== null || i < files.length - 1) nextCursor = seq;
      break;
    }
  }
  return { nextCursor, searchedBackTo, archive: archive.summary(), unreadable, problems };
}

/**
 * Whether `file` may hold an entry recorded in the filter's time range [from, to). Only the
 * smallest and largest entry times bound a file: entries follow the sequence, and a clock set back
 * records later entries at earlier times. A file archived before those were kept in the manifest
 * is always read, never skipped on a guess.
 */
function mayHoldTimes(file: ArchivedSegment, filter: ActivityFilter): boolean {
  if (file.minAt === undefined || file.maxAt === undefined) return true;
  return file.maxAt >= (filter.from ?? -Infinity) && file.minAt < (filter.to ?? Infinity);
}

/** One page of the Activity page's filter over the journal archive, newest first. */
export async function searchJournalArchive(
  journalDir: string,
  { filter, cursor, limit = DEFAULT_LIMIT }: ActivityQuery,
): Promise<ArchiveSearchPage> {
  const rows: ActivityRow[] = [];
  const walked = await walkArchive(journalDir, { filter, cursor, limit }, async (index, positions) => {
    for (const entry of await index.entries(positions)) if (entry) rows.push(rowOf(entry));
  });
  return { rows, ...walked };
}

/**
 * One part of a CSV export of what `filter` matches in the archive, newest first: every match in
 * the files one request reads (the header row in the first part; each later part starts with a
 * line break, so the parts joined in order are the file). Ask again with `nextCursor` until null.
 */
export async function exportJournalArchiveCsv(
  journalDir: string,
  { filter, cursor, day }: { filter: ActivityFilter; cursor: number | undefined; day: string },
): Promise<ArchiveExportPart> {
  const chunks: string[] = [];
  let rows = 0;
  const walked = await walkArchive(
    journalDir,
    { filter, cursor, limit: Infinity },
    async (index, positions) => {
      if (positions.length === 0) return;
      chunks.push(activityCsv(index, positions, false));
      rows += positions.length;
    },
  );
  const csv =
    cursor === undefined
      ? [activityCsvHeader(), ...chunks].join('\r\n')
      : chunks.map((c) => `\r\n${c}`).join('');
  return {
    fileName: `fleetdesk-activity-archive-${day}.csv`,
    csv,
    rows,
    nextCursor: walked.nextCursor,
    searchedBackTo: walked.searchedBackTo,
    problems: walked.problems,
  };
}

/** One archived file, decompressed and indexed on its own (its lines as the journal wrote them). */
async function indexOf(archive: JournalArchive, file: ArchivedSegment): Promise<ActivityIndex> {
  const text = await gunzipAsync(await readFile(archive.pathOf(file)));
  const info: SegmentInfo = {
    no: file.segment,
    name: file.file,
    path: archive.pathOf(file),
    size: text.length,
    firstSeq: file.firstSeq,
    lastSeq: file.lastSeq,
  };
  const index = new ActivityIndex(inMemorySegment(info, text));
  await index.refresh(Number.MAX_SAFE_INTEGER);
  return index;
}

/** A segment whose bytes are already in memory (decompressed), as a source for the Activity index. */
function inMemorySegment(info: SegmentInfo, text: Buffer): SegmentSource {
  return {
    list: async () => [info],
    lines: async (_segment, from, onLine) => {
      if (text.length < from) return -1;
      const { next } = await eachLine(text.subarray(from), text.length - from, from, onLine);
      return from + next;
    },
    read: async (_segment, places) =>
      places.map(({ offset, length }) => text.toString('utf8', offset, offset + length)),
  };
}
