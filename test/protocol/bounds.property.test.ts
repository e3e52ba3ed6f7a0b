import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssetGroup, GroupCommand, LiveCommand } from '../../shared/domain/control/live-command';
import type { Device } from '../../shared/domain/inventory/installation';
import { ASSET_GROUPS, DEFAULT_PROFILE as P, validateCommand } from '../../shared/protocol/profile';

/**
 * EC-1 (reliability-notes §6.3): bounds before publish. Random devices and commands; an oracle written
 * here, independently of validate-command.ts, says what is in bounds. Any command validateCommand
 * passes must be in bounds, and a non-finite or out-of-range setpoint must always be an error.
 */
const RUNS = 10_000;

// Weighted towards plausible data, so the "no errors" branch is reached often (checked below).
const nominal = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 20_000 }), weight: 8 },
  { arbitrary: fc.constantFrom(undefined, 0, -1000, Number.NaN, Infinity, -Infinity, 1e12), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
);
const device: fc.Arbitrary<Device> = fc
  .record({
    type: fc.oneof(
      { arbitrary: fc.constantFrom('storage', 'solar', 'ev', 'hvac'), weight: 4 },
      { arbitrary: fc.constantFrom('meter', 'relay'), weight: 1 },
    ),
    nominalPowerW: nominal,
  })
  .map(({ type, nominalPowerW }) => (nominalPowerW === undefined ? { type } : { type, nominalPowerW }));

const siteDevices = fc.array(device, { minLength: 0, maxLength: 5 });

const setpoint = fc.oneof(
  { arbitrary: fc.integer({ min: -12_000, max: 12_000 }), weight: 6 },
  { arbitrary: fc.double(), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      Number.NaN,
      Infinity,
      -Infinity,
      -0,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
    ),
    weight: 2,
  },
);
const groupCommand = (group: AssetGroup): fc.Arbitrary<GroupCommand> =>
  fc
    .record({
      policy: fc.oneof(
        { arbitrary: fc.constantFrom(...P.groups[group].policies), weight: 5 },
        // Setpoint policies more often: they are what the bounds are about.
        {
          arbitrary: fc.constantFrom(...P.groups[group].setpointPolicies, ...P.groups[group].policies),
          weight: 4,
        },
        { arbitrary: fc.constantFrom('boost', 'Setpoint', ''), weight: 1 },
      ),
      withSetpoint: fc.integer({ min: 0, max: 9 }),
      setpointW: setpoint,
    })
    .map(({ policy, withSetpoint, setpointW }) => {
      // Usually a setpoint exactly when the policy takes one; sometimes the other way round.
      const takes = P.groups[group].setpointPolicies.includes(policy);
      return takes === withSetpoint > 0 ? { policy, setpointW } : { policy };
    });
const command: fc.Arbitrary<LiveCommand> = fc
  .subarray([...ASSET_GROUPS], { minLength: 0, maxLength: 2 })
  .chain((groups) => fc.tuple(...groups.map((g) => groupCommand(g).map((c) => [g, c] as const))))
  .map((entries) => Object.fromEntries(entries) as LiveCommand);

/** The oracle: the group's rating, or null when any of its devices lacks a usable one, or it has none. */
function rating(devices: Device[], group: AssetGroup): number | null {
  const mine = devices.filter((d) => d.type === group);
  if (mine.length === 0) return null;
  const usable = (w: unknown) => typeof w === 'number' && w > 0 && w <= 10_000_000;
  if (!mine.every((d) => usable(d.nominalPowerW))) return null;
  return mine.reduce((sum, d) => sum + (d.nominalPowerW ?? 0), 0);
}

function setpointInBounds(devices: Device[], group: AssetGroup, w: number): boolean {
  const limit = rating(devices, group);
  if (limit === null || !Number.isFinite(w)) return false;
  return group === 'storage' ? Math.abs(w) <= limit : w >= 0 && w <= limit;
}

describe('EC-1: bounds before publish (property, fast-check)', () => {
  it(`every non-finite or out-of-range setpoint is an error (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(siteDevices, command, (devices, cmd) => {
        const bad = ASSET_GROUPS.some((g) => {
          const w = cmd[g]?.setpointW;
          return w !== undefined && !setpointInBounds(devices, g, w);
        });
        if (bad) expect(validateCommand(P, devices, cmd).errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it(`a command without errors is fully in bounds (${RUNS} runs)`, () => {
    let passed = 0;
    let withSetpoint = 0;
    fc.assert(
      fc.property(siteDevices, command, (devices, cmd) => {
        if (validateCommand(P, devices, cmd).errors.length > 0) return;
        passed += 1;
        if (ASSET_GROUPS.some((g) => cmd[g]?.setpointW !== undefined)) withSetpoint += 1;
        const named = ASSET_GROUPS.filter((g) => cmd[g] !== undefined);
        expect(named.length).toBeGreaterThan(0);
        for (const g of named) {
          const { policy, setpointW } = cmd[g] as GroupCommand;
          expect(P.groups[g].policies).toContain(policy);
          expect(devices.some((d) => d.type === g)).toBe(true);
          expect(setpointW !== undefined).toBe(P.groups[g].setpointPolicies.includes(policy));
          if (setpointW !== undefined) expect(setpointInBounds(devices, g, setpointW)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // Guard against a vacuous property: the generators must reach accepted commands with setpoints.
    expect(passed).toBeGreaterThan(RUNS / 20);
    expect(withSetpoint).toBeGreaterThan(RUNS / 200);
  });

  it('never rejects a well-formed command within the rating (no false alarms)', () => {
    const rated = fc.record({
      storage: fc.integer({ min: 1000, max: 20_000 }),
      solar: fc.integer({ min: 1000, max: 20_000 }),
    });
    fc.assert(
      fc.property(
        rated,
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, a, b) => {
          const devices: Device[] = [
            { type: 'storage', nominalPowerW: r.storage },
            { type: 'solar', nominalPowerW: r.solar },
          ];
          // A few watts on a kW-rated group reads as a unit slip and is refused by design.
          const plausible = (w: number) => (Math.abs(w) < 50 ? 0 : w);
          const cmd: LiveCommand = {
            storage: { policy: 'setpoint', setpointW: plausible(Math.round(a * r.storage)) },
            solar: { policy: 'curtail', setpointW: plausible(Math.round(b * r.solar)) },
          };
          expect(validateCommand(P, devices, cmd).errors).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
