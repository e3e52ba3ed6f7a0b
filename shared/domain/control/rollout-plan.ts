/**
 * Staged rollout (product.md, Control page; reliability-notes §6.2): a small first batch, the next
 * batch only once enough have confirmed, a pause when too many fail. Pure: the core's Rollout runs it.
 */

export type RolloutOptions = {
  /** Targets in the first batch: the canary. */
  firstBatch: number;
  /** Targets in every later batch. */
  batchSize: number;
  /** Share of the targets started so far that must be confirmed before the next batch starts. */
  minConfirmRatio: number;
  /** Share of the targets started so far that may fail before the rollout pauses. */
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

/** What is wrong with rollout options, worded for the form; empty when usable. */
export function rolloutOptionProblems(o: RolloutOptions): string[] {
  const problems: string[] = [];
  const count = (v: number) => Number.isInteger(v) && v >= 1;
  const ratio = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  if (!count(o.firstBatch)) problems.push('firstBatch must be a whole number ≥ 1');
  if (!count(o.batchSize)) problems.push('batchSize must be a whole number ≥ 1');
  if (!ratio(o.minConfirmRatio)) problems.push('minConfirmRatio must be between 0 and 1');
  if (!ratio(o.maxFailureRatio)) problems.push('maxFailureRatio must be between 0 and 1');
  return problems;
}

/** Per-target counts of the targets started so far. `failed` = rejected, expired or not delivered. */
export type RolloutTally = { started: number; confirmed: number; failed: number; pending: number };

export type RolloutDecision = { kind: 'continue' } | { kind: 'wait' } | { kind: 'pause'; reason: string };

/**
 * What to do after a batch: pause as soon as failures pass the ratio (counted over started targets,
 * so one early failure in a canary of five pauses at 20 %), go on once enough have confirmed, pause
 * when everything settled without reaching that share, and otherwise wait for more feedback.
 */
export function rolloutDecision(t: RolloutTally, o: RolloutOptions): RolloutDecision {
  if (t.started === 0) return { kind: 'continue' };
  const failure = t.failed / t.started;
  if (failure > o.maxFailureRatio) {
    return {
      kind: 'pause',
      reason: `${t.failed} of ${t.started} targets failed (${pct(failure)} > ${pct(o.maxFailureRatio)})`,
    };
  }
  const confirmed = t.confirmed / t.started;
  if (confirmed >= o.minConfirmRatio) return { kind: 'continue' };
  if (t.pending === 0) {
    return {
      kind: 'pause',
      reason: `only ${t.confirmed} of ${t.started} targets confirmed (${pct(confirmed)} < ${pct(o.minConfirmRatio)})`,
    };
  }
  return { kind: 'wait' };
}

const pct = (r: number): string => `${Math.round(r * 1000) / 10} %`;
