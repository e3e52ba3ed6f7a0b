import { describe, expect, it } from 'vitest';
import { judgeFeedback, toleranceW, type FeedbackReading } from '../../shared/domain/control/feedback-judge';
import type { LiveCommand } from '../../shared/domain/control/live-command';
import { FeedbackWatch } from '../../electron/core/control/feedback-watch';
import type { Probe } from '../../electron/core/control/command-record';

const policies = { storage: ['setpoint'], solar: ['curtail'], ev: ['setpoint'], hvac: [] };
const reading = (over: Partial<FeedbackReading> = {}): FeedbackReading => ({
  responseCode: 0,
  fresh: true,
  acceptedCode: 0,
  responseLabel: 'accepted',
  storageW: null,
  socPct: null,
  solarW: null,
  echoed: {},
  ...over,
});
const discharge: LiveCommand = { storage: { policy: 'setpoint', setpointW: 2500 } };

describe('judgeFeedback', () => {
  it('confirms code 0 with the storage power within tolerance (5 %, at least 100 W)', () => {
    expect(toleranceW(2500)).toBe(125);
    expect(toleranceW(1000)).toBe(100);
    expect(judgeFeedback(discharge, reading({ storageW: 2400 }), policies)).toMatchObject({
      kind: 'confirm',
    });
    expect(judgeFeedback(discharge, reading({ storageW: 2300 }), policies)).toMatchObject({
      kind: 'wait',
      detail: 'storage at 2300 W, setpoint 2500 W ± 125 W',
    });
  });

  it('confirms without a power check where the group reports none, and for policies without a setpoint', () => {
    expect(judgeFeedback(discharge, reading(), policies)).toMatchObject({
      kind: 'confirm',
      detail: 'response code 0',
    });
    expect(judgeFeedback({ storage: { policy: 'cost' } }, reading({ storageW: -3000 }), policies).kind).toBe(
      'confirm',
    );
  });

  it('accepts a battery that cannot follow because it is empty or full', () => {
    expect(judgeFeedback(discharge, reading({ storageW: 0, socPct: 1 }), policies)).toMatchObject({
      kind: 'confirm',
      detail: expect.stringContaining('empty'),
    });
    const charge: LiveCommand = { storage: { policy: 'setpoint', setpointW: -2500 } };
    expect(judgeFeedback(charge, reading({ storageW: 0, socPct: 99 }), policies)).toMatchObject({
      kind: 'confirm',
      detail: expect.stringContaining('full'),
    });
  });

  it('treats a solar setpoint as a cap', () => {
    const curtail: LiveCommand = { solar: { policy: 'curtail', setpointW: 2000 } };
    expect(judgeFeedback(curtail, reading({ solarW: 800 }), policies).kind).toBe('confirm');
    expect(judgeFeedback(curtail, reading({ solarW: 3500 }), policies).kind).toBe('wait');
  });

  it('rejects on a fresh non-zero code, in words', () => {
    expect(
      judgeFeedback(
        discharge,
        reading({ responseCode: 3, responseLabel: 'rejected: setpoint out of range' }),
        policies,
      ),
    ).toEqual({
      kind: 'reject',
      responseCode: 3,
      detail: 'response code 3 (rejected: setpoint out of range)',
    });
  });

  it('does not take a code shown before the command as its answer, unless the controller echoes the command', () => {
    expect(judgeFeedback(discharge, reading({ responseCode: 2, fresh: false }), policies).kind).toBe('wait');
    expect(judgeFeedback(discharge, reading({ fresh: false, storageW: 2500 }), policies).kind).toBe('wait');
    const echoed = reading({
      fresh: false,
      storageW: 2500,
      echoed: { storage: { policy: 'setpoint', setpointW: 2500 } },
    });
    expect(judgeFeedback(discharge, echoed, policies).kind).toBe('confirm');
    const stale = reading({ storageW: 2500, echoed: { storage: { policy: 'setpoint', setpointW: 1000 } } });
    expect(judgeFeedback(discharge, stale, policies)).toMatchObject({
      kind: 'wait',
      detail: 'storage still reports setpoint 1000 W, not 2500 W',
    });
    const other = reading({ echoed: { storage: { policy: 'self-consumption' } } });
    expect(judgeFeedback(discharge, other, policies).kind).toBe('wait');
  });

  it('waits on feedback without a response code', () => {
    expect(judgeFeedback(discharge, reading({ responseCode: null }), policies).kind).toBe('wait');
  });
});

describe('FeedbackWatch.fresh', () => {
  /** A probe without its place in line: judged on the message alone. */
  const fresh = (probe: Probe, seen: number, responseCode: number) =>
    FeedbackWatch.fresh(probe, { seen, reading: { responseCode } });

  it('counts a changed code at once, the same code only from the second feedback after the publish', () => {
    expect(fresh({ seenBefore: 4, codeBefore: 0 }, 5, 3)).toBe(true);
    expect(fresh({ seenBefore: 4, codeBefore: 0 }, 5, 0)).toBe(false);
    expect(fresh({ seenBefore: 4, codeBefore: 0 }, 6, 0)).toBe(true);
    expect(fresh({ seenBefore: 0, codeBefore: null }, 1, 0)).toBe(false);
    expect(fresh({ seenBefore: 0, codeBefore: null }, 2, 0)).toBe(true);
  });
});
