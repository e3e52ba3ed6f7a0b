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
  tally: RolloutTally & { notStarted: number; refused: number; inForce: number };
  /**
   * What the gate judges while the rollout runs or is paused: the batch started last, with the
   * targets a retry sent again (`rolloutDecision`). Absent once it ended.
   */
  gate?: RolloutTally;
  /** Targets a Retry failed sent again that have not settled yet: the next batch waits for them. */
  retrying?: number;
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

/** A target's state takes nothing back that it did: it is ended, but it was in force once. */
const ENDED_AFTER_EFFECT: readonly RolloutTargetState[] = ['released', 'superseded', 'lapsed'];

/**
 * The one reading of a target's final state that every count uses (status line, chips, Retry's
 * count and what it re-sends, the Abort dialog): its current state, never an earlier one. A target
 * confirmed and then rejected (a refresh refused) is failed now, not confirmed: counting it both
 * ways made "9 confirmed" next to a grid of 6. Released, superseded or lapsed after confirming
 * counts as confirmed (it did take effect).
 */
export type TargetOutcome = 'not-started' | 'in-flight' | 'confirmed' | 'failed' | 'ended';

export function targetOutcome(t: { state: RolloutTargetState; everConfirmed?: boolean }): TargetOutcome {
  if (t.state === 'pending') return 'not-started';
  if (isFailedTarget(t.state)) return 'failed';
  if (t.state === 'confirmed') return 'confirmed';
  if (ENDED_AFTER_EFFECT.includes(t.state)) return t.everConfirmed === true ? 'confirmed' : 'ended';
  return 'in-flight';
}

/**
 * Counts the targets by `targetOutcome`. `inForce` = confirmed now (what Abort leaves under the
 * command, what Release all hands back). `pending` = sent, not settled.
 */
export function tallyTargets(
  targets: Iterable<RolloutTargetView & { everConfirmed?: boolean }>,
): RolloutView['tally'] {
  const t = { started: 0, confirmed: 0, failed: 0, pending: 0, notStarted: 0, refused: 0, inForce: 0 };
  for (const target of targets) {
    const outcome = targetOutcome(target);
    if (outcome === 'not-started') {
      t.notStarted += 1;
      continue;
    }
    t.started += 1;
    if (target.state === 'refused') t.refused += 1;
    if (target.state === 'confirmed') t.inForce += 1;
    if (outcome === 'confirmed') t.confirmed += 1;
    else if (outcome === 'failed') t.failed += 1;
    else if (outcome === 'in-flight') t.pending += 1;
  }
  return t;
}
