import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeJournalIo } from '../journal/journal-io';

/**
 * Writes `data` to `filePath` so that a crash leaves either the old file or the new one, never a
 * mix: temp file beside it, fsync, rename, fsync of the directory.
 */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const temp = `${filePath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
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
