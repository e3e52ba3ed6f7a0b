import type { Installation } from '../inventory/installation';
import type { HealthView } from './fleet-row';

/**
 * Health as the operator should read it: the last reported status, unless reports stopped coming,
 * then `stale` (after `stalePeriods` expected periods without a health call). Offboarded and
 * rejected installations are not expected to report, so they never turn stale.
 */
export function healthView(
  installation: Installation,
  now: number,
  expectedPeriodMs: number,
  stalePeriods: number,
): HealthView {
  const last = installation.lastSeen.health;
  const watched = installation.onboarding.state === 'linked' || installation.onboarding.state === 'pending';
  if (watched && last !== undefined && now - last > expectedPeriodMs * stalePeriods) return 'stale';
  return installation.health.status;
}

/** Worst first: the order the fleet table sorts by default (VRM puts alarms on top). */
export const HEALTH_SEVERITY: Record<HealthView, number> = {
  error: 0,
  stale: 1,
  warning: 2,
  unknown: 3,
  ok: 4,
};
