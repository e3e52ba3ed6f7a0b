import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileStamp } from '../journal/segments';
import type { Logger } from '../logger';
import { uniqueDir } from './replace-data';

const STAGING_PREFIX = 'journal.restoring-';

/** A new directory beside the journal (same file system, so moving it in is a rename) to lay a restore out in. */
export function restoreStagingDir(dataDir: string, now: number): string {
  return uniqueDir(join(dataDir, `${STAGING_PREFIX}${fileStamp(now)}`));
}

/**
 * Removes the staging directories of restores that a crash or power cut interrupted. They hold
 * only a partial copy of a backup file that is still there, never data of their own.
 */
export async function removeRestoreLeftovers(dataDir: string, log: Logger): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    log.info({ dir: name }, 'removing the staging folder of an interrupted restore');
    await rm(join(dataDir, name), { recursive: true, force: true });
  }
}
