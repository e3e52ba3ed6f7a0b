import { existsSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { nodeJournalIo } from '../journal/journal-io';
import { encodeEntry, type UnhashedEntry } from '../journal/line-codec';
import { fileStamp, segmentName } from '../journal/segments';

export type DataPaths = { dataDir: string; journalDir: string; snapshotPath: string };

/**
 * Moves the current journal and snapshot into `inventory.replaced-<time>/` (never deleted) and
 * writes `entries` as a fresh journal. If writing fails, the moved data is put back.
 * Returns the folder the old data went to. The caller has closed the journal first.
 */
export async function replaceJournal(
  paths: DataPaths,
  entries: JournalEntry[],
  now: number,
): Promise<string> {
  const aside = uniqueDir(join(paths.dataDir, `inventory.replaced-${fileStamp(now)}`));
  await mkdir(aside);
  const moves: Array<[string, string]> = [
    [paths.journalDir, join(aside, 'journal')],
    [paths.snapshotPath, join(aside, 'inventory.json')],
  ].filter(([from]) => existsSync(from ?? '')) as Array<[string, string]>;
  for (const [from, to] of moves) await rename(from, to);
  try {
    await writeSegment(paths.journalDir, entries);
  } catch (error) {
    if (existsSync(paths.journalDir)) await rename(paths.journalDir, join(aside, 'journal.failed-restore'));
    for (const [from, to] of moves) await rename(to, from);
    throw error;
  }
  await nodeJournalIo.syncDir(paths.dataDir);
  return aside;
}

/** Writes entries as segment 1, re-encoded exactly as the journal writes them (same bytes, same hashes). */
async function writeSegment(dir: string, entries: JournalEntry[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const lines = entries.map(({ hash: _hash, ...unhashed }) => encodeEntry(unhashed as UnhashedEntry).line);
  const handle = await open(join(dir, segmentName(1)), 'wx');
  try {
    await handle.writeFile(lines.join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await nodeJournalIo.syncDir(dir);
  await nodeJournalIo.syncDir(dirname(dir));
}

function uniqueDir(base: string): string {
  let candidate = base;
  for (let n = 1; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}
