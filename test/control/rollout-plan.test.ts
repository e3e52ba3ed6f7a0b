import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planRollout,
  rolloutDecision,
  rolloutOptionProblems,
} from '../../shared/domain/control/rollout-plan';
import { tallyTargets, type RolloutTargetView } from '../../shared/domain/control/rollout-view';

const options = { firstBatch: 5, batchSize: 20, minConfirmRatio: 0.8, maxFailureRatio: 0.1 };

describe('planRollout', () => {
  it('makes a small first batch and equal later ones, without duplicates', () => {
    const serials = Array.from({ length: 50 }, (_, i) => `S${i}`);
    const plan = planRollout([...serials, 'S1', 'S2'], options);
    expect(plan.batches.map((b) => b.length)).toEqual([5, 20, 20, 5]);
    expect(plan.batches.flat()).toEqual(serials);
  });

  it('covers every target exactly once, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 30 }),
        (targets, firstBatch, batchSize) => {
          const plan = planRollout(targets, { ...options, firstBatch, batchSize });
          expect(plan.batches.flat()).toEqual([...new Set(targets)]);
          expect(plan.batches.every((b) => b.length > 0)).toBe(true);
          if (plan.batches.length > 0) expect(plan.batches[0]?.length).toBeLessThanOrEqual(firstBatch);
          plan.batches.slice(1).forEach((b) => expect(b.length).toBeLessThanOrEqual(batchSize));
        },
      ),
    );
  });

  it('refuses nonsense options', () => {
    expect(
      rolloutOptionProblems({ firstBatch: 0, batchSize: 1.5, minConfirmRatio: 2, maxFailureRatio: -1 }),
    ).toHaveLength(4);
    expect(() => planRollout(['a'], { ...options, batchSize: 0 })).toThrow(/Batch size/);
  });
});

describe('rolloutDecision', () => {
  it('waits for feedback, continues once enough confirm, pauses on failures', () => {
    expect(rolloutDecision({ started: 5, confirmed: 2, failed: 0, pending: 3 }, options)).toEqual({
      kind: 'wait',
    });
    expect(rolloutDecision({ started: 5, confirmed: 4, failed: 0, pending: 1 }, options)).toEqual({
      kind: 'continue',
    });
    expect(rolloutDecision({ started: 5, confirmed: 3, failed: 1, pending: 1 }, options)).toMatchObject({
      kind: 'pause',
      reason: '1 of 5 targets failed in this batch (20 % > 10 %)',
    });
    expect(rolloutDecision({ started: 25, confirmed: 19, failed: 2, pending: 0 }, options)).toMatchObject({
      kind: 'pause',
      reason: expect.stringContaining('only 19 of 25 targets confirmed in this batch'),
    });
  });

  it('judges the batch, not everything started: earlier confirmations neither open the gate nor hide a failed batch', () => {
    const earlier = { started: 500, confirmed: 500, failed: 0, pending: 0 };
    const batch = (b: { confirmed: number; failed: number; pending: number }) => ({ started: 50, ...b });
    const all = (b: { confirmed: number; failed: number; pending: number }) => ({
      started: 550,
      confirmed: 500 + b.confirmed,
      failed: b.failed,
      pending: b.pending,
    });
    const none = { confirmed: 0, failed: 0, pending: 50 };
    expect(rolloutDecision(batch(none), options, all(none))).toEqual({ kind: 'wait' });
    const wholeBatchFailed = { confirmed: 0, failed: 50, pending: 0 };
    expect(rolloutDecision(batch(wholeBatchFailed), options, all(wholeBatchFailed))).toMatchObject({
      kind: 'pause',
      reason: '50 of 50 targets failed in this batch (100 % > 10 %)',
    });
    // Failures that came in after their batches passed count over everything started.
    expect(
      rolloutDecision({ started: 50, confirmed: 50, failed: 0, pending: 0 }, options, {
        ...earlier,
        started: 550,
        confirmed: 480,
        failed: 70,
      }),
    ).toMatchObject({ kind: 'pause', reason: '70 of 550 targets failed so far (12.7 % > 10 %)' });
  });
});

describe('tallyTargets', () => {
  it('counts a target confirmed before it was released as confirmed, and refused ones as failed', () => {
    const row = (state: RolloutTargetView['state'], everConfirmed = false) => ({
      serial: 'x',
      state,
      batch: 0,
      attempts: 1,
      everConfirmed,
    });
    expect(
      tallyTargets([
        row('pending'),
        row('sent'),
        row('confirmed'),
        row('released', true),
        row('refused'),
        row('expired'),
      ]),
    ).toEqual({ started: 5, confirmed: 2, failed: 2, pending: 1, notStarted: 1, refused: 1, inForce: 1 });
    // Confirmed, then a refresh was refused: failed now, not confirmed (counted one way only).
    expect(tallyTargets([row('rejected', true)])).toMatchObject({ confirmed: 0, failed: 1, inForce: 0 });
  });
});
