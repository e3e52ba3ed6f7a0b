import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION_STREAM,
  type BackupHeader,
} from '../../../shared/domain/inventory/backup-file';
import type { OnProgress } from '../../../shared/domain/inventory/data-progress';
import type { InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import type { DurableSegment } from '../journal/journal';
import { replaceFileAtomically } from './atomic-file';

/** The first line of a backup of `snapshot`; built at once, before the state can move on. */
export function backupHeaderLine(snapshot: InventorySnapshot, createdAt: number): string {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_VERSION_STREAM,
    createdAt,
    entries: snapshot.seq,
    snapshot,
  };
  return `${JSON.stringify(header)}\n`;
}

/**
 * Writes a backup (format version 2): `headerLine`, then the durable bytes of `segments` as they
 * are on disk (archived ones decompressed first), through gzip, into a temp file beside `filePath` that is fsynced and renamed into
 * place. Streamed, so memory stays flat whatever the journal's size; compression runs on libuv's
 * thread pool. The segments must hold exactly the entries up to the header's state (the caller
 * takes both in one synchronous step); the line count is checked before the file is kept.
 */
export async function writeBackup(
  filePath: string,
  headerLine: string,
  expectedEntries: number,
  segments: DurableSegment[],
  onProgress?: OnProgress,
): Promise<{ bytes: number; entries: number }> {
  let entries = 0;
  async function* content(): AsyncGenerator<Buffer> {
    yield Buffer.from(headerLine);
    for (const segment of segments) {
      if (segment.size === 0) continue;
      const bytes = createReadStream(segment.path, { start: 0, end: segment.size - 1 });
      // An archived segment is its lines gzipped: the backup holds them as they were written.
      for await (const chunk of segment.gzip ? bytes.pipe(createGunzip()) : bytes) {
        const bytes = chunk as Buffer;
        for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) entries += 1;
        onProgress?.(entries, expectedEntries);
        yield bytes;
      }
    }
  }
  await replaceFileAtomically(filePath, async (temp) => {
    await pipeline(content(), createGzip(), createWriteStream(temp, { flags: 'wx' }));
    if (entries !== expectedEntries) {
      throw new Error(
        `the journal holds ${entries} entries up to the state, which is at entry ${expectedEntries}: it is damaged (the notices at start-up say where), so the backup was not kept`,
      );
    }
  });
  return { bytes: (await stat(filePath)).size, entries };
}
