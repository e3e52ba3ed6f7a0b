/**
 * Staged rollout (product.md, Control page; reliability-notes §6.2): a small first batch, the next
 * batch only once enough have confirmed, a pause when too many fail. Pure: the core's Rollout runs it.
 */

export type RolloutOptions = {
  /** Targets in the first batch: the canary. */
  firstBatch: number;
  /** Targets in every later batch. */
  batchSize: number;
  /** Share of the current batch that must be confirmed before the next batch starts. */
  minConfirmRatio: number;
  /** Share of the current batch, or of all targets started, that may fail before the rollout pauses. */
  maxFailureRatio: number;
};

export const DEFAULT_ROLLOUT: RolloutOptions = {
  firstBatch: 5,
  batchSize: 50,
  minConfirmRatio: 0.8,
  maxFailureRatio: 0.1,
};

export type RolloutPlan = { batches: string[][]; options: RolloutOptions };

/** Splits the targets (duplicates removed, order kept) into the first batch and equal later ones. */
export function planRollout(
  targets: readonly string[],
  options: RolloutOptions = DEFAULT_ROLLOUT,
): RolloutPlan {
  const problems = rolloutOptionProblems(options);
  if (problems.length > 0) throw new Error(`invalid rollout options: ${problems.join('; ')}`);
  const unique = [...new Set(targets)];
  const batches: string[][] = [];
  if (unique.length > 0) batches.push(unique.slice(0, options.firstBatch));
  for (let i = options.firstBatch; i < unique.length; i += options.batchSize) {
    batches.push(unique.slice(i, i + options.batchSize));
  }
  return { batches, options };
}

/**
 * What is wrong with rollout options, worded for the form: by the labels the operator sees, and
 * ratios in percent as they are typed there (a "between 0 and 1" beside a field holding 150 %
 * reads as if 0.5 were expected). Empty when usable.
 */
export function rolloutOptionProblems(o: RolloutOptions): string[] {
  const problems: string[] = [];
  const count = (v: number) => Number.isInteger(v) && v >= 1;
  const ratio = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  if (!count(o.firstBatch)) problems.push('First batch: enter a whole number of 1 or more');
  if (!count(o.batchSize)) problems.push('Batch size: enter a whole number of 1 or more');
  if (!ratio(o.minConfirmRatio)) problems.push('Go on at (% confirmed): enter a percentage from 0 to 100');
  if (!ratio(o.maxFailureRatio)) problems.push('Pause above (% failed): enter a percentage from 0 to 100');
  return problems;
}

/** Per-target counts of the targets started so far. `failed` = rejected, expired or not delivered. */
export type RolloutTally = { started: number; confirmed: number; failed: number; pending: number };

export type RolloutDecision = { kind: 'continue' } | { kind: 'wait' } | { kind: 'pause'; reason: string };

/**
 * What to do after a batch, judged on that batch (with the targets a retry sent again): pause as
 * soon as its failures pass the ratio (so one early failure in a canary of five pauses at 20 %),
 * go on once enough of it confirmed, pause when it all settled without reaching that share, and
 * otherwise wait for more feedback. Judged on the batch, not on everything started, because in a
 * long rollout the earlier batches' confirmations would otherwise let the next batch go before
 * any of this one confirmed, and dilute a batch that failed whole below the ratio. Failures over
 * everything started pause too (`all`), so failures creeping in after their batch passed count.
 */
export function rolloutDecision(batch: RolloutTally, o: RolloutOptions, all?: RolloutTally): RolloutDecision {
  if (all !== undefined && all.started > 0 && all.failed / all.started > o.maxFailureRatio)
    return failurePause(all, o, 'so far');
  if (batch.started === 0) return { kind: 'continue' };
  if (batch.failed / batch.started > o.maxFailureRatio) return failurePause(batch, o, 'in this batch');
  const confirmed = batch.confirmed / batch.started;
  if (confirmed >= o.minConfirmRatio) return { kind: 'continue' };
  if (batch.pending === 0) {
    return {
      kind: 'pause',
      reason: `only ${batch.confirmed} of ${batch.started} targets confirmed in this batch (${pct(confirmed)} < ${pct(o.minConfirmRatio)})`,
    };
  }
  return { kind: 'wait' };
}

function failurePause(t: RolloutTally, o: RolloutOptions, what: string): RolloutDecision {
  const failure = t.failed / t.started;
  return {
    kind: 'pause',
    reason: `${t.failed} of ${t.started} targets failed ${what} (${pct(failure)} > ${pct(o.maxFailureRatio)})`,
  };
}

const pct = (r: number): string => `${Math.round(r * 1000) / 10} %`;
