import { z } from 'zod';

/** One journal segment moved out of the live journal, compressed, lines unchanged. */
export const ArchivedSegmentSchema = z.object({
  /** The file in `journal/archive/`, e.g. `000001.jsonl.gz`. */
  file: z.string().regex(/^\d{6}\.jsonl\.gz$/),
  segment: z.number().int().positive(),
  entries: z.number().int().nonnegative(),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  /** Hash of its last entry: the chain the next segment continues. */
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Recording times of its first and last entries (ms since the epoch). */
  firstAt: z.number(),
  lastAt: z.number(),
  /**
   * Smallest and largest recording time of any of its entries. Entries follow the sequence, not
   * the clock (a clock set back records later entries at earlier times), so only these bound the
   * times inside the file. Absent in manifests written before they were kept: such a file is
   * never skipped by a time filter.
   */
  minAt: z.number().optional(),
  maxAt: z.number().optional(),
  /** Bytes of the segment as it was, and of its compressed file. */
  bytes: z.number().int().nonnegative(),
  compressedBytes: z.number().int().nonnegative(),
  archivedAt: z.number(),
});
export type ArchivedSegment = z.infer<typeof ArchivedSegmentSchema>;

export const JOURNAL_ARCHIVE_FORMAT = 'fleetdesk-journal-archive';

/** `journal/archive/manifest.json`: the archived segments, oldest first, contiguous. */
export const ArchiveManifestSchema = z.object({
  format: z.literal(JOURNAL_ARCHIVE_FORMAT),
  formatVersion: z.literal(1),
  segments: z.array(ArchivedSegmentSchema),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifestSchema>;

/** What the archive holds, for the UI: nothing, or a range of entries and times. */
export const ArchiveSummarySchema = z.object({
  segments: z.number().int(),
  entries: z.number().int(),
  /** Entries 1…lastSeq are archived; the live journal starts after. */
  lastSeq: z.number().int(),
  firstAt: z.number().nullable(),
  lastAt: z.number().nullable(),
  compressedBytes: z.number().int(),
});
export type ArchiveSummary = z.infer<typeof ArchiveSummarySchema>;

export function summarizeArchive(manifest: ArchiveManifest): ArchiveSummary {
  const { segments } = manifest;
  return {
    segments: segments.length,
    entries: segments.reduce((n, s) => n + s.entries, 0),
    lastSeq: segments.at(-1)?.lastSeq ?? 0,
    firstAt: segments[0]?.firstAt ?? null,
    lastAt: segments.at(-1)?.lastAt ?? null,
    compressedBytes: segments.reduce((n, s) => n + s.compressedBytes, 0),
  };
}
