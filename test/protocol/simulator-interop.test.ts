import { describe, expect, it } from 'vitest';
import { ControllerModel } from '../../electron/simulator/controller-model';
import { constantEnvironment } from '../../electron/simulator/environment';
import type { ModelSpec } from '../../electron/simulator/spec';
import type { LiveCommand } from '../../shared/domain/control/live-command';
import type { Device } from '../../shared/domain/inventory/installation';
import {
  DEFAULT_PROFILE as P,
  decodeFeedback,
  encodeLiveCommand,
  feedbackTopic,
  responseMeaning,
  validateCommand,
} from '../../shared/protocol/profile';

/**
 * The simulator is an independent implementation of protocol.md (architecture.md §1). Our encoder's
 * bytes must be understood by it, and its feedback by our decoder: two readings that must agree.
 */
const T0 = Date.UTC(2026, 10, 26, 11, 0, 0);
const spec: ModelSpec = {
  serial: 'SG1-000042',
  siteNodeId: 'SG1-000042_site_0',
  storage: { model: 'Test', capacityWh: 10_000, nominalPowerW: 5000, rampWPerS: 2000, initialSocPerc: 50 },
  solar: { model: 'Test', peakW: 6000 },
  gridConnectionW: 9200,
  fallbackTimeoutS: 60,
};
/** The same site as the inventory would record it. */
const devices: Device[] = [
  { type: 'storage', nominalPowerW: 5000, capacityWh: 10_000 },
  { type: 'solar', nominalPowerW: 6000 },
];

function setup() {
  const model = new ControllerModel({
    spec,
    env: constantEnvironment(4000, 1000),
    startMs: T0,
    record: () => {},
  });
  const send = (command: LiveCommand, atMs = T0, receivedAtMs = atMs, commandId = `c-${atMs}`) =>
    model.handleCommand(encodeLiveCommand(P, spec.serial, command, { now: atMs, commandId }).payload, {
      receivedAtMs,
      nowMs: atMs,
    });
  const feedbackAt = (tMs: number) => {
    for (let t = model.state.tMs + 250; t < tMs; t += 250) model.advanceTo(t);
    model.advanceTo(tMs);
    const payload = JSON.stringify(model.feedback(Math.floor(tMs / 1000)));
    return decodeFeedback(P, feedbackTopic(P, spec.serial), payload);
  };
  return { send, feedbackAt };
}

describe('encoder and decoder against the simulator', () => {
  it('a validated storage setpoint is applied, and the feedback shows it in Fleetdesk’s sign', () => {
    const command: LiveCommand = {
      storage: { policy: 'setpoint', setpointW: -2500 },
      solar: { policy: 'curtail', setpointW: 3000 },
    };
    expect(validateCommand(P, devices, command).errors).toEqual([]);
    const { send, feedbackAt } = setup();
    expect(send(command)).toEqual({ kind: 'applied', responseCode: 0 });
    const fb = feedbackAt(T0 + 5000);
    expect(fb.ok).toBe(true);
    if (!fb.ok) return;
    expect(fb.serial).toBe(spec.serial);
    expect(fb.time).toBe(T0 + 5000);
    expect(fb.responseCode).toBe(0);
    expect(responseMeaning(P, fb.responseCode ?? -1).meaning).toBe('accepted');
    expect(fb.values.storageW).toBeCloseTo(-2500);
    expect(fb.values.solarW).toBeLessThanOrEqual(3000);
    expect(fb.values.socPct).toBeCloseTo(50, 0);
    expect(fb.values.storedWh).toBeGreaterThan(5000); // charging
    expect(fb.issues).toEqual([]);
  });

  it.each<[string, LiveCommand, number]>([
    ['above the battery rating', { storage: { policy: 'setpoint', setpointW: 5001 } }, 3],
    ['a negative curtailment', { solar: { policy: 'curtail', setpointW: -1 } }, 3],
    ['a group the site lacks', { ev: { policy: 'off' } }, 4],
  ])('what validateCommand rejects (%s), the simulator rejects too', (_name, command, code) => {
    expect(validateCommand(P, devices, command).errors).not.toEqual([]);
    const { send } = setup();
    expect(send(command)).toEqual({ kind: 'rejected', responseCode: code });
  });

  it('the simulator honours validUntil: a command delivered after it is not applied', () => {
    const { send } = setup();
    const late = T0 + (P.commandValiditySeconds + 1) * 1000;
    expect(send({ storage: { policy: 'cost' } }, T0, late)).toEqual({ kind: 'expired-on-arrival' });
  });

  it('the simulator honours commandId: a redelivery is answered but not applied twice', () => {
    const { send } = setup();
    const command: LiveCommand = { storage: { policy: 'cost' } };
    expect(send(command, T0, T0, 'same')).toEqual({ kind: 'applied', responseCode: 0 });
    expect(send(command, T0 + 500, T0 + 500, 'same')).toEqual({ kind: 'duplicate', responseCode: 0 });
  });
});
