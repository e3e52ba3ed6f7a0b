import { commitJoinProblem, type CommitPart } from './commit-join';
import type { JournalProblem } from './problems';
import { scanSegments, type Chain, type ScanOptions, type ScanResult } from './scan';
import { listSegments, readSegmentStart, type SegmentInfo } from './segments';

export type OpenScan = {
  segments: SegmentInfo[];
  /** The segments from the one holding entry `replayAfter` on: verified before the journal opens. */
  recent: ScanResult;
  /** How many segments (the oldest) are left to `history`; 0 when `recent` read them all. */
  older: number;
  /**
   * Verifies and indexes the older segments in the background (yielding to the event loop), and
   * checks that they chain into the recent part. Resolves with what it found.
   */
  history(stopped: () => boolean): Promise<JournalProblem[]>;
};

/**
 * Splits opening into what start-up needs and what can wait. Replay needs only the entries after
 * the snapshot, so start-up reads only the segments that hold them; everything older is audit
 * trail and timeline, checked and indexed after the inventory is ready. This keeps start-up
 * proportional to the snapshot's lag, not to the journal's age.
 */
export async function scanForOpen(
  dir: string,
  replayAfter: number,
  onLocated: NonNullable<ScanOptions['onLocated']>,
  onEntry?: ScanOptions['onEntry'],
  /** Where the chain stands before the first live segment: the archive's end (genesis without one). */
  base?: Chain,
  /** A commit the archive's replay left open at its end, which the first live segment must finish. */
  baseOpen?: CommitPart,
): Promise<OpenScan> {
  const segments = await listSegments(dir);
  let split = 0;
  let start: Chain | undefined;
  for (let i = segments.length - 1; i > 0 && replayAfter > 0; i -= 1) {
    const seg = segments[i];
    const first = seg ? await readSegmentStart(seg) : undefined;
    if (first && first.seq <= replayAfter + 1) {
      split = i;
      start = { seq: first.seq - 1, hash: first.prevHash };
      break;
    }
  }
  const recentStart = start ?? base;
  const recent = await scanSegments(segments.slice(split), {
    replayAfter,
    onLocated,
    ...(onEntry ? { onEntry } : {}),
    ...(recentStart ? { start: recentStart } : {}),
  });
  if (recentStart && recent.hashAtReplayPoint === undefined && recentStart.seq === replayAfter)
    recent.hashAtReplayPoint = recentStart.hash;
  const baseJoin = start ? undefined : commitJoinProblem(baseOpen, recent.continued);
  if (baseJoin) recent.problems.push(baseJoin);
  const history = async (stopped: () => boolean): Promise<JournalProblem[]> => {
    if (!start) return [];
    const older = await scanSegments(segments.slice(0, split), {
      replayAfter: Number.MAX_SAFE_INTEGER,
      onLocated,
      endIsTail: false,
      yieldEvery: 1000,
      stopped,
      ...(base ? { start: base } : {}),
    });
    if (stopped()) return older.problems;
    // A commit split between segments (a restore by an earlier build) is whole if the part after
    // the border holds the rest of it; only a missing part is damage.
    const problems = [
      ...older.problems,
      ...[
        commitJoinProblem(baseOpen, older.continued),
        commitJoinProblem(older.unfinished, recent.continued),
      ].filter((p) => p !== undefined),
    ];
    const joined = older.end.hash === start.hash && older.end.seq === start.seq;
    const first = segments[split];
    if (joined || !first) return problems;
    const detail = `${first.name} starts after entry ${start.seq} but the older segments end at entry ${older.end.seq} with another hash`;
    return [...problems, { kind: 'chain-break', severity: 'error', segment: first.name, line: 1, detail }];
  };
  return { segments, recent, older: split, history };
}
