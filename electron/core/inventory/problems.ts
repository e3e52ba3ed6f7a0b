import type { Notice } from '../../../shared/domain/notice';
import { describeProblem, type JournalProblem } from '../journal/problems';

/** What the snapshot side of recovery found; journal problems come as they are. */
export type SnapshotProblem = {
  kind: 'snapshot-unreadable' | 'snapshot-mismatch' | 'snapshot-write-failed';
  severity: 'error';
  detail: string;
};

/**
 * A restore a stop cut short, finished or undone at start-up (`restore-interrupted`); or data
 * restores set aside beside an inventory that opened empty (`restore-leftovers`).
 */
export type RestoreProblem = {
  kind: 'restore-interrupted' | 'restore-leftovers';
  severity: 'error';
  detail: string;
};

export type InventoryProblem = JournalProblem | SnapshotProblem | RestoreProblem;

/** The notice for the problems the operator must see (the `error` ones), or none. */
export function problemsNotice(problems: readonly InventoryProblem[]): Omit<Notice, 'id' | 'at'> | undefined {
  const serious = problems.filter((p) => p.severity === 'error');
  if (serious.length === 0) return undefined;
  const listed = serious.slice(0, 5).map(describeProblem);
  if (serious.length > 5) listed.push(`…and ${serious.length - 5} more`);
  return {
    level: 'error',
    title: 'Inventory data needs attention',
    detail: `${listed.join('\n')}\nNothing was deleted; damaged files were kept or moved aside.`,
  };
}
