import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import {
  BackupFileSchema,
  BackupHeaderSchema,
  type BackupHeader,
} from '../../../shared/domain/inventory/backup-file';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { OnProgress } from '../../../shared/domain/inventory/data-progress';
import type { InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import { decodeLine, encodeEntry, type UnhashedEntry } from '../journal/line-codec';
import type { SegmentSink } from '../journal/segment-sink';
import { BackupInvalidError } from './backup-invalid';
import { BackupReplay } from './backup-replay';

/**
 * Reads the backup at `filePath` (version 2, gzip-compressed JSON Lines, streamed; or a
 * version 1 document) and proves all of it (schemas, every entry's hash, the chain from the
 * first entry, the state the entries replay to) while laying its journal out in `sink`'s new
 * directory. Resolves with the proven state; on any failure the directory is removed again and a
 * `BackupInvalidError` says what is wrong with the file. `onProgress` hears of each entry proven
 * (a streamed backup announces its count in its header; a version 1 document is read at once).
 */
export async function stageBackup(
  filePath: string,
  sink: SegmentSink,
  onProgress?: OnProgress,
): Promise<InventoryState> {
  // Outside the try: a directory that already existed is not ours to remove.
  await sink.start();
  try {
    const replay = new BackupReplay(sink);
    const snapshot = (await isGzip(filePath))
      ? await readStreamed(filePath, replay, onProgress)
      : await readSingleDocument(filePath, replay);
    const state = replay.finish(snapshot);
    await sink.finish();
    return state;
  } catch (error) {
    await sink.abandon();
    throw error;
  }
}

async function isGzip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r').catch((error: unknown) => {
    throw new BackupInvalidError(`${filePath} cannot be opened (${messageOf(error)})`);
  });
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Version 2: header line, then one journal line per entry. Memory holds one line at a time. */
async function readStreamed(
  filePath: string,
  replay: BackupReplay,
  onProgress?: OnProgress,
): Promise<InventorySnapshot> {
  let header: BackupHeader | undefined;
  let lineNo = 0;
  for await (const text of linesOf(filePath)) {
    lineNo += 1;
    if (header === undefined) {
      header = headerOf(text, filePath);
      continue;
    }
    if (replay.entries >= header.entries) {
      throw new BackupInvalidError(
        `the backup holds more entries than the ${header.entries} its header announces`,
      );
    }
    await replay.add(entryOfLine(text, lineNo), `${text}\n`);
    onProgress?.(replay.entries, header.entries);
  }
  if (header === undefined) throw new BackupInvalidError(`${filePath} holds no backup header`);
  if (replay.entries !== header.entries) {
    throw new BackupInvalidError(
      `the backup ends after ${replay.entries} of the ${header.entries} entries its header announces`,
    );
  }
  return header.snapshot;
}

/**
 * The decompressed file's lines, each only once its newline has arrived: a cut-off file fails as
 * cut off (zlib's error, or a last line without its end), never as a half line that does not parse.
 */
async function* linesOf(filePath: string): AsyncGenerator<string> {
  // pipeline destroys both streams on an error in either, so iterating sees the file's errors too.
  const input = pipeline(createReadStream(filePath), createGunzip(), () => undefined);
  const decoder = new StringDecoder('utf8');
  let partial: string[] = [];
  try {
    for await (const chunk of input) {
      const text = decoder.write(chunk as Buffer);
      let from = 0;
      // Only the new text is searched, so a long line (the header holds the whole state) costs
      // one pass, not one per chunk.
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        partial.push(text.slice(from, nl));
        const line = partial.join('');
        partial = [];
        from = nl + 1;
        yield line;
      }
      if (from < text.length) partial.push(text.slice(from));
    }
  } catch (error) {
    // Only the stream's own errors land here: a consumer's error ends this generator by return.
    throw new BackupInvalidError(`${filePath} could not be read to its end (${messageOf(error)})`);
  }
  if (partial.join('') + decoder.end() !== '') {
    throw new BackupInvalidError(`${filePath} ends in the middle of a line: the file is cut off`);
  }
}

function headerOf(text: string, filePath: string): BackupHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupInvalidError(`${filePath} does not start with a backup header (${messageOf(error)})`);
  }
  return parsedOrThrow(BackupHeaderSchema, raw, filePath);
}

/** One journal line, checked against its own hash and the entry schema. */
function entryOfLine(text: string, lineNo: number): JournalEntry {
  const decoded = decodeLine(text);
  if (!decoded.ok) {
    throw new BackupInvalidError(`line ${lineNo} of the backup is not a journal entry (${decoded.reason})`);
  }
  if (!decoded.hashOk) {
    throw new BackupInvalidError(
      `entry ${String(decoded.value['seq'])} (line ${lineNo}) in the backup does not match its hash`,
    );
  }
  const parsed = JournalEntrySchema.safeParse(decoded.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupInvalidError(
      `line ${lineNo} of the backup is not a valid journal entry (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    );
  }
  return parsed.data;
}

/** Version 1: one JSON document; its entries are re-encoded exactly as the journal writes them. */
async function readSingleDocument(filePath: string, replay: BackupReplay): Promise<InventorySnapshot> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(filePath, 'utf8'));
  } catch (error) {
    throw new BackupInvalidError(`${filePath} is not a readable backup (${messageOf(error)})`);
  }
  const backup = parsedOrThrow(BackupFileSchema, raw, filePath);
  for (const entry of backup.entries) {
    const { hash, ...unhashed } = entry;
    const encoded = encodeEntry(unhashed as UnhashedEntry);
    if (encoded.entry.hash !== hash) {
      throw new BackupInvalidError(`entry ${entry.seq} in the backup does not match its hash`);
    }
    await replay.add(entry, encoded.line);
  }
  return backup.snapshot;
}

function parsedOrThrow<S extends z.ZodType>(schema: S, raw: unknown, filePath: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new BackupInvalidError(
    `${filePath} is not a Fleetdesk inventory backup this version can read (${issues.join('; ')})`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
