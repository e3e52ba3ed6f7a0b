import { createHash } from 'node:crypto';
import { toSnapshot } from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';

export const SNAPSHOT_FORMAT = 'fleetdesk-inventory-snapshot';

/*
 * Stored shape: `{ format, seq, hash, sha256, payload }` where `payload` is the snapshot as one
 * JSON string. Measured at 10,000 installations, conf on a plain object tree parsed the file
 * three times per open (constructor, deep-equal check, read) and once more before every write
 * (~0.6 s per snapshot write, ~0.7 s per open); on a single string each of those passes is a fast
 * string scan. The checksum catches a damaged payload before the schema check runs.
 */
export type SnapshotEnvelope = {
  format: typeof SNAPSHOT_FORMAT;
  seq: number;
  hash: string;
  sha256: string;
  payload: string;
};

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The stored document for `state`. */
export function snapshotEnvelope(state: InventoryState): SnapshotEnvelope {
  const payload = JSON.stringify(toSnapshot(state));
  return { format: SNAPSHOT_FORMAT, seq: state.seq, hash: state.hash, sha256: sha256Hex(payload), payload };
}

/**
 * The file text conf (and electron-store) write for a document: its default `serialize`, so a
 * file written beside conf reads back through the Store port exactly like one conf wrote.
 */
export function storeFileText(doc: SnapshotEnvelope): string {
  return JSON.stringify(doc, undefined, '\t');
}

/** Characters of the payload escaped and written at a time by `writeStoreFile`. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes exactly `storeFileText(doc)` through `write`, escaping the payload a chunk at a time.
 * At 10,000 installations the payload is ~8 MB: the whole file text and its UTF-8 copy were a
 * ~20 MB peak of RSS at every snapshot write. Chunks never split a surrogate pair, so each is
 * escaped as it would be in place. Returns the bytes written.
 */
export async function writeStoreFile(
  doc: SnapshotEnvelope,
  write: (text: string) => Promise<void>,
  chunkChars = CHUNK_CHARS,
): Promise<number> {
  let bytes = 0;
  const put = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await write(text);
  };
  const { payload, ...head } = doc;
  // The file as conf writes it with an empty payload, cut open where the payload goes.
  const empty = storeFileText({ ...head, payload: '' } as SnapshotEnvelope);
  const marker = '"payload": "';
  const open = empty.lastIndexOf(`${marker}"`) + marker.length;
  await put(empty.slice(0, open));
  for (let from = 0; from < payload.length;) {
    let to = Math.min(from + chunkChars, payload.length);
    const last = payload.charCodeAt(to - 1);
    // A high surrogate at the edge stays with its pair: this chunk ends before it, or (a chunk of
    // one character) takes the pair whole.
    if (to < payload.length && last >= 0xd800 && last <= 0xdbff) to = to - 1 > from ? to - 1 : to + 1;
    await put(JSON.stringify(payload.slice(from, to)).slice(1, -1));
    from = to;
  }
  await put(empty.slice(open));
  return bytes;
}
