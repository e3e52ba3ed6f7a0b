import { describe, expect, it } from 'vitest';
import { ControllerRuntime } from '../../electron/simulator/controller-runtime';
import { constantEnvironment } from '../../electron/simulator/environment';
import { createFaults, type FaultSettings } from '../../electron/simulator/faults';
import { generateFleet } from '../../electron/simulator/fleet-generator';
import { createManualClock } from '../../electron/simulator/manual-clock';
import { mulberry32 } from '../../electron/simulator/prng';
import type { RunRecord } from '../../electron/simulator/run-record';
import type { ControllerSpec } from '../../electron/simulator/spec';
import { T0, command } from './fixtures';

interface Sent {
  atMs: number;
  topic: string;
  body: { time: number; fields: { response_code: number; state: { storage: { active_power_W: number } } } };
}

function harness(faults: Partial<FaultSettings> = {}, over: Partial<ControllerSpec> = {}) {
  const clock = createManualClock(T0);
  const sent: Sent[] = [];
  const records: RunRecord[] = [];
  const offboarded: string[] = [];
  const base = generateFleet({ count: 1, seed: 1, fallbackTimeoutS: 60 }).controllers[0] as ControllerSpec;
  const spec: ControllerSpec = {
    ...base,
    serial: 'SG1-000042',
    siteNodeId: 'SG1-000042_site_0',
    phase: 0.5,
    skewS: 0,
    ...over,
  };
  const settings: FaultSettings = {
    dropRate: 0,
    latencyMs: 0,
    rejectRate: 0,
    healthErrorRate: 0,
    offboardRatePerHour: 0,
    ...faults,
  };
  const runtime = new ControllerRuntime(spec, {
    clock,
    faults: createFaults(settings, mulberry32(1)),
    rng: mulberry32(2),
    record: (r) => records.push(r),
    publish: (_serial, topic, payload) =>
      sent.push({ atMs: clock.now(), topic, body: JSON.parse(payload) as Sent['body'] }),
    feedbackPeriodMs: 10_000,
    healthPeriodMs: 60_000,
    listener: undefined,
    onOffboarded: (serial) => offboarded.push(serial),
    env: constantEnvironment(0, 800),
  });
  // The fleet's shared tick, at its default 250 ms.
  clock.setInterval(() => runtime.tick(clock.now()), 250);
  const feedback = () =>
    sent.filter((m) => m.topic === 'standard1/outbound/remoteControlMetrics/feedback/SG1-000042');
  return { clock, runtime, sent, feedback, records, offboarded };
}

const setpoint = (w: number, extra: Record<string, unknown> = {}) =>
  command({ storage_policy: 'setpoint', storage_power_setpoint_W: w }, extra);

describe('controller runtime', () => {
  it('sends feedback every period, offset by its phase', () => {
    const { clock, feedback } = harness();
    clock.advance(35_000);
    expect(feedback().map((m) => m.atMs - T0)).toEqual([5000, 15_000, 25_000, 35_000]);
    expect(feedback()[0]?.body.time).toBe(Math.floor((T0 + 5000) / 1000));
  });

  it('answers each command within a second with its response code', () => {
    const { clock, runtime, feedback } = harness();
    clock.advance(1000);
    runtime.receive('command', setpoint(-2000));
    clock.advance(1000);
    const answer = feedback().find((m) => m.atMs > T0 + 1000);
    expect(answer?.atMs).toBeLessThanOrEqual(T0 + 2000);
    expect(answer?.body.fields.response_code).toBe(0);
    runtime.receive('command', setpoint(99_999));
    const before = feedback().length;
    clock.advance(1000);
    expect(feedback()[before]?.body.fields.response_code).toBe(3);
    // The rejection left the earlier setpoint in force.
    clock.advance(10_000);
    expect(feedback().at(-1)?.body.fields.state.storage.active_power_W).toBe(-2000);
  });

  it('reports times through its skewed clock', () => {
    const { clock, feedback } = harness({}, { skewS: -45 });
    clock.advance(6000);
    expect(feedback()[0]?.body.time).toBe(Math.floor((T0 + 5000) / 1000) - 45);
  });

  it('delays handling by the latency and refuses what expired meanwhile', () => {
    const { clock, runtime, records, feedback } = harness({ latencyMs: 3000 });
    runtime.receive('command', setpoint(1000, { validUntil: T0 / 1000 + 1 }));
    runtime.receive('command', setpoint(2000, { validUntil: T0 / 1000 + 60 }));
    clock.advance(2999);
    expect(records.filter((r) => r.type === 'command')).toHaveLength(0);
    clock.advance(1);
    const commands = records.filter((r) => r.type === 'command');
    expect(commands).toMatchObject([
      { outcome: 'expired-before-apply', receivedAtMs: T0, handledAtMs: T0 + 3000 },
      { outcome: 'applied', receivedAtMs: T0, appliedAtMs: T0 + 3000 },
    ]);
    clock.advance(1000);
    expect(feedback().filter((m) => m.atMs <= T0 + 4000)).toHaveLength(1);
  });

  it('drops messages at the drop rate', () => {
    const { clock, runtime, records, feedback } = harness({ dropRate: 1 });
    runtime.receive('command', setpoint(1000));
    clock.advance(20_000);
    expect(records.filter((r) => r.type === 'command')).toHaveLength(0);
    expect(feedback()).toHaveLength(0);
    expect(
      records.filter((r) => r.type === 'message-dropped').map((r) => (r as { direction: string }).direction),
    ).toContain('in');
  });

  it('rejects valid commands at the reject rate with codes 1-4', () => {
    const { clock, runtime, feedback, records } = harness({ rejectRate: 1 });
    for (let k = 0; k < 20; k++) runtime.receive('command', setpoint(1000));
    clock.advance(1000);
    const codes = records.flatMap((r) => (r.type === 'command' ? [r.responseCode] : []));
    expect(codes).toHaveLength(20);
    for (const code of codes) expect([1, 2, 3, 4]).toContain(code);
    expect(feedback().at(-1)?.body.fields.response_code).not.toBe(0);
  });

  it('offboards at the offboard rate and then goes quiet', () => {
    const { clock, runtime, feedback, offboarded, records } = harness({ offboardRatePerHour: 3_600_000 });
    clock.advance(1000);
    expect(runtime.status).toBe('offboarded');
    expect(offboarded).toEqual(['SG1-000042']);
    expect(records.some((r) => r.type === 'offboarded')).toBe(true);
    runtime.receive('command', setpoint(1000));
    clock.advance(30_000);
    expect(feedback()).toHaveLength(0);
  });

  it('leaves no timers behind when stopped', () => {
    const { clock, runtime } = harness({ latencyMs: 5000 });
    runtime.receive('command', setpoint(1000));
    expect(clock.pendingTimers()).toBe(2);
    runtime.stop();
    expect(clock.pendingTimers()).toBe(1); // only the test's own tick interval remains
    expect(runtime.status).toBe('stopped');
  });
});
