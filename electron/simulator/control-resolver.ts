import type { LiveLease } from './live-control';
import type { PhysicsControl } from './physics';
import { LOCAL_POLICY, type Group } from './profile';
import type { ScheduleEntry } from './schedule-entry';
import type { ModelSpec } from './spec';

/** Who decides a group's behaviour right now. */
export type ControlSource = 'live' | 'schedule' | 'local';

export interface ResolvedGroup {
  policy: string;
  setpointW?: number;
  source: ControlSource;
  scheduleId?: number;
}

export interface ResolvedControl {
  groups: Partial<Record<Group, ResolvedGroup>>;
  importLimitW?: number;
  exportLimitW?: number;
}

/**
 * Decides each group's policy. Precedence, per group: a live command under an unexpired lease, then
 * the active schedule window for that device type, then local self-consumption. Live control wins
 * because it is the operator acting now; a schedule is the plan made earlier. Site import/export limits
 * come from active schedule windows only (the tightest one applies) and stay in force under live control,
 * since they model the connection contract rather than a control choice.
 */
export function resolveControl(
  spec: ModelSpec,
  lease: LiveLease | undefined,
  active: Partial<Record<Group, ScheduleEntry>>,
): ResolvedControl {
  const groups: Partial<Record<Group, ResolvedGroup>> = {};
  const present: Group[] = ['storage', 'solar'];
  if (spec.ev !== undefined) present.push('ev');
  if (spec.hvac !== undefined) present.push('hvac');
  for (const group of present) {
    const live = lease?.groups[group];
    const scheduled = active[group];
    if (live !== undefined) {
      groups[group] = { ...live, source: 'live' };
    } else if (scheduled !== undefined) {
      groups[group] = {
        policy: scheduled.policy,
        ...(scheduled.setpointW !== undefined ? { setpointW: scheduled.setpointW } : {}),
        source: 'schedule',
        scheduleId: scheduled.id,
      };
    } else {
      groups[group] = { policy: LOCAL_POLICY[group], source: 'local' };
    }
  }
  const windows = Object.values(active);
  const importLimitW = minOf(windows.map((w) => w.siteImportW));
  const exportLimitW = minOf(windows.map((w) => w.siteExportW));
  return {
    groups,
    ...(importLimitW !== undefined ? { importLimitW } : {}),
    ...(exportLimitW !== undefined ? { exportLimitW } : {}),
  };
}

function minOf(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : Math.min(...defined);
}

/** Narrows the resolved control to what the physics needs; policies were validated on the way in. */
export function toPhysicsControl(resolved: ResolvedControl): PhysicsControl {
  const g = resolved.groups;
  const pick = <P extends string>(
    r: ResolvedGroup | undefined,
  ): { policy: P; setpointW?: number } | undefined =>
    r === undefined
      ? undefined
      : { policy: r.policy as P, ...(r.setpointW !== undefined ? { setpointW: r.setpointW } : {}) };
  const storage = pick<PhysicsControl['storage']['policy']>(g.storage) ?? { policy: 'self-consumption' };
  const solar = pick<PhysicsControl['solar']['policy']>(g.solar) ?? { policy: 'unrestricted' };
  const ev = pick<NonNullable<PhysicsControl['ev']>['policy']>(g.ev);
  const hvac =
    g.hvac === undefined
      ? undefined
      : { policy: g.hvac.policy as NonNullable<PhysicsControl['hvac']>['policy'] };
  return {
    storage,
    solar,
    ...(ev !== undefined ? { ev } : {}),
    ...(hvac !== undefined ? { hvac } : {}),
    ...(resolved.importLimitW !== undefined ? { importLimitW: resolved.importLimitW } : {}),
    ...(resolved.exportLimitW !== undefined ? { exportLimitW: resolved.exportLimitW } : {}),
  };
}
