import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
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
import { BackupChainCheck } from './backup-chain-check';

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
 * are on disk (archived ones decompressed first), through gzip, into a temp file beside `filePath`
 * that is fsynced and renamed into place. Streamed, so memory stays flat whatever the journal's
 * size; compression runs on libuv's thread pool. The segments must hold exactly the entries up to
 * the header's state, `upTo` (the caller takes both in one synchronous step). Every line is checked
 * on the way as a restore will check it, and a damaged journal's backup is not kept: it throws
 * `JournalDamagedError` saying where, instead of leaving a file that no restore accepts.
 */
export async function writeBackup(
  filePath: string,
  headerLine: string,
  upTo: { seq: number; hash: string },
  segments: DurableSegment[],
  onProgress?: OnProgress,
): Promise<{ bytes: number; entries: number }> {
  const chain = new BackupChainCheck({ entries: upTo.seq, hash: upTo.hash });
  async function* content(): AsyncGenerator<Buffer> {
    yield Buffer.from(headerLine);
    for (const segment of segments) {
      if (segment.size === 0) continue;
      const bytes = createReadStream(segment.path, { start: 0, end: segment.size - 1 });
      // An archived segment is its lines gzipped: the backup holds them as they were written.
      for await (const chunk of segment.gzip ? bytes.pipe(createGunzip()) : bytes) {
        chain.take(chunk as Buffer, basename(segment.path));
        onProgress?.(chain.entries, upTo.seq);
        yield chunk as Buffer;
      }
    }
    chain.finish();
  }
  await replaceFileAtomically(filePath, async (temp) => {
    await pipeline(content(), createGzip(), createWriteStream(temp, { flags: 'wx' }));
  });
  return { bytes: (await stat(filePath)).size, entries: chain.entries };
}
