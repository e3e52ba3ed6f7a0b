import { describe, expect, it } from 'vitest';
import { constantEnvironment } from '../../electron/simulator/environment';
import { startFleet } from '../../electron/simulator/fleet';
import { createManualClock } from '../../electron/simulator/manual-clock';
import type { FallbackRecord, RunRecord } from '../../electron/simulator/run-record';
import { T0, command } from './fixtures';

describe('fleet on an injected clock', () => {
  it('drives every controller from one shared tick and falls back at the timeout', async () => {
    const clock = createManualClock(T0);
    const records: RunRecord[] = [];
    const fleet = await startFleet({
      controllers: 50,
      seed: 3,
      fallbackTimeoutS: 120,
      clock,
      environment: () => constantEnvironment(0, 500),
      onRecord: (r) => records.push(r),
    });
    // One interval for the whole fleet, not one per controller.
    expect(clock.pendingTimers()).toBe(1);
    expect(fleet.contracts.length).toBeGreaterThan(50);

    const target = fleet.controller('SG1-000007');
    target?.receive(
      'command',
      command({ storage_policy: 'setpoint', storage_power_setpoint_W: -1000 }, {}, 'SG1-000007'),
    );
    clock.advance(30_000);
    expect(target?.model.state.batteryW).toBeCloseTo(-1000);
    clock.advance(100_000);
    const fallback = records.find((r): r is FallbackRecord => r.type === 'fallback');
    expect(fallback).toMatchObject({ serial: 'SG1-000007', lastCommandAtMs: T0, fallbackAtMs: T0 + 120_000 });
    expect((fallback?.detectedAtMs ?? 0) - T0 - 120_000).toBeLessThanOrEqual(250);
    expect(target?.model.control().groups.storage?.source).toBe('local');

    await fleet.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(fleet.controllers.every((c) => c.status === 'stopped')).toBe(true);
  });
});

describe('the shared tick visits only the controllers with something to do', () => {
  it('steps each controller about once a second, not on every tick, and answers a command at the next tick', async () => {
    const clock = createManualClock(T0);
    const fleet = await startFleet({
      controllers: 200,
      seed: 5,
      fallbackTimeoutS: 120,
      feedbackPeriodS: 3600,
      tickMs: 20,
      clock,
      environment: () => constantEnvironment(0, 500),
    });
    const visits = new Map<string, number[]>();
    for (const c of fleet.controllers) {
      const tick = c.tick.bind(c);
      c.tick = (now: number) => {
        visits.set(c.spec.serial, [...(visits.get(c.spec.serial) ?? []), now]);
        tick(now);
      };
    }
    clock.advance(2_000);
    // 100 ticks went by; each controller was visited for its physics step, once a second.
    for (const c of fleet.controllers) expect(visits.get(c.spec.serial)?.length ?? 0).toBeLessThanOrEqual(3);
    expect(fleet.controllers.every((c) => (visits.get(c.spec.serial)?.length ?? 0) >= 1)).toBe(true);

    const target = fleet.controller('SG1-000007');
    const before = visits.get('SG1-000007')?.length ?? 0;
    const sentAt = clock.now();
    target?.receive('command', command({ storage_policy: 'cost' }, {}, 'SG1-000007'));
    // Owes an answer: due at once, visited at the next tick, and then no longer owing it.
    expect(target?.nextDueMs()).toBeLessThanOrEqual(sentAt);
    clock.advance(20);
    expect(visits.get('SG1-000007')?.length).toBe(before + 1);
    expect(target?.nextDueMs()).toBeGreaterThan(clock.now());
    await fleet.stop();
  });
});
