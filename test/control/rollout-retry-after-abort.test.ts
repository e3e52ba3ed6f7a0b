import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, flush, run } from './support/fake-port-harness';

const setpoint: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const serials = Array.from({ length: 10 }, (_, i) => `SG1-${String(i + 1).padStart(6, '0')}`);

describe('retry failed after an abort', () => {
  it('does not report the rollout as completed while most of its targets were never sent', async () => {
    const h = fakeService({ serials });
    const started = await h.service.startRollout(serials, setpoint, {
      reason: 'evening peak',
      plan: { firstBatch: 5, batchSize: 5, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
      confirmation: { typedHomes: 10 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    const first = serials[0]!;
    const inst = h.installs.get(first)!;
    h.installs.set(first, { ...inst, onboarding: { state: 'offboarded', since: 0 } as never });
    await run(h.clock, 1500);
    for (const s of serials.slice(1, 5)) h.confirmStorage(s, 2000);
    await run(h.clock, 500);
    expect(rollout.view().state).toBe('paused');
    rollout.abort();
    await flush(10);
    h.installs.set(first, inst);
    expect(rollout.retryFailed()).toBe(1);
    await run(h.clock, 1500);
    h.confirmStorage(first, 2000);
    await run(h.clock, 500);
    const view = rollout.view();
    expect(view.tally.notStarted).toBe(5);
    expect(view.state, 'five targets were never sent').not.toBe('completed');
    h.service.stop();
  });
});
