import { describe, expect, it } from 'vitest';
import { AttemptPlan } from '../../electron/core/broker/attempt-plan';

const policy = { initialMs: 100, maxMs: 1000, switchAfter: 3, atRiskMaxMs: 300 };
const noJitter = () => 0.5;
const primary = 'mqtt://h:1883';
const backup = 'ws://h:80';

describe('AttemptPlan', () => {
  it('backs off exponentially with +-20 % jitter, capped, and resets after a success', () => {
    const plan = new AttemptPlan({ url: primary, protocol: 5 }, policy, noJitter);
    expect([1, 2, 3, 4, 5].map(() => plan.failed('other').delayMs)).toEqual([100, 200, 400, 800, 1000]);
    plan.succeeded();
    expect(plan.failed('other').delayMs).toBe(100);
    const low = new AttemptPlan({ url: primary, protocol: 5 }, policy, () => 0).failed('other').delayMs;
    const high = new AttemptPlan({ url: primary, protocol: 5 }, policy, () => 1).failed('other').delayMs;
    expect([low, high]).toEqual([80, 120]);
  });

  it('retries sooner while held leases are at risk, but not after refused credentials', () => {
    const plan = new AttemptPlan({ url: primary, protocol: 5 }, policy, noJitter);
    expect([1, 2, 3].map(() => plan.failed('other').delayMs)).toEqual([100, 200, 400]);
    // Leases now lapse while the link is down: the wait drops to the at-risk cap at once.
    expect(plan.failed('other', true).delayMs).toBe(300);
    expect(plan.failed('other', false).delayMs).toBe(1000);
    expect(plan.failed('auth', true).delayMs).toBe(1000);
  });

  it('auto: MQTT 5 refused -> 3.1.1 at once; the working version is kept; a later refusal relearns', () => {
    const plan = new AttemptPlan({ url: primary, protocol: 'auto' }, policy, noJitter);
    expect(plan.target().protocolVersion).toBe(5);
    expect(plan.failed('version')).toEqual({ delayMs: 0, note: 'trying MQTT 3.1.1' });
    expect(plan.target().protocolVersion).toBe(4);
    plan.succeeded();
    plan.failed('other');
    expect(plan.target().protocolVersion).toBe(4);
    // 3.1.1 refused too (a different broker now): back to 5, with back-off this time.
    expect(plan.failed('version').delayMs).toBeGreaterThan(0);
    expect(plan.target().protocolVersion).toBe(5);
  });

  it('a hang-up before CONNACK means "try 3.1.1" only while no version is known to work', () => {
    const fresh = new AttemptPlan({ url: primary, protocol: 'auto' }, policy, noJitter);
    expect(fresh.failed('hangup')).toEqual({ delayMs: 0, note: 'trying MQTT 3.1.1' });
    const proven = new AttemptPlan({ url: primary, protocol: 'auto' }, policy, noJitter);
    proven.succeeded();
    expect(proven.failed('hangup')).toEqual({ delayMs: 100 });
    expect(proven.target().protocolVersion).toBe(5);
  });

  it('a pinned version never changes', () => {
    const plan = new AttemptPlan({ url: primary, protocol: 5 }, policy, noJitter);
    plan.failed('version');
    expect(plan.target().protocolVersion).toBe(5);
  });

  it('switches to the backup URL after N failures, and back after N more', () => {
    const plan = new AttemptPlan({ url: primary, fallbackUrl: backup, protocol: 'auto' }, policy, noJitter);
    plan.failed('other');
    plan.failed('other');
    expect(plan.target()).toMatchObject({ url: primary, usingFallback: false });
    expect(plan.failed('other')).toEqual({ delayMs: 100, note: `trying the backup address ${backup}` });
    expect(plan.target()).toMatchObject({ url: backup, usingFallback: true });
    plan.succeeded();
    plan.failed('other');
    expect(plan.target().url).toBe(backup);
    plan.failed('other');
    expect(plan.failed('other').note).toBe(`trying the primary address ${primary} again`);
  });

  it('waits the longest delay after refused credentials', () => {
    const plan = new AttemptPlan({ url: primary, protocol: 5 }, policy, noJitter);
    expect(plan.failed('auth').delayMs).toBe(1000);
  });
});
