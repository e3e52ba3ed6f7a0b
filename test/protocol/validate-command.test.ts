import { describe, expect, it } from 'vitest';
import type { LiveCommand } from '../../shared/domain/control/live-command';
import type { Device } from '../../shared/domain/inventory/installation';
import { DEFAULT_PROFILE as P, groupCapacity, validateCommand } from '../../shared/protocol/profile';
import { DEVICES, customProfile } from './fixtures';

const check = (command: LiveCommand, devices: Device[] = DEVICES) => validateCommand(P, devices, command);
const errorsOf = (command: LiveCommand, devices?: Device[]) => check(command, devices).errors;

describe('validateCommand', () => {
  it('accepts protocol.md §2’s example on a site that can do it', () => {
    expect(
      check({
        storage: { policy: 'setpoint', setpointW: -2500 },
        solar: { policy: 'curtail', setpointW: 3000 },
      }),
    ).toEqual({ errors: [], warnings: [] });
  });

  it('sums the nominal power of a group’s devices (two batteries of 3 and 2 kW → ±5 kW)', () => {
    expect(groupCapacity(DEVICES, 'storage')).toEqual({ present: true, limitW: 5000, unrated: [] });
    expect(errorsOf({ storage: { policy: 'setpoint', setpointW: 5000 } })).toEqual([]);
    expect(errorsOf({ storage: { policy: 'setpoint', setpointW: -5000 } })).toEqual([]);
    expect(errorsOf({ storage: { policy: 'setpoint', setpointW: 4500 } })).toEqual([]);
  });

  it.each<[string, LiveCommand, string]>([
    [
      'a policy outside the vocabulary',
      { storage: { policy: 'boost' } },
      'storage: policy "boost" is not in the profile\'s vocabulary (self-consumption, cost, setpoint)',
    ],
    [
      'a setpoint policy without setpoint',
      { ev: { policy: 'setpoint' } },
      'ev: policy "setpoint" needs a setpoint in W',
    ],
    [
      'a setpoint for a policy that takes none',
      { storage: { policy: 'cost', setpointW: 100 } },
      'storage: policy "cost" takes no setpoint; remove it, or choose "setpoint" to send one',
    ],
    [
      'a group the site does not have',
      { hvac: { policy: 'off' } },
      'hvac: this installation has no hvac device; remove hvac from the command',
    ],
    [
      'a charge beyond the rating',
      { storage: { policy: 'setpoint', setpointW: -5001 } },
      'storage: setpoint -5001 W is outside the storage rating (-5000…5000 W); Fleetdesk rejects, never clamps',
    ],
    [
      'a discharge beyond the rating',
      { storage: { policy: 'setpoint', setpointW: 5001 } },
      'storage: setpoint 5001 W is outside the storage rating',
    ],
    [
      'a curtailment above the PV rating',
      { solar: { policy: 'curtail', setpointW: 6001 } },
      'solar: setpoint 6001 W is outside the solar rating (0…6000 W)',
    ],
    [
      'a negative curtailment',
      { solar: { policy: 'curtail', setpointW: -1 } },
      'solar: the setpoint must be ≥ 0 W (got -1 W)',
    ],
    [
      'a negative EV setpoint',
      { ev: { policy: 'setpoint', setpointW: -100 } },
      'ev: the setpoint must be ≥ 0 W',
    ],
    [
      'a NaN setpoint',
      { storage: { policy: 'setpoint', setpointW: Number.NaN } },
      'storage: the setpoint must be a finite number of watts (got NaN)',
    ],
    [
      'an infinite setpoint',
      { ev: { policy: 'setpoint', setpointW: Infinity } },
      'ev: the setpoint must be a finite number of watts (got Infinity)',
    ],
    ['no group at all', {}, 'the command names no asset group; name at least one'],
    [
      'a group that does not exist',
      { meter: { policy: 'x' } } as LiveCommand,
      '"meter" is not an asset group; use storage, solar, ev, hvac',
    ],
  ])('rejects %s', (_name, command, message) => {
    const errors = errorsOf(command);
    expect(
      errors.some((e) => e.startsWith(message)),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it('with the hvac group present, refuses a setpoint hvac policies cannot take', () => {
    const devices: Device[] = [...DEVICES, { type: 'hvac', nominalPowerW: 3000 }];
    expect(errorsOf({ hvac: { policy: 'on', setpointW: 100 } }, devices)).toEqual([
      'hvac: policy "on" takes no setpoint; remove it (no policy of this group takes one)',
    ]);
    expect(errorsOf({ hvac: { policy: 'on' } }, devices)).toEqual([]);
  });

  it('refuses a setpoint when a device of the group has no nominal power, and says which', () => {
    const devices: Device[] = [...DEVICES, { type: 'storage', model: 'Mystery 1' }];
    expect(groupCapacity(devices, 'storage')).toMatchObject({ present: true, limitW: null });
    expect(errorsOf({ storage: { policy: 'setpoint', setpointW: 100 } }, devices)).toEqual([
      'storage: cannot check the limit (device 6 (Mystery 1) has no nominal power); the setpoint is refused until the inventory has a rating',
    ]);
    // A policy change needs no limit.
    expect(errorsOf({ storage: { policy: 'self-consumption' } }, devices)).toEqual([]);
  });

  it.each([0, -1, Number.NaN, Infinity, 1e12])('treats a nominal power of %s as unknown', (nominalPowerW) => {
    const devices: Device[] = [{ type: 'ev', nominalPowerW }];
    expect(errorsOf({ ev: { policy: 'setpoint', setpointW: 0 } }, devices)[0]).toMatch(
      /cannot check the limit/,
    );
  });

  it('rejects a setpoint that looks like kW (EC-1: a wrong unit is refused, not warned)', () => {
    expect(check({ storage: { policy: 'setpoint', setpointW: 3 } })).toEqual({
      errors: [
        'storage: setpoint 3 W is tiny for a 5000 W group; setpoints are in watts: did you mean 3 kW (3000 W)?',
      ],
      warnings: [],
    });
    expect(check({ storage: { policy: 'setpoint', setpointW: 0 } }).errors).toEqual([]);
    expect(check({ storage: { policy: 'setpoint', setpointW: 50 } }).errors).toEqual([]);
    expect(
      check({ ev: { policy: 'setpoint', setpointW: 20 } }, [{ type: 'ev', nominalPowerW: 500 }]).warnings,
    ).toEqual([]);
  });

  it('reports every problem of a command, one per group', () => {
    const errors = errorsOf({
      storage: { policy: 'setpoint', setpointW: 9000 },
      solar: { policy: 'nope' },
      hvac: { policy: 'on' },
    });
    expect(errors).toHaveLength(3);
  });

  it('uses the profile’s vocabulary and setpoint policies (custom profile)', () => {
    const c = customProfile();
    expect(validateCommand(c, DEVICES, { storage: { policy: 'hold', setpointW: -5000 } }).errors).toEqual([]);
    expect(validateCommand(c, DEVICES, { storage: { policy: 'setpoint', setpointW: 1 } }).errors[0]).toMatch(
      /not in the profile's vocabulary \(auto, hold\)/,
    );
  });
});
