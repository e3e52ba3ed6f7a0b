import { describe, expect, it } from 'vitest';
import { ControllerModel } from '../../electron/simulator/controller-model';
import { constantEnvironment } from '../../electron/simulator/environment';
import type { FallbackRecord, RunRecord } from '../../electron/simulator/run-record';
import type { ModelSpec } from '../../electron/simulator/spec';
import { T0, command, modelSpec, setSchedules } from './fixtures';

function setup(spec: ModelSpec = modelSpec()) {
  const records: RunRecord[] = [];
  const model = new ControllerModel({
    spec,
    env: constantEnvironment(0, 1000),
    startMs: T0,
    record: (r) => records.push(r),
  });
  const send = (raw: string, atMs: number, receivedAtMs = atMs) =>
    model.handleCommand(raw, { receivedAtMs, nowMs: atMs });
  /** Advances in 250 ms ticks like the fleet's shared tick. */
  const tickTo = (tMs: number) => {
    for (let t = model.state.tMs + 250; t < tMs; t += 250) model.advanceTo(t);
    model.advanceTo(tMs);
  };
  const fallbacks = () => records.filter((r): r is FallbackRecord => r.type === 'fallback');
  return { model, records, send, tickTo, fallbacks };
}

const storageSetpoint = (w: number) => ({ storage_policy: 'setpoint', storage_power_setpoint_W: w });

describe('live commands', () => {
  it('applies a valid command and the setpoint takes effect', () => {
    const { model, send } = setup();
    expect(send(command(storageSetpoint(-2500)), T0)).toEqual({ kind: 'applied', responseCode: 0 });
    model.advanceTo(T0 + 5000);
    expect(model.state.batteryW).toBeCloseTo(-2500);
    const fb = model.feedback(Math.floor((T0 + 5000) / 1000)) as {
      time: number;
      fields: { state: { storage: Record<string, unknown> }; response_code: number };
    };
    expect(fb.time).toBe((T0 + 5000) / 1000);
    expect(fb.fields.response_code).toBe(0);
    expect(fb.fields.state.storage).toMatchObject({
      active_power_W: -2500,
      policy: 'setpoint',
      control_source: 'live',
    });
  });

  it.each([
    ['not JSON', '{nope', 1],
    ['no fields', JSON.stringify({ time: 1 }), 1],
    ['no group named', command({ foo: 1 }), 1],
    ['setpoint as a string', command({ storage_policy: 'setpoint', storage_power_setpoint_W: '100' }), 1],
    ['setpoint policy without setpoint', command({ storage_policy: 'setpoint' }), 1],
    ['validUntil not a number', command(storageSetpoint(100), { validUntil: 'soon' }), 1],
    ['unknown policy', command({ storage_policy: 'turbo' }), 2],
    ['storage beyond nominal power', command(storageSetpoint(5001)), 3],
    ['curtail above the PV peak', command({ solar_policy: 'curtail', solar_power_setpoint_W: 7000 }), 3],
    ['negative curtail', command({ solar_policy: 'curtail', solar_power_setpoint_W: -1 }), 3],
    ['EV at a site without an EV charger', command({ ev_policy: 'off' }), 4],
    ['another site node id', command(storageSetpoint(100), {}, 'SG1-999999'), 4],
  ])('rejects %s with code %i and changes nothing', (_name, raw, code) => {
    const { model, send } = setup();
    expect(send(raw, T0)).toEqual({ kind: 'rejected', responseCode: code });
    expect(model.responseCode).toBe(code);
    expect(model.control().groups.storage?.source).toBe('local');
    expect(model.leaseDeadlineMs).toBeUndefined();
  });

  it('is atomic: one bad group rejects the whole command', () => {
    const { model, send } = setup();
    const outcome = send(command({ ...storageSetpoint(1000), solar_policy: 'bogus' }), T0);
    expect(outcome.responseCode).toBe(2);
    expect(model.control().groups.storage?.policy).toBe('self-consumption');
  });

  it('keeps the groups a command does not name', () => {
    const { model, send } = setup();
    send(command({ ...storageSetpoint(1000), solar_policy: 'curtail', solar_power_setpoint_W: 2000 }), T0);
    send(command({ solar_policy: 'unrestricted' }), T0 + 1000);
    const groups = model.control().groups;
    expect(groups.storage).toMatchObject({ policy: 'setpoint', setpointW: 1000, source: 'live' });
    expect(groups.solar).toMatchObject({ policy: 'unrestricted', source: 'live' });
    expect(groups.solar?.setpointW).toBeUndefined();
  });

  it('treats a bare setpoint as the group setpoint policy', () => {
    const { model, send } = setup();
    send(command({ storage_power_setpoint_W: -1500 }), T0);
    expect(model.control().groups.storage).toMatchObject({ policy: 'setpoint', setpointW: -1500 });
  });

  it('controls EV and HVAC where present', () => {
    const spec = modelSpec({
      ev: { model: 'E', nominalPowerW: 11_000 },
      hvac: { model: 'H', nominalPowerW: 3000 },
    });
    const { model, send } = setup(spec);
    expect(
      send(command({ ev_policy: 'setpoint', ev_power_setpoint_W: 4000, hvac_policy: 'on' }), T0).responseCode,
    ).toBe(0);
    model.advanceTo(T0 + 1000);
    expect(model.state.evW).toBe(4000);
    expect(model.state.hvacW).toBe(3000);
  });

  it('answers a redelivered command id again without applying it twice', () => {
    const { model, send, records } = setup();
    send(command(storageSetpoint(1000), { commandId: 'c-1' }), T0);
    const again = send(command(storageSetpoint(1000), { commandId: 'c-1' }), T0 + 30_000);
    expect(again).toEqual({ kind: 'duplicate', responseCode: 0 });
    expect(model.leaseDeadlineMs).toBe(T0 + 60_000);
    expect(records.filter((r) => r.type === 'command' && r.outcome === 'applied')).toHaveLength(1);
  });
});

describe('validUntil', () => {
  it('does not apply a command received after its validUntil and logs it', () => {
    const { model, send, records } = setup();
    const validUntil = T0 / 1000 - 1;
    expect(send(command(storageSetpoint(3000), { validUntil }), T0)).toEqual({ kind: 'expired-on-arrival' });
    expect(model.control().groups.storage?.source).toBe('local');
    expect(records.at(-1)).toMatchObject({
      type: 'command',
      outcome: 'expired-on-arrival',
      validUntil,
      receivedAtMs: T0,
    });
  });

  it('reads validUntil from fields too', () => {
    const { send } = setup();
    expect(send(command({ ...storageSetpoint(3000), validUntil: T0 / 1000 - 10 }), T0).kind).toBe(
      'expired-on-arrival',
    );
  });

  it('applies a command up to and including its validUntil second', () => {
    const { send } = setup();
    expect(send(command(storageSetpoint(3000), { validUntil: T0 / 1000 }), T0).kind).toBe('applied');
  });

  it('does not apply a command that expired while delayed before handling', () => {
    const { send } = setup();
    const outcome = send(command(storageSetpoint(3000), { validUntil: T0 / 1000 + 1 }), T0 + 2000, T0);
    expect(outcome).toEqual({ kind: 'expired-before-apply' });
  });
});

describe('fallback', () => {
  it('returns to local control exactly at last command + timeout (±1 s at tick resolution)', () => {
    const { model, send, tickTo, fallbacks } = setup();
    send(command(storageSetpoint(3000)), T0);
    tickTo(T0 + 59_000);
    expect(fallbacks()).toHaveLength(0);
    expect(model.control().groups.storage?.source).toBe('live');
    tickTo(T0 + 62_000);
    const [fb] = fallbacks();
    expect(fb).toMatchObject({ lastCommandAtMs: T0, fallbackAtMs: T0 + 60_000, timeoutS: 60 });
    expect(Math.abs((fb?.detectedAtMs ?? 0) - (T0 + 60_000))).toBeLessThanOrEqual(1000);
    expect(model.control().groups.storage).toEqual({ policy: 'self-consumption', source: 'local' });
  });

  it('switches the physics at the deadline even when advanced in one jump', () => {
    const { model, send } = setup();
    send(command(storageSetpoint(-4000)), T0);
    model.advanceTo(T0 + 3_600_000);
    // Charged at 4 kW for ~60 s (≈ 66 Wh), then self-consumption discharged to cover the 1 kW load.
    expect(model.state.socWh).toBeLessThan(5000);
    expect(model.state.batteryW).toBeCloseTo(1000);
  });

  it('keeps the lease while commands are renewed, and only accepted ones renew it', () => {
    const { send, tickTo, fallbacks } = setup();
    for (let k = 0; k <= 5; k++) {
      tickTo(T0 + k * 20_000);
      send(command(storageSetpoint(2000)), T0 + k * 20_000);
    }
    tickTo(T0 + 110_000);
    send(command({ storage_policy: 'nonsense' }), T0 + 110_000);
    tickTo(T0 + 170_000);
    expect(fallbacks()).toEqual([
      expect.objectContaining({ lastCommandAtMs: T0 + 100_000, fallbackAtMs: T0 + 160_000 }),
    ]);
  });
});

describe('schedules and precedence', () => {
  const s = T0 / 1000;

  it('follows an active schedule, yields to live control, and resumes it after fallback', () => {
    const { model, send, tickTo } = setup();
    const ack = model.handleSchedule(
      setSchedules([
        {
          device_type: 'storage',
          start_time: s + 10,
          end_time: s + 600,
          policy: 'setpoint',
          power_setpoint_W: -3000,
        },
      ]),
      T0,
      s,
    );
    expect(ack).toMatchObject({
      data: {
        message_type: 'set_schedules_ack',
        responseCode: 0,
        state: { schedule_ids: [1], deleted_ids: [] },
      },
    });
    tickTo(T0 + 5000);
    expect(model.control().groups.storage?.source).toBe('local');
    tickTo(T0 + 20_000);
    expect(model.control().groups.storage).toMatchObject({
      source: 'schedule',
      policy: 'setpoint',
      setpointW: -3000,
      scheduleId: 1,
    });
    expect(model.state.batteryW).toBeCloseTo(-3000);

    send(command(storageSetpoint(1000)), T0 + 20_000);
    tickTo(T0 + 30_000);
    expect(model.control().groups.storage).toMatchObject({ source: 'live', setpointW: 1000 });
    expect(model.state.batteryW).toBeCloseTo(1000);

    tickTo(T0 + 81_000);
    expect(model.control().groups.storage).toMatchObject({ source: 'schedule', setpointW: -3000 });
    tickTo(T0 + 601_000);
    expect(model.control().groups.storage?.source).toBe('local');
  });

  it('applies schedule export limits by curtailing PV', () => {
    const spec = modelSpec();
    const model = new ControllerModel({ spec, env: constantEnvironment(5000, 1000), startMs: T0 });
    model.handleSchedule(
      setSchedules([
        { device_type: 'solar', start_time: s, end_time: s + 600, policy: 'unrestricted', site_export: 0 },
      ]),
      T0,
      s,
    );
    model.handleCommand(command(storageSetpoint(0)), { receivedAtMs: T0, nowMs: T0 });
    model.advanceTo(T0 + 5000);
    expect(model.state.gridW).toBeCloseTo(0);
    expect(model.state.pvW).toBeCloseTo(1000);
  });

  it('keeps a schedule export limit in force while a live command discharges the battery', () => {
    // No sun, 1 kW household load, a schedule window that forbids any export.
    const model = new ControllerModel({ spec: modelSpec(), env: constantEnvironment(0, 1000), startMs: T0 });
    model.handleSchedule(
      setSchedules([
        {
          device_type: 'storage',
          start_time: s,
          end_time: s + 600,
          policy: 'self-consumption',
          site_export: 0,
        },
      ]),
      T0,
      s,
    );
    // The operator asks for a full-power discharge: only the household's 1 kW may come out.
    expect(
      model.handleCommand(command(storageSetpoint(5000)), { receivedAtMs: T0, nowMs: T0 }),
    ).toMatchObject({
      responseCode: 0,
    });
    model.advanceTo(T0 + 5000);
    const grid = (model.feedback(s + 5) as { fields: { state: { grid: Record<string, number> } } }).fields
      .state.grid;
    expect(grid.export_limit_W).toBe(0);
    expect(grid.active_power_W).toBeCloseTo(0);
    expect(model.state.batteryW).toBeCloseTo(1000);
  });
});
