import type { RolloutGridRow, RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { rolloutDecision } from '../../../../shared/domain/control/rollout-plan';
import type { RolloutState, RolloutTargetState } from '../../../../shared/domain/control/rollout-view';
import { plural } from '../../../../shared/domain/plural';
import { formatCount } from '../../lib/format';
import { STATE_COLOURS } from './control-words';

/** The colour of each rollout state. */
export const ROLLOUT_COLOURS: Record<RolloutState, string> = {
  running: 'blue',
  paused: 'orange',
  completed: 'teal',
  aborted: 'gray',
  interrupted: 'grape',
};

/** The colour of a target's state in the grid: a command's colour, or pending / refused. */
export function targetColour(state: RolloutTargetState): string {
  if (state === 'pending') return 'gray';
  if (state === 'refused') return 'red';
  return STATE_COLOURS[state];
}

const pct = (r: number): string => `${Math.round(r * 1000) / 10} %`;

/**
 * The gate in words, from the same rule the core applies (`rolloutDecision`), so the operator reads
 * why the rollout waits, goes on or paused: "paused: 3 of 20 targets failed (15 % > 10 %)".
 */
export function gateInWords(r: RolloutSummary): string {
  const { tally, options } = r;
  switch (r.state) {
    case 'paused':
      // The reason is the one it paused for; targets may have settled since, so add the tally now.
      return `paused: ${r.reason ?? 'waiting for the operator'} — now ${tally.confirmed} confirmed, ${tally.failed} failed, ${tally.pending} in flight of ${tally.started} started`;
    case 'aborted':
      return `aborted: ${r.reason ?? 'by the operator'}; no further batch starts`;
    case 'completed':
      return `completed: ${formatCount(tally.confirmed)} of ${formatCount(r.size)} targets confirmed`;
    case 'interrupted':
      return `interrupted: ${r.reason ?? 'Fleetdesk stopped under it'} ${formatCount(tally.confirmed)} of ${formatCount(r.size)} targets were confirmed.`;
    case 'running': {
      if (tally.started === 0) return 'starting the first batch';
      if (r.retrying !== undefined)
        return `retrying ${plural(r.retrying, 'failed target')}: the next batch waits until their results pass the gate`;
      const last = r.batchesStarted >= r.batches;
      // The gate judges the batch started last (with retried targets), not everything started.
      const gate = r.gate ?? tally;
      const decision = rolloutDecision(gate, options, tally);
      if (decision.kind === 'pause') return `running: continued by the operator despite ${decision.reason}`;
      // The last batch has no next one to announce: it waits for all targets to settle.
      if (last) {
        const all = `${tally.confirmed} of ${tally.started} confirmed (${pct(tally.confirmed / tally.started)}`;
        return `last batch: ${all}); waiting for ${plural(tally.pending, 'target')} to settle`;
      }
      if (gate.started === 0) return 'sending the next batch';
      const confirmed = `${gate.confirmed} of ${gate.started} confirmed${r.gate ? ' in this batch' : ''} (${pct(gate.confirmed / gate.started)}`;
      if (decision.kind === 'wait')
        return `waiting: ${confirmed} < ${pct(options.minConfirmRatio)}); the next batch starts at ${pct(options.minConfirmRatio)}`;
      return `going on: ${confirmed} ≥ ${pct(options.minConfirmRatio)})`;
    }
  }
}

/** The plan's options in one line: "first batch 5, then 50; go on at 80 % confirmed, pause above 10 % failed". */
export function optionsInWords(o: RolloutSummary['options']): string {
  return `first batch ${o.firstBatch}, then ${o.batchSize}; go on at ${pct(o.minConfirmRatio)} confirmed, pause above ${pct(o.maxFailureRatio)} failed`;
}

/** Targets per state, in lifecycle order; states no target is in are left out. */
export function countByState(rows: readonly RolloutGridRow[]): Array<[RolloutTargetState, number]> {
  const order: RolloutTargetState[] = [
    'pending',
    'draft',
    'sent',
    'accepted',
    'confirmed',
    'released',
    'superseded',
    'lapsed',
    'rejected',
    'expired',
    'failed',
    'refused',
  ];
  const counts = new Map<RolloutTargetState, number>();
  for (const r of rows) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  return order.flatMap((s) => {
    const n = counts.get(s);
    return n === undefined ? [] : [[s, n] as [RolloutTargetState, number]];
  });
}
