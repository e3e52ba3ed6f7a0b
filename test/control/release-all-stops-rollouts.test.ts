import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, run } from './support/fake-port-harness';

const setpoint: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const serials = Array.from({ length: 10 }, (_, i) => `SG1-${String(i + 1).padStart(6, '0')}`);

describe('release all (the kill switch) during a staged rollout', () => {
  it('publishes no command to any installation after the operator released all', async () => {
    // Settings → Live control: a broker with a low publish quota (2 publishes a second).
    const h = fakeService({ serials, options: { globalPerSecond: 2 } });
    const started = await h.service.startRollout(serials, setpoint, {
      reason: 'evening peak',
      confirmation: { typedHomes: 10 },
      plan: { firstBatch: 10, batchSize: 10, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
    });
    if (!started.ok) throw new Error(started.reason);
    await run(h.clock, 1200);
    expect(h.publishes.length).toBeGreaterThan(0);
    expect(h.publishes.length).toBeLessThan(serials.length);

    await h.service.release('all', 'grid emergency: hand everything back');
    const releasedAt = h.clock.now();
    await run(h.clock, 10_000);

    const after = h.publishes.filter((p) => p.at >= releasedAt).map((p) => p.topic.split('/').at(-1));
    expect(after, 'commands published after Release all').toEqual([]);
    expect(started.rollout.view().state).not.toBe('running');
    h.service.stop();
  });
});
