import { randomBytes } from 'node:crypto';
import { open, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeJournalIo } from '../journal/journal-io';

/**
 * Puts a new `filePath` in place so that a crash leaves either the old file or the new one, never
 * a mix: `write` fills a temp file beside it (created new, flag `wx`), which is then fsynced and
 * renamed over it, and the directory fsynced. If `write` throws, the temp file is removed and
 * the old file stays.
 */
export async function replaceFileAtomically(
  filePath: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  const temp = `${filePath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await write(temp);
    // fsync reaches the file's data through any descriptor of it.
    const handle = await open(temp, 'r');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await nodeJournalIo.syncDir(dirname(filePath));
}

/** Writes `data` to `filePath` atomically (see replaceFileAtomically). */
export function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  return replaceFileAtomically(filePath, (temp) => writeFile(temp, data, { flag: 'wx' }));
}
