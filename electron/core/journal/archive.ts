import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  ArchiveManifestSchema,
  JOURNAL_ARCHIVE_FORMAT,
  summarizeArchive,
  type ArchivedSegment,
  type ArchiveManifest,
  type ArchiveSummary,
} from '../../../shared/domain/inventory/journal-archive';
import { GENESIS_HASH, type JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { writeFileAtomic } from '../inventory/atomic-file';
import { commitJoinProblem, type CommitPart } from './commit-join';
import { decodeLine } from './line-codec';
import type { JournalProblem } from './problems';
import { scanSegments, type Chain } from './scan';
import { entryTimeRange } from './segment-times';
import { newSegment, type SegmentInfo } from './segments';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const ARCHIVE_DIR = 'archive';
const MANIFEST = 'manifest.json';

/**
 * The journal's archive: old segments moved out of the live journal into `journal/archive/`,
 * each gzipped with its lines unchanged (hash chain included), listed in `manifest.json`. Nothing
 * is dropped: the archive goes into every backup, and recovery without a snapshot replays it. The
 * live journal then starts where the archive ends, and only it is indexed in memory, so timelines
 * and the Activity page stay as large as the online part, not as the journal's whole age.
 */
export class JournalArchive {
  private constructor(
    private readonly dir: string,
    private manifest: ArchiveManifest,
  ) {}

  /** Reads the manifest of `journalDir`'s archive (empty when there is none). Throws on a damaged one. */
  static async open(journalDir: string): Promise<JournalArchive> {
    const dir = join(journalDir, ARCHIVE_DIR);
    let text: string | undefined;
    try {
      text = await readFile(join(dir, MANIFEST), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined)
      return new JournalArchive(dir, { format: JOURNAL_ARCHIVE_FORMAT, formatVersion: 1, segments: [] });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `the journal archive's manifest (${join(dir, MANIFEST)}) is not valid JSON: ${String(error)}`,
      );
    }
    const parsed = ArchiveManifestSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `the journal archive's manifest (${join(dir, MANIFEST)}) is damaged: ${parsed.error.message}`,
      );
    return new JournalArchive(dir, parsed.data);
  }

  /** Where the chain stands after the last archived entry; undefined when nothing is archived. */
  get anchor(): Chain | undefined {
    const last = this.manifest.segments.at(-1);
    return last && { seq: last.lastSeq, hash: last.lastHash };
  }

  get segments(): readonly ArchivedSegment[] {
    return this.manifest.segments;
  }

  summary(): ArchiveSummary {
    return summarizeArchive(this.manifest);
  }

  pathOf(segment: ArchivedSegment): string {
    return join(this.dir, segment.file);
  }

  /**
   * Archives one closed segment, the next in line: it must continue the archive's chain. The
   * compressed file is written and checked (decompressed back to the same bytes) and the manifest
   * replaced, each atomically; the caller deletes the live segment only after this resolves, so a
   * crash in between leaves the entries in both places, never in none.
   */
  async add(seg: SegmentInfo, now: number): Promise<ArchivedSegment> {
    const data = (await readFile(seg.path)).subarray(0, seg.size);
    // Counted on the bytes: no string of the whole segment on the main thread.
    let entries = 0;
    for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) entries += 1;
    const firstEnd = data.indexOf(10);
    const lastStart = data.lastIndexOf(10, data.length - 2) + 1;
    const first = decodeLine(data.subarray(0, Math.max(firstEnd, 0)).toString('utf8'));
    const last = decodeLine(data.subarray(lastStart, data.length - 1).toString('utf8'));
    if (entries === 0 || data.at(-1) !== 10 || !first.ok || !last.ok)
      throw new Error(`${seg.name} does not start or end with a whole entry`);
    if (this.manifest.segments.some((s) => s.segment >= seg.no))
      throw new Error(`${seg.name} is not newer than the segments already archived`);
    const chain = this.anchor ?? { seq: 0, hash: GENESIS_HASH };
    if (first.value['prevHash'] !== chain.hash || first.value['seq'] !== chain.seq + 1)
      throw new Error(`${seg.name} does not continue the archive (which ends at entry ${chain.seq})`);
    const times = await entryTimeRange(data);
    const compressed = await gzipAsync(data);
    if (!(await gunzipAsync(compressed)).equals(data))
      throw new Error(`${seg.name} did not survive compression unchanged`);
    const file = `${seg.name}.gz`;
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, file), compressed);
    const record: ArchivedSegment = {
      file,
      segment: seg.no,
      entries,
      firstSeq: chain.seq + 1,
      lastSeq: Number(last.value['seq']),
      lastHash: last.hash,
      firstAt: Number(first.value['at']),
      lastAt: Number(last.value['at']),
      ...times,
      bytes: data.length,
      compressedBytes: compressed.length,
      archivedAt: now,
    };
    const next: ArchiveManifest = { ...this.manifest, segments: [...this.manifest.segments, record] };
    await writeFileAtomic(join(this.dir, MANIFEST), `${JSON.stringify(next, null, 1)}\n`);
    this.manifest = next;
    return record;
  }

  /**
   * Gives each archived entry above `afterSeq` to `apply`, in order, through the same scan as the
   * live journal's open (hashes, chain, sequence, commits); damaged lines are reported and left
   * out. One segment in memory at a time; each starts from the manifest's record of the one before,
   * so a segment that cannot be read is reported and the rest still replayed. A commit that one
   * segment leaves open (a restore by an earlier build split it) must be finished by the next;
   * `unfinished` is one the last segment leaves open, for the live journal to finish.
   */
  async replay(
    afterSeq: number,
    apply: (entry: JournalEntry) => void,
  ): Promise<{
    replayed: number;
    problems: JournalProblem[];
    hashAtAfter: string | undefined;
    unfinished: CommitPart | undefined;
  }> {
    const problems: JournalProblem[] = [];
    let start: Chain = { seq: 0, hash: GENESIS_HASH };
    let replayed = 0;
    // The hash of entry `afterSeq`, to check a snapshot at that point against.
    let hashAtAfter: string | undefined;
    let unfinished: CommitPart | undefined;
    for (const s of this.manifest.segments) {
      const before = unfinished;
      unfinished = undefined;
      if (s.lastSeq <= afterSeq) {
        if (s.lastSeq === afterSeq) hashAtAfter = s.lastHash;
      } else {
        const info = { ...newSegment(this.dir, s.segment), name: s.file, path: this.pathOf(s) };
        try {
          const scanned = await scanSegments([info], {
            replayAfter: afterSeq,
            onEntry: apply,
            start,
            endIsTail: false,
            read: async (seg) => gunzipAsync(await readFile(seg.path)),
          });
          problems.push(...scanned.problems);
          const join = commitJoinProblem(before, scanned.continued);
          if (join) problems.push(join);
          unfinished = scanned.unfinished;
          replayed += scanned.replayed;
          hashAtAfter ??= scanned.hashAtReplayPoint;
        } catch (error) {
          // Said loudly, and the rest still replayed: the entries after it are not lost with it.
          const detail = `archived segment ${s.file} (entries ${s.firstSeq}–${s.lastSeq}) could not be read: ${error instanceof Error ? error.message : String(error)}`;
          problems.push({ kind: 'malformed-line', severity: 'error', segment: s.file, detail });
        }
      }
      start = { seq: s.lastSeq, hash: s.lastHash };
    }
    return { replayed, problems, hashAtAfter, unfinished };
  }
}
