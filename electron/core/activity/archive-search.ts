import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type {
  ActivityQuery,
  ActivityRow,
  ArchiveSearchPage,
} from '../../../shared/contract/activity-methods';
import type { ArchivedSegment } from '../../../shared/domain/inventory/journal-archive';
import { JournalArchive } from '../journal/archive';
import type { SegmentInfo } from '../journal/segments';
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
/**
 * A file is skipped for a time filter only when its first and last entries' times miss it by more
 * than this: entries carry the time they were recorded, which a clock step can put slightly out of
 * order within a file.
 */
const TIME_SLACK_MS = 60 * 60_000;

/**
 * The Activity page's filter over the journal archive, newest first. Nothing is kept in memory
 * between requests (the archive can hold months of a fleet's calls): each archived file in turn is
 * decompressed, indexed on its own with the Activity index, and filtered with the same query code
 * as the live journal, so the archive matches exactly what the page would have matched online.
 */
export async function searchJournalArchive(
  journalDir: string,
  { filter, cursor, limit = DEFAULT_LIMIT }: ActivityQuery,
): Promise<ArchiveSearchPage> {
  const archive = await JournalArchive.open(journalDir);
  const from = (filter.from ?? -Infinity) - TIME_SLACK_MS;
  const to = (filter.to ?? Infinity) + TIME_SLACK_MS;
  const files = archive.segments
    .filter((s) => (cursor === undefined || s.firstSeq < cursor) && s.lastAt >= from && s.firstAt < to)
    .reverse();
  const rows: ActivityRow[] = [];
  const problems: string[] = [];
  let unreadable = 0;
  let searchedBackTo: ArchiveSearchPage['searchedBackTo'] = null;
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
    const found = findMatches(index, filter, cursor, limit - rows.length);
    for (const entry of await index.entries(found.positions)) if (entry) rows.push(rowOf(entry));
    searchedBackTo = { seq: file.firstSeq, at: file.firstAt };
    const last = rows.at(-1);
    if (rows.length >= limit && last) {
      // The page is full: searched back to its last row, and more may follow in this file or older ones.
      searchedBackTo = { seq: last.seq, at: last.at };
      if (found.nextCursor !== null || i < files.length - 1) nextCursor = last.seq;
      break;
    }
  }
  return { rows, nextCursor, searchedBackTo, archive: archive.summary(), unreadable, problems };
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
