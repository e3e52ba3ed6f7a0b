import type { JournalProblem } from './problems';

/**
 * A multi-entry commit that crosses the edge of the segments one scan read: `seen` of its `size`
 * entries were in them. Segments restored by earlier builds could split a commit between two
 * files, and a scan that ends or starts at such a border sees only part of it; whether the
 * other side holds the rest is for the caller to say (`commitJoinProblem`).
 */
export type CommitPart = { first: number; size: number; seen: number; segment: string };

/**
 * An `incomplete-transaction` problem unless the segments after a scan finish the commit it left
 * open: `after` (what the next scan's first lines held of a commit begun before it) must be the
 * rest of `before`. Nothing left open, nothing to check.
 */
export function commitJoinProblem(
  before: CommitPart | undefined,
  after: CommitPart | undefined,
): JournalProblem | undefined {
  if (!before) return undefined;
  if (after?.first === before.first && before.seen + after.seen === before.size) return undefined;
  return {
    kind: 'incomplete-transaction',
    severity: 'error',
    segment: before.segment,
    detail: `commit starting at entry ${before.first} is missing entries`,
  };
}
