import { listSegments, readPlaces, type SegmentInfo } from '../journal/segments';
import { readSegmentLines, type SegmentLine } from './segment-tail';

/**
 * Where an Activity index reads its entries from: the live journal's segment files, or one
 * archived (gzipped) segment at a time for a search of the archive. The index does not care which.
 */
export interface SegmentSource {
  /** The segments, oldest first. */
  list(): Promise<SegmentInfo[]>;
  /** Each whole line from byte `from` on, as `readSegmentLines` does (resolves where reading stopped, -1 if shorter). */
  lines(
    segment: SegmentInfo,
    from: number,
    onLine: (line: SegmentLine) => boolean | Promise<boolean>,
  ): Promise<number>;
  /** The texts at these places of a segment (none when it is gone). */
  read(segment: SegmentInfo, places: ReadonlyArray<{ offset: number; length: number }>): Promise<string[]>;
}

/** The live journal's segment files in `dir`, read incrementally as they grow. */
export function liveSegments(dir: string): SegmentSource {
  return {
    list: () => listSegments(dir),
    lines: readSegmentLines,
    read: (segment, places) => readPlaces(segment.path, places),
  };
}
