import type { GroupChange } from './command-parser';
import { IMPLIED_SETPOINT_POLICY, LOCAL_POLICY, SETPOINT_POLICIES, type Group } from './profile';

/** What live commands currently impose on one group. */
export interface LiveGroup {
  policy: string;
  setpointW?: number;
}

/**
 * Live control is a lease (protocol.md §2): it holds while accepted commands keep arriving and lapses
 * `fallbackTimeoutS` after the last one, when the controller returns to local control.
 */
export interface LiveLease {
  groups: Partial<Record<Group, LiveGroup>>;
  lastCommandAtMs: number;
}

const takesSetpoint = (group: Group, policy: string): boolean =>
  SETPOINT_POLICIES.has(`${group}:${policy}`) || (group === 'solar' && policy === 'feed-in-restriction');

/**
 * Applies an accepted command: named groups change, the others keep their live state, and the lease
 * is renewed. A bare setpoint keeps the group's current setpoint policy or implies the group's default
 * one (storage `setpoint`, solar `curtail`, ev `setpoint`).
 */
export function applyChanges(
  lease: LiveLease | undefined,
  changes: Partial<Record<Group, GroupChange>>,
  nowMs: number,
): LiveLease {
  const groups: Partial<Record<Group, LiveGroup>> = { ...lease?.groups };
  for (const [group, change] of Object.entries(changes) as [Group, GroupChange][]) {
    const prev = groups[group];
    const policy =
      change.policy ??
      (prev !== undefined && takesSetpoint(group, prev.policy) ? prev.policy : undefined) ??
      IMPLIED_SETPOINT_POLICY[group] ??
      prev?.policy ??
      LOCAL_POLICY[group];
    const setpointW = change.setpointW ?? (prev?.policy === policy ? prev.setpointW : undefined);
    groups[group] = {
      policy,
      ...(setpointW !== undefined && takesSetpoint(group, policy) ? { setpointW } : {}),
    };
  }
  return { groups, lastCommandAtMs: nowMs };
}

/** When the lease lapses (Unix ms). */
export function leaseDeadline(lease: LiveLease, fallbackTimeoutS: number): number {
  return lease.lastCommandAtMs + fallbackTimeoutS * 1000;
}
