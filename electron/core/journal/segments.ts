import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One segment file and the durable range it holds. Updated in place as the writer appends. */
export type SegmentInfo = {
  no: number;
  name: string;
  path: string;
  /** Bytes of whole, durable lines (what readers may read). */
  size: number;
  /** First and last sequence number in the segment; 0 while it holds none. */
  firstSeq: number;
  lastSeq: number;
};

const SEGMENT_NAME = /^(\d{6})\.jsonl$/;

/** `000001.jsonl`: fixed width so a directory listing sorts in order. */
export function segmentName(no: number): string {
  return `${String(no).padStart(6, '0')}.jsonl`;
}

/** A new, empty segment record. */
export function newSegment(dir: string, no: number): SegmentInfo {
  const name = segmentName(no);
  return { no, name, path: join(dir, name), size: 0, firstSeq: 0, lastSeq: 0 };
}

/** The segment files in `dir`, in order; other files (saved torn tails, notes) are ignored. */
export async function listSegments(dir: string): Promise<SegmentInfo[]> {
  const names = await readdir(dir);
  return names
    .map((name) => SEGMENT_NAME.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => newSegment(dir, Number(m[1])))
    .sort((a, b) => a.no - b.no);
}

/** A file-name-safe timestamp, as the store's quarantine uses. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/**
 * Sequence number and previous hash of a segment's first entry, reading only as far as its first
 * line end. Undefined for an empty segment or an unreadable first line (a full scan reports it).
 */
export async function readSegmentStart(
  seg: SegmentInfo,
): Promise<{ seq: number; prevHash: string } | undefined> {
  const handle = await open(seg.path, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let pos = 0; ;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) return undefined;
      const nl = chunk.subarray(0, bytesRead).indexOf(10);
      chunks.push(chunk.subarray(0, nl < 0 ? bytesRead : nl));
      if (nl >= 0) break;
      pos += bytesRead;
    }
    const first = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { seq?: unknown; prevHash?: unknown };
    return typeof first.seq === 'number' && typeof first.prevHash === 'string'
      ? { seq: first.seq, prevHash: first.prevHash }
      : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the bytes at each place of one segment (one positioned read each); none when the file is
 * gone (archived since it was indexed: those entries are no longer the live journal's).
 */
export async function readPlaces(
  path: string,
  places: ReadonlyArray<{ offset: number; length: number }>,
): Promise<string[]> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (handle === undefined) return [];
  try {
    const out: string[] = [];
    for (const { offset, length } of places) {
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, offset);
      out.push(buf.toString('utf8'));
    }
    return out;
  } finally {
    await handle.close();
  }
}
