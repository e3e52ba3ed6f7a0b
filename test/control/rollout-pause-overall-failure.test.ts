import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, flush, run } from './support/fake-port-harness';

// The fake port is used as in rollout-gate-per-batch.test.ts: which target answers
// and which stays silent must be chosen per target, which the simulator cannot do on cue.
const cmd: ControlCommand = {
  kind: 'live',
  hold: false,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const serials = Array.from({ length: 8 }, (_, i) => `SG1-${String(i + 1).padStart(6, '0')}`);

describe('a staged rollout pauses on the failure rate over everything started', () => {
  it('failures that arrive after their batch passed its gate still pause the rollout', async () => {
    const h = fakeService({ serials });
    const started = await h.service.startRollout(serials, cmd, {
      reason: 'evening peak',
      plan: { firstBatch: 4, batchSize: 4, minConfirmRatio: 0.5, maxFailureRatio: 0.2 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    const sentTo = () => new Set(h.publishes.map((p) => p.topic.split('/').at(-1)));
    // Batch 1: two of four confirm (50 %, enough to go on); the other two never answer.
    await run(h.clock, 1500);
    for (const s of serials.slice(0, 4)) expect(sentTo().has(s)).toBe(true);
    for (const s of serials.slice(0, 2)) h.confirmStorage(s, 2000);
    await flush(10);
    // Batch 2 goes out and confirms whole.
    await run(h.clock, 1500);
    for (const s of serials.slice(4)) expect(sentTo().has(s)).toBe(true);
    for (const s of serials.slice(4)) h.confirmStorage(s, 2000);
    await flush(10);
    // Batch 1's silent two expire at their confirmation deadline: 2 of 8 failed = 25 % > 20 %.
    await run(h.clock, 20_000, 250);
    expect(rollout.view().tally).toMatchObject({ confirmed: 6, failed: 2 });
    expect(rollout.view().state, 'rollout completed with 25 % failed over all targets').toBe('paused');
    expect(rollout.view().reason).toContain('so far');
    h.service.stop();
  });
});
