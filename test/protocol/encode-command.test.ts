import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveCommand } from '../../shared/domain/control/live-command';
import { DEFAULT_PROFILE as P, encodeLiveCommand } from '../../shared/protocol/profile';
import { NOW, SERIAL, customProfile, defaults } from './fixtures';

const opts = { now: NOW, validUntil: NOW + 60_000, commandId: 'cmd-1' };
const example: LiveCommand = {
  storage: { policy: 'setpoint', setpointW: -2500 },
  solar: { policy: 'curtail', setpointW: 3000 },
};

describe('encodeLiveCommand, default profile', () => {
  it('produces protocol.md §2’s example command, byte for byte, plus the Fleetdesk additions', () => {
    const m = encodeLiveCommand(P, SERIAL, example, opts);
    expect(m.topic).toBe('standard1/rp_one_s/remoteControlMetrics/SG1-000123');
    expect(m.payload).toBe(
      '{"extraTags":{"nodeId":"SG1-000123_site_0"},"time":1764151200,' +
        '"fields":{"storage_policy":"setpoint","storage_power_setpoint_W":-2500,' +
        '"solar_policy":"curtail","solar_power_setpoint_W":3000},' +
        '"validUntil":1764151260,"commandId":"cmd-1"}',
    );
  });

  it('names only the groups the command names; a policy without setpoint sends no setpoint key', () => {
    const m = encodeLiveCommand(P, SERIAL, { hvac: { policy: 'off' } }, opts);
    expect(JSON.parse(m.payload).fields).toEqual({ hvac_policy: 'off' });
  });

  it('has a deterministic key order whatever order the command object has', () => {
    const a = encodeLiveCommand(P, SERIAL, { ev: { policy: 'off' }, storage: { policy: 'cost' } }, opts);
    const b = encodeLiveCommand(P, SERIAL, { storage: { policy: 'cost' }, ev: { policy: 'off' } }, opts);
    expect(a.payload).toBe(b.payload);
    expect(Object.keys(JSON.parse(a.payload).fields)).toEqual(['storage_policy', 'ev_policy']);
    expect(Object.keys(JSON.parse(a.payload))).toEqual([
      'extraTags',
      'time',
      'fields',
      'validUntil',
      'commandId',
    ]);
  });

  it('floors times to whole Unix seconds, so validity is never extended', () => {
    const m = encodeLiveCommand(P, SERIAL, example, {
      now: NOW + 999,
      validUntil: NOW + 30_999,
      commandId: 'x',
    });
    expect(JSON.parse(m.payload)).toMatchObject({ time: 1_764_151_200, validUntil: 1_764_151_230 });
  });

  it('defaults validUntil to now + the profile’s commandValiditySeconds', () => {
    const m = encodeLiveCommand(P, SERIAL, example, { now: NOW, commandId: 'x' });
    expect(JSON.parse(m.payload).validUntil).toBe(1_764_151_200 + 30);
  });

  it('leaves validUntil and commandId out when fleetdeskExtensions is off', () => {
    const p = defaults();
    p.fleetdeskExtensions = false;
    expect(Object.keys(JSON.parse(encodeLiveCommand(p, SERIAL, example, opts).payload))).toEqual([
      'extraTags',
      'time',
      'fields',
    ]);
  });

  it('converts the storage sign when the profile says charge is positive', () => {
    const p = defaults();
    p.signs.storageDischargePositive = false;
    const fields = JSON.parse(encodeLiveCommand(p, SERIAL, example, opts).payload).fields;
    expect(fields.storage_power_setpoint_W).toBe(2500);
    expect(fields.solar_power_setpoint_W).toBe(3000);
    const zero = encodeLiveCommand(p, SERIAL, { storage: { policy: 'setpoint', setpointW: 0 } }, opts);
    expect(zero.payload).toContain('"storage_power_setpoint_W":0');
  });

  it.each<[string, LiveCommand, Partial<typeof opts>, RegExp]>([
    ['a serial with a topic level', example, {}, /invalid serial/],
    ['no group', {}, {}, /names no asset group/],
    ['an unknown policy', { storage: { policy: 'boost' } }, {}, /not in the profile's vocabulary/],
    ['a NaN setpoint', { storage: { policy: 'setpoint', setpointW: Number.NaN } }, {}, /must be finite/],
    ['an infinite setpoint', { solar: { policy: 'curtail', setpointW: Infinity } }, {}, /must be finite/],
    ['validUntil before now', example, { validUntil: NOW - 1 }, /at least one whole second after now/],
    ['validUntil in the same second', example, { validUntil: NOW + 999 }, /at least one whole second/],
    ['a NaN now', example, { now: Number.NaN }, /now must be ms/],
    ['an empty commandId', example, { commandId: '' }, /commandId/],
  ])('throws on %s instead of sending it', (name, command, over, error) => {
    const serial = name === 'a serial with a topic level' ? 'SG1/x' : SERIAL;
    expect(() => encodeLiveCommand(P, serial, command, { ...opts, ...over })).toThrow(error);
  });
});

describe('encodeLiveCommand, custom profile', () => {
  const c = customProfile();

  it('uses the custom topic, node id, keys and sign; no extensions', () => {
    const m = encodeLiveCommand(
      c,
      'X-1',
      { storage: { policy: 'hold', setpointW: -2500 }, hvac: { policy: 'auto' } },
      opts,
    );
    expect(m.topic).toBe('acme/v2/X-1/control/set');
    expect(m.payload).toBe(
      '{"extraTags":{"nodeId":"site-X-1"},"time":1764151200,"fields":{"bat_mode":"hold","bat_p":2500,"hp_mode":"auto"}}',
    );
  });

  it('round-trips: what the wire says decodes back to the command (property)', () => {
    /** A group that is absent, or has the plain policy, or the setpoint policy with a setpoint. */
    const group = ([plain, withSetpoint]: [string, string]) =>
      fc.option(
        fc.oneof(
          fc.record({ policy: fc.constant(plain) }),
          fc.record({
            policy: fc.constant(withSetpoint),
            setpointW: fc.integer({ min: -100_000, max: 100_000 }),
          }),
        ),
        { nil: undefined },
      );
    const arb = fc
      .tuple(
        group(['auto', 'hold']),
        group(['free', 'cap']),
        group(['auto', 'fixed']),
        group(['auto', 'boost']),
      )
      .filter((gs) => gs.some((g) => g !== undefined));
    fc.assert(
      fc.property(arb, ([s, so, e, h]) => {
        const command: LiveCommand = {};
        if (s) command.storage = s;
        if (so) command.solar = so;
        if (e) command.ev = e;
        if (h) command.hvac = h;
        const fields = JSON.parse(encodeLiveCommand(c, 'X-1', command, opts).payload).fields as Record<
          string,
          unknown
        >;
        expect(fields['bat_mode']).toBe(command.storage?.policy);
        // Wire storage sign is flipped in this profile; 0 stays 0, never -0.
        expect(fields['bat_p']).toBe(
          command.storage?.setpointW === undefined ? undefined : -command.storage.setpointW || 0,
        );
        expect(fields['pv_mode']).toBe(command.solar?.policy);
        expect(fields['pv_cap']).toBe(command.solar?.setpointW);
        expect(fields['ev_mode']).toBe(command.ev?.policy);
        expect(fields['ev_p']).toBe(command.ev?.setpointW);
        expect(fields['hp_mode']).toBe(command.hvac?.policy);
        expect(fields['hp_p']).toBe(command.hvac?.setpointW);
      }),
    );
  });
});
