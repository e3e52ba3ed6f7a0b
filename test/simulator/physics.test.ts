import { describe, expect, it } from 'vitest';
import { constantEnvironment } from '../../electron/simulator/environment';
import {
  initialPhysics,
  stepPhysics,
  type PhysicsControl,
  type PhysicsState,
} from '../../electron/simulator/physics';
import type { ModelSpec } from '../../electron/simulator/spec';
import { T0, modelSpec } from './fixtures';

/** Steps the physics for `seconds` in steps of `dtS`. */
function run(
  spec: ModelSpec,
  control: PhysicsControl,
  env = constantEnvironment(0, 0),
  seconds = 1,
  dtS = 0.25,
  from?: PhysicsState,
) {
  let s = from ?? initialPhysics(spec, T0, env);
  for (let t = 0; t < seconds - 1e-9; t += dtS) s = stepPhysics(spec, s, control, env, dtS);
  return s;
}

const hold = (setpointW: number): PhysicsControl => ({
  storage: { policy: 'setpoint', setpointW },
  solar: { policy: 'unrestricted' },
});

describe('battery ramp and limits', () => {
  it('ramps toward the setpoint at the ramp rate, then holds it', () => {
    const spec = modelSpec();
    expect(run(spec, hold(4000), undefined, 1).batteryW).toBeCloseTo(2000);
    expect(run(spec, hold(4000), undefined, 2).batteryW).toBeCloseTo(4000);
    expect(run(spec, hold(4000), undefined, 10).batteryW).toBeCloseTo(4000);
    expect(run(spec, hold(-3000), undefined, 1).batteryW).toBeCloseTo(-2000);
  });

  it('never exceeds the nominal power', () => {
    expect(run(modelSpec(), hold(9000), undefined, 10).batteryW).toBe(5000);
    expect(run(modelSpec(), hold(-9000), undefined, 10).batteryW).toBe(-5000);
  });

  it('does not discharge an empty battery nor charge a full one', () => {
    const empty = modelSpec({ storage: { ...modelSpec().storage, initialSocPerc: 0 } });
    const e = run(empty, hold(3000), undefined, 30);
    expect(e.batteryW).toBe(0);
    expect(e.socWh).toBe(0);
    const full = modelSpec({ storage: { ...modelSpec().storage, initialSocPerc: 100 } });
    const f = run(full, hold(-3000), undefined, 30);
    expect(f.batteryW).toBe(0);
    expect(f.socWh).toBe(10_000);
  });

  it('stops discharging when the state of charge reaches 0 % during a run', () => {
    const spec = modelSpec({ storage: { ...modelSpec().storage, rampWPerS: 1e9, initialSocPerc: 1 } });
    // 100 Wh at 3600 W lasts 100 s.
    const before = run(spec, hold(3600), undefined, 99, 1);
    expect(before.batteryW).toBe(3600);
    const after = run(spec, hold(3600), undefined, 110, 1);
    expect(after.socWh).toBe(0);
    expect(after.batteryW).toBe(0);
  });
});

describe('state of charge integration', () => {
  it('integrates battery energy over time', () => {
    const spec = modelSpec({ storage: { ...modelSpec().storage, rampWPerS: 1e9 } });
    // 3000 W discharge for 10 minutes = 500 Wh out of 5000 Wh stored.
    const s = run(spec, hold(3000), undefined, 600, 1);
    expect(s.socWh).toBeCloseTo(4500, 6);
    expect(s.today.dischargedWh).toBeCloseTo(500, 6);
    const c = run(spec, hold(-2400), undefined, 1800, 1);
    expect(c.socWh).toBeCloseTo(6200, 6);
    expect(c.today.chargedWh).toBeCloseTo(1200, 6);
  });
});

describe('solar and grid', () => {
  const env = constantEnvironment(5000, 1000);

  it('caps PV at the curtail setpoint', () => {
    const control: PhysicsControl = {
      storage: { policy: 'setpoint', setpointW: 0 },
      solar: { policy: 'curtail', setpointW: 2000 },
    };
    expect(run(modelSpec(), control, env, 1).pvW).toBe(2000);
    expect(run(modelSpec(), hold(0), env, 1).pvW).toBe(5000);
  });

  it('reports grid power positive for import, negative for export', () => {
    const importing = run(modelSpec(), hold(0), constantEnvironment(0, 1000), 1);
    expect(importing.gridW).toBeCloseTo(1000);
    const exporting = run(modelSpec(), hold(0), env, 1);
    expect(exporting.gridW).toBeCloseTo(-4000);
  });

  it('limits export to the feed-in restriction', () => {
    const control: PhysicsControl = {
      storage: { policy: 'setpoint', setpointW: 0 },
      solar: { policy: 'feed-in-restriction', setpointW: 500 },
    };
    const s = run(modelSpec(), control, env, 1);
    expect(s.pvW).toBeCloseTo(1500);
    expect(s.gridW).toBeCloseTo(-500);
  });

  it('holds a discharge setpoint back to the site export limit', () => {
    const control: PhysicsControl = { ...hold(5000), exportLimitW: 500 };
    // 2 kW of sun, 1 kW of load: the sun alone would export 1 kW, over the 500 W limit, so the battery
    // stops discharging (it is not made to charge against the setpoint) and PV is curtailed to the limit.
    const sunny = run(modelSpec(), control, constantEnvironment(2000, 1000), 5);
    expect(sunny.batteryW).toBeCloseTo(0);
    expect(sunny.gridW).toBeCloseTo(-500);
    expect(sunny.pvW).toBeCloseTo(1500);
    // No sun: the battery covers the 1 kW load plus the 500 W the site may export.
    const dark = run(modelSpec(), control, constantEnvironment(0, 1000), 5);
    expect(dark.batteryW).toBeCloseTo(1500);
    expect(dark.gridW).toBeCloseTo(-500);
  });

  it('self-consumption covers the deficit and absorbs the surplus', () => {
    const control: PhysicsControl = {
      storage: { policy: 'self-consumption' },
      solar: { policy: 'unrestricted' },
    };
    const deficit = run(modelSpec(), control, constantEnvironment(500, 1500), 5);
    expect(deficit.batteryW).toBeCloseTo(1000);
    expect(deficit.gridW).toBeCloseTo(0);
    const surplus = run(modelSpec(), control, constantEnvironment(3000, 500), 5);
    expect(surplus.batteryW).toBeCloseTo(-2500);
    expect(surplus.gridW).toBeCloseTo(0);
  });
});
