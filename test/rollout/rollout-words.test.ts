import { describe, expect, it } from 'vitest';
import type { RolloutSummary } from '../../shared/contract/rollout-methods';
import { DEFAULT_ROLLOUT } from '../../shared/domain/control/rollout-plan';
import { countByState, gateInWords, optionsInWords } from '../../renderer/src/features/control/rollout-words';

const NO_TARGETS = { started: 0, confirmed: 0, failed: 0, pending: 0, notStarted: 0, refused: 0, inForce: 0 };

function summary(
  over: Partial<Omit<RolloutSummary, 'tally'>> & { tally: Partial<RolloutSummary['tally']> },
): RolloutSummary {
  return {
    rolloutId: 'r',
    kind: 'live',
    state: 'running',
    actor: 'Ada',
    startedAt: 0,
    batches: 3,
    batchesStarted: 1,
    options: DEFAULT_ROLLOUT,
    command: {},
    hold: true,
    auditReason: 'peak',
    size: 105,
    revision: 'r1',
    fromEarlierRun: false,
    ...over,
    tally: { ...NO_TARGETS, ...over.tally },
  };
}

describe('the rollout gate in words', () => {
  it('says what the gate waits for, from the same rule the core applies', () => {
    expect(gateInWords(summary({ tally: { notStarted: 105 } }))).toBe('starting the first batch');
    expect(gateInWords(summary({ tally: { started: 5, confirmed: 3, pending: 2 } }))).toBe(
      'waiting: 3 of 5 confirmed (60 % < 80 %); the next batch starts at 80 %',
    );
    expect(gateInWords(summary({ tally: { started: 5, confirmed: 4, pending: 1 } }))).toBe(
      'going on: 4 of 5 confirmed (80 % ≥ 80 %)',
    );
    expect(
      gateInWords(summary({ batchesStarted: 3, tally: { started: 105, confirmed: 100, pending: 5 } })),
    ).toBe('last batch: 100 of 105 confirmed (95.2 %); waiting for 5 targets to settle');
    // The last batch below the ratio: there is no next batch to promise.
    expect(
      gateInWords(summary({ batchesStarted: 3, tally: { started: 105, confirmed: 50, pending: 1 } })),
    ).toBe('last batch: 50 of 105 confirmed (47.6 %); waiting for 1 target to settle');
    // A retry in flight: it says the next batch waits for the retried targets' results.
    expect(gateInWords(summary({ retrying: 1, tally: { started: 5, confirmed: 4, pending: 1 } }))).toBe(
      'retrying 1 failed target: the next batch waits until their results pass the gate',
    );
    // Later batches: the gate reads the batch started last, not the 200 confirmed before it.
    expect(
      gateInWords(
        summary({
          batches: 10,
          batchesStarted: 5,
          tally: { started: 205, confirmed: 200, pending: 5 },
          gate: { started: 50, confirmed: 0, failed: 0, pending: 50 },
        }),
      ),
    ).toBe('waiting: 0 of 50 confirmed in this batch (0 % < 80 %); the next batch starts at 80 %');
    // Running while the rule says pause: the operator pressed Continue.
    expect(gateInWords(summary({ tally: { started: 20, confirmed: 17, failed: 3 } }))).toBe(
      'running: continued by the operator despite 3 of 20 targets failed so far (15 % > 10 %)',
    );
  });

  it('words pauses, ends and the plan', () => {
    expect(
      gateInWords(
        summary({
          state: 'paused',
          reason: '3 of 20 targets failed (15 % > 10 %)',
          tally: { started: 20, confirmed: 17, failed: 3 },
        }),
      ),
    ).toBe(
      'paused: 3 of 20 targets failed (15 % > 10 %) — now 17 confirmed, 3 failed, 0 in flight of 20 started',
    );
    expect(
      gateInWords(summary({ state: 'completed', size: 1200, tally: { started: 1200, confirmed: 1200 } })),
    ).toBe('completed: 1,200 of 1,200 targets confirmed');
    expect(gateInWords(summary({ state: 'aborted', reason: 'aborted by the operator', tally: {} }))).toBe(
      'aborted: aborted by the operator; no further batch starts',
    );
    expect(optionsInWords(DEFAULT_ROLLOUT)).toBe(
      'first batch 5, then 50; go on at 80 % confirmed, pause above 10 % failed',
    );
  });

  it('counts targets per state in lifecycle order, leaving out empty states', () => {
    const row = (state: 'pending' | 'confirmed' | 'expired') => ({
      serial: state,
      state,
      batch: 0,
      attempts: 1,
      changedAt: null,
    });
    expect(countByState([row('expired'), row('confirmed'), row('pending'), row('confirmed')])).toEqual([
      ['pending', 1],
      ['confirmed', 2],
      ['expired', 1],
    ]);
  });
});
