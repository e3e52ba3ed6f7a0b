import type { ControlCommand } from './dry-run';
import type { CommandStateName } from './lifecycle';
import type { RolloutTally } from './rollout-plan';

/** A target of a rollout: not started yet, refused before sending, or its command's state. */
export type RolloutTargetState = 'pending' | 'refused' | CommandStateName;

/** One row of the live grid. */
export type RolloutTargetView = {
  serial: string;
  state: RolloutTargetState;
  /** Batch the target belongs to (0 = the first, small one). */
  batch: number;
  /** Sends so far (a retry adds one). */
  attempts: number;
  commandId?: string;
  detail?: string;
};

/** `interrupted`: Fleetdesk stopped while it was running or paused (a rollout of an earlier run). */
export type RolloutState = 'running' | 'paused' | 'completed' | 'aborted' | 'interrupted';

export type RolloutView = {
  rolloutId: string;
  kind: ControlCommand['kind'];
  state: RolloutState;
  /** Why it paused, or how it ended. */
  reason?: string;
  actor: string;
  startedAt: number;
  batches: number;
  /** Batches started so far. */
  batchesStarted: number;
  tally: RolloutTally & { notStarted: number; refused: number };
};

/** A grid row as the UI shows it (when its state last moved; null: not started) and whether it ever took. */
export type TrackedTarget = RolloutTargetView & { changedAt: number | null; everConfirmed: boolean };

/** One row per target of the plan, in plan order, none started yet. */
export function notStartedRows(batches: readonly (readonly string[])[]): Map<string, TrackedTarget> {
  const rows = new Map<string, TrackedTarget>();
  batches.forEach((batch, i) => {
    for (const serial of batch)
      rows.set(serial, {
        serial,
        state: 'pending',
        batch: i,
        attempts: 0,
        changedAt: null,
        everConfirmed: false,
      });
  });
  return rows;
}

/** Failed for rollout purposes: the command did not take (a retry makes sense). */
export const isFailedTarget = (s: RolloutTargetState): boolean =>
  s === 'rejected' || s === 'expired' || s === 'failed' || s === 'refused';

/**
 * Counts the targets. Confirmed includes commands that were confirmed and then released, superseded
 * or lapsed later: they did take effect. `pending` = sent, not settled.
 */
export function tallyTargets(
  targets: Iterable<RolloutTargetView & { everConfirmed?: boolean }>,
): RolloutView['tally'] {
  const t = { started: 0, confirmed: 0, failed: 0, pending: 0, notStarted: 0, refused: 0 };
  for (const target of targets) {
    if (target.state === 'pending') {
      t.notStarted += 1;
      continue;
    }
    t.started += 1;
    if (target.state === 'refused') t.refused += 1;
    if (target.state === 'confirmed' || target.everConfirmed === true) t.confirmed += 1;
    else if (isFailedTarget(target.state)) t.failed += 1;
    else if (target.state === 'draft' || target.state === 'sent' || target.state === 'accepted')
      t.pending += 1;
  }
  return t;
}
