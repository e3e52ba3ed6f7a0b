import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { nodeJournalIo } from '../journal/journal-io';
import { fileStamp } from '../journal/segments';
import { writeFileAtomic } from './atomic-file';
import { removeRestoreMarker, writeRestoreMarker } from './restore-marker';

export type DataPaths = { dataDir: string; journalDir: string; snapshotPath: string };

/** The restore a replacement carries out: what the marker and, after a crash, its journal entry say. */
export type RestoreIntent = { origin: string; actor: string; replacedSeq: number };

/**
 * Moves the current journal and snapshot into `inventory.replaced-<time>/` (never deleted), then
 * puts `stagedJournalDir` (a complete, durable journal in the same data folder) in the journal's
 * place and `snapshotText` in the snapshot's, so the next open replays nothing. If that fails,
 * what was put in place goes to the same folder and the moved data is put back.
 * A marker written before the first move and removed after the last says what is under way: a
 * crash or power cut between them leaves no journal, or no snapshot, which would otherwise open
 * as a new, empty inventory; the next start finishes or undoes the restore (interrupted-restore.ts).
 * Returns the folder the old data went to. The caller has closed the journal first.
 */
export async function replaceJournal(
  paths: DataPaths,
  stagedJournalDir: string,
  snapshotText: string,
  now: number,
  intent: RestoreIntent,
): Promise<string> {
  const aside = uniqueDir(join(paths.dataDir, `inventory.replaced-${fileStamp(now)}`));
  await writeRestoreMarker(paths.dataDir, {
    ...intent,
    startedAt: now,
    staged: basename(stagedJournalDir),
    aside: basename(aside),
    snapshot: basename(paths.snapshotPath),
  });
  await mkdir(aside);
  const moves: Array<[string, string]> = [
    [paths.journalDir, join(aside, 'journal')],
    [paths.snapshotPath, join(aside, 'inventory.json')],
  ].filter(([from]) => existsSync(from ?? '')) as Array<[string, string]>;
  for (const [from, to] of moves) await rename(from, to);
  try {
    await rename(stagedJournalDir, paths.journalDir);
    await writeFileAtomic(paths.snapshotPath, snapshotText);
  } catch (error) {
    if (existsSync(paths.journalDir)) await rename(paths.journalDir, join(aside, 'journal.failed-restore'));
    if (existsSync(paths.snapshotPath))
      await rename(paths.snapshotPath, join(aside, 'inventory.failed-restore.json'));
    for (const [from, to] of moves) await rename(to, from);
    await removeRestoreMarker(paths.dataDir);
    throw error;
  }
  await nodeJournalIo.syncDir(paths.dataDir);
  await removeRestoreMarker(paths.dataDir);
  return aside;
}

/** `base`, or `base-1`, `base-2`, … : the first that does not exist yet. */
export function uniqueDir(base: string): string {
  let candidate = base;
  for (let n = 1; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}
