import type { AssetGroup, GroupCommand, LiveCommand } from '../../domain/control/live-command';
import type { Device } from '../../domain/inventory/installation';
import { ASSET_GROUPS, type ProtocolProfile } from './profile-schema';

/** Errors block the command; warnings need the operator's attention but do not block. */
export interface CommandCheck {
  errors: string[];
  warnings: string[];
}

/** What the inventory says about one group's devices at an installation. */
export interface GroupCapacity {
  present: boolean;
  /** Sum of the devices' nominal powers; null when any device lacks a usable one. */
  limitW: number | null;
  /** Devices without a usable nominal power, and why, for the operator. */
  unrated: string[];
}

/** Below this many watts, a setpoint for a group rated ≥ UNIT_HINT_MIN_RATING_W looks like kW. */
const UNIT_HINT_MAX_W = 50;
const UNIT_HINT_MIN_RATING_W = 1000;
/**
 * A device rated above this is taken as a data error (e.g. mW typed as W at onboarding), not as a
 * licence for any setpoint: its group's limit counts as unknown.
 */
export const MAX_PLAUSIBLE_NOMINAL_W = 10_000_000;

/** The group's devices (by device type) and their summed nominal power. */
export function groupCapacity(devices: readonly Device[], group: AssetGroup): GroupCapacity {
  let limitW = 0;
  const unrated: string[] = [];
  let present = false;
  devices.forEach((d, i) => {
    if (d.type !== group) return;
    present = true;
    const p = d.nominalPowerW;
    const name = `device ${i + 1}${typeof d.model === 'string' ? ` (${d.model})` : ''}`;
    if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0) unrated.push(`${name} has no nominal power`);
    else if (p > MAX_PLAUSIBLE_NOMINAL_W) unrated.push(`${name} has an implausible nominal power of ${p} W`);
    else limitW += p;
  });
  return { present, limitW: present && unrated.length === 0 ? limitW : null, unrated };
}

/**
 * Checks a live command against the profile and the installation's devices before anything is
 * published (reliability-notes §6.2): out-of-range setpoints are rejected, never clamped; a setpoint
 * whose limit cannot be checked (a device without nominal power) is refused too.
 */
export function validateCommand(
  profile: ProtocolProfile,
  devices: readonly Device[],
  command: LiveCommand,
): CommandCheck {
  const check: CommandCheck = { errors: [], warnings: [] };
  for (const key of Object.keys(command)) {
    if (!(ASSET_GROUPS as readonly string[]).includes(key)) {
      check.errors.push(`"${key}" is not an asset group; use ${ASSET_GROUPS.join(', ')}`);
    }
  }
  const named = ASSET_GROUPS.filter((g) => command[g] !== undefined);
  if (named.length === 0) check.errors.push('the command names no asset group; name at least one');
  for (const group of named) {
    const groupCommand = command[group];
    if (groupCommand !== undefined) checkGroup(profile, devices, group, groupCommand, check);
  }
  return check;
}

function checkGroup(
  profile: ProtocolProfile,
  devices: readonly Device[],
  group: AssetGroup,
  { policy, setpointW }: GroupCommand,
  check: CommandCheck,
): void {
  const rules = profile.groups[group];
  const capacity = groupCapacity(devices, group);
  if (!capacity.present) {
    check.errors.push(`${group}: this installation has no ${group} device; remove ${group} from the command`);
    return;
  }
  const known = rules.policies.includes(policy);
  const takesSetpoint = rules.setpointPolicies.includes(policy);
  if (!known) {
    check.errors.push(
      `${group}: policy "${policy}" is not in the profile's vocabulary (${rules.policies.join(', ')})`,
    );
  } else if (takesSetpoint && setpointW === undefined) {
    check.errors.push(`${group}: policy "${policy}" needs a setpoint in W`);
  } else if (!takesSetpoint && setpointW !== undefined) {
    check.errors.push(
      `${group}: policy "${policy}" takes no setpoint; ${setpointHint(rules.setpointPolicies)}`,
    );
  }
  if (setpointW !== undefined && (takesSetpoint || !known)) {
    checkSetpoint(group, setpointW, rules.negativeSetpointAllowed, capacity, check);
  }
}

function checkSetpoint(
  group: AssetGroup,
  w: number,
  negativeAllowed: boolean,
  { limitW, unrated }: GroupCapacity,
  check: CommandCheck,
): void {
  if (typeof w !== 'number' || !Number.isFinite(w)) {
    check.errors.push(`${group}: the setpoint must be a finite number of watts (got ${String(w)})`);
    return;
  }
  if (w < 0 && !negativeAllowed) {
    check.errors.push(`${group}: the setpoint must be ≥ 0 W (got ${w} W)`);
  }
  if (limitW === null) {
    check.errors.push(
      `${group}: cannot check the limit (${unrated.join('; ')}); the setpoint is refused until the inventory has a rating`,
    );
    return;
  }
  if (Math.abs(w) > limitW) {
    const range = negativeAllowed ? `-${limitW}…${limitW} W` : `0…${limitW} W`;
    check.errors.push(
      `${group}: setpoint ${w} W is outside the ${group} rating (${range}); Fleetdesk rejects, never clamps`,
    );
  } else if (w !== 0 && Math.abs(w) < UNIT_HINT_MAX_W && limitW >= UNIT_HINT_MIN_RATING_W) {
    // Rejected, not warned (reliability notes EC-1): a wrong unit is as wrong as a wrong value.
    check.errors.push(
      `${group}: setpoint ${w} W is tiny for a ${limitW} W group; setpoints are in watts: did you mean ${w} kW (${w * 1000} W)?`,
    );
  }
}

const setpointHint = (policies: readonly string[]): string =>
  policies.length === 0
    ? 'remove it (no policy of this group takes one)'
    : `remove it, or choose ${policies.map((p) => `"${p}"`).join(' or ')} to send one`;
