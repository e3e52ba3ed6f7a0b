import { open, stat } from 'node:fs/promises';
import type { SegmentInfo } from '../journal/segments';

/** One whole line of a segment and where it lies, for positioned reads later. */
export type SegmentLine = { text: string; offset: number; length: number };

/** How much of a segment is read at once: bounded memory, even for a segment far over its size limit. */
const CHUNK = 4 * 1024 * 1024;

/**
 * Calls `onLine` with each whole line of `segment` from byte `from` on, in chunks, and resolves
 * with where reading stopped: after the last whole line `onLine` accepted. `onLine` answers false
 * to stop before a line (a line newer than the caller may show yet), which is then read again
 * next time. An unfinished last line (mid-write) is left for next time too. Resolves -1 when the
 * file is shorter than `from`: it is no longer the file that was read before.
 */
export async function readSegmentLines(
  segment: SegmentInfo,
  from: number,
  onLine: (line: SegmentLine) => boolean | Promise<boolean>,
): Promise<number> {
  const size = (await stat(segment.path)).size;
  if (size < from) return -1;
  if (size === from) return from;
  const handle = await open(segment.path, 'r');
  try {
    let pos = from;
    let carry = Buffer.alloc(0);
    let carryAt = from;
    while (pos < size) {
      const chunk = Buffer.alloc(Math.min(CHUNK, size - pos));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk;
      const end = carry.length + bytesRead;
      const { next, stopped } = await eachLine(buf, end, carryAt, onLine);
      if (stopped) return carryAt + next;
      carry = Buffer.from(buf.subarray(next, end));
      carryAt += next;
    }
    return carryAt;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` with each whole line of `buf` below `end` (`base`: the file offset of `buf[0]`).
 * Resolves with the index after the last line accepted, or of the line refused (`stopped`).
 */
export async function eachLine(
  buf: Buffer,
  end: number,
  base: number,
  onLine: (line: SegmentLine) => boolean | Promise<boolean>,
): Promise<{ next: number; stopped: boolean }> {
  let start = 0;
  for (let nl = buf.indexOf(10, start); nl >= 0 && nl < end; nl = buf.indexOf(10, start)) {
    const line = { text: buf.toString('utf8', start, nl), offset: base + start, length: nl - start };
    if (!(await onLine(line))) return { next: start, stopped: true };
    start = nl + 1;
  }
  return { next: start, stopped: false };
}
