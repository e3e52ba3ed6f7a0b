import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, flush, run } from './support/fake-port-harness';

const setpoint: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const serials = Array.from({ length: 30 }, (_, i) => `SG1-${String(i + 1).padStart(6, '0')}`);

describe('staged rollout gate', () => {
  it('does not start the next batch before enough of the current batch confirmed', async () => {
    const h = fakeService({ serials });
    const started = await h.service.startRollout(serials, setpoint, {
      reason: 'evening peak',
      confirmation: { typedHomes: 30 },
      plan: { firstBatch: 5, batchSize: 5, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    const sentTo = () => new Set(h.publishes.map((p) => p.topic.split('/').at(-1)));
    // Batches 1..4 (20 targets): confirm each batch fully before the next goes.
    for (let b = 0; b < 4; b++) {
      await run(h.clock, 1500);
      const batch = serials.slice(b * 5, b * 5 + 5);
      for (const s of batch) expect(sentTo().has(s)).toBe(true);
      for (const s of batch) h.confirmStorage(s, 2000);
      await flush(10);
    }
    // Batch 5 (targets 21..25) goes out; none of it is confirmed yet.
    await run(h.clock, 1500);
    for (const s of serials.slice(20, 25)) expect(sentTo().has(s)).toBe(true);
    expect(rollout.view().tally.confirmed).toBe(20);
    // Batch 6 must wait: not one of batch 5 has confirmed.
    const early = serials.slice(25).filter((s) => sentTo().has(s));
    expect(early, 'batch 6 sent before any of batch 5 confirmed').toEqual([]);
    h.service.stop();
  });
});

describe('staged rollout failure rate', () => {
  it('pauses when a whole batch fails, even after many earlier targets confirmed', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `SG1-${String(i + 1).padStart(6, '0')}`);
    const h = fakeService({ serials: many });
    const started = await h.service.startRollout(many, setpoint, {
      reason: 'evening peak',
      confirmation: { typedHomes: 60 },
      plan: { firstBatch: 5, batchSize: 5, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    // Batch 11 (targets 51..55) cannot take the command any more when its turn comes.
    for (const s of many.slice(50, 55)) {
      const i = h.installs.get(s)!;
      h.installs.set(s, { ...i, onboarding: { state: 'offboarded', since: 0 } as never });
    }
    const confirmed = new Set<string>();
    for (let t = 0; t < 40 && rollout.view().state === 'running'; t++) {
      await run(h.clock, 1200);
      for (const p of h.publishes) {
        const s = p.topic.split('/').at(-1)!;
        if (!confirmed.has(s)) {
          confirmed.add(s);
          h.confirmStorage(s, 2000);
        }
      }
      await flush(10);
      if (rollout.targets().some((r) => r.batch === 11 && r.state !== 'pending')) break;
    }
    const batch11 = rollout.targets().filter((r) => r.batch === 10);
    expect(batch11.map((r) => r.state)).toEqual(Array(5).fill('refused'));
    // Every target of the last batch failed: the rollout must pause before sending the next one.
    expect(rollout.targets().filter((r) => r.batch === 11 && r.state !== 'pending')).toEqual([]);
    expect(rollout.view().state).toBe('paused');
    // The gate paused it, not the operator signed in: the audit trail says so.
    const paused = h.journal.filter((e) => e.type === 'rollout.changed' && e.state === 'paused');
    expect(paused.map((e) => e.actor)).toEqual(['control']);
    h.service.stop();
  });
});
