import type { Installation } from '../inventory/installation';
import type { HealthView, OverdueSignals } from './fleet-row';

/** What an installation is expected to send, and how often: the basis of `stale`. */
export type SignalExpectations = {
  /** Expected time between health calls (learned per installation, or the Settings period). */
  healthPeriodMs: number;
  /** Missed expected periods before a signal counts as stopped. */
  stalePeriods: number;
  /**
   * How long the health calls have been silent, when the caller measured it in elapsed time (the
   * core does for calls received in this run). Absent: `now - lastSeen.health` on the wall clock,
   * which a clock set back or forward makes wrong by the size of the jump.
   */
  healthSilentMs?: number | undefined;
  /**
   * MQTT feedback: when it was last heard, its learned cadence, and since when the broker link
   * is up. Absent while the link is down (the silence is then ours, not the controller's) and
   * until the cadence is known (a controller that never sent feedback is not judged on it).
   */
  mqtt?: { lastAt: number; periodMs: number; linkUpSince: number } | undefined;
};

/**
 * The signals that stopped coming: health calls after `stalePeriods` expected periods without
 * one, MQTT feedback likewise (counted from when the link came up, if later). Offboarded and
 * rejected installations are not expected to send anything.
 */
export function overdueSignals(
  installation: Installation,
  now: number,
  expect: SignalExpectations,
): OverdueSignals {
  const watched = installation.onboarding.state === 'linked' || installation.onboarding.state === 'pending';
  if (!watched) return null;
  const lastHealth = installation.lastSeen.health;
  const healthSilent = lastHealth === undefined ? undefined : (expect.healthSilentMs ?? now - lastHealth);
  const health = healthSilent !== undefined && healthSilent > expect.healthPeriodMs * expect.stalePeriods;
  const { mqtt } = expect;
  const feedback =
    mqtt !== undefined && now - Math.max(mqtt.lastAt, mqtt.linkUpSince) > mqtt.periodMs * expect.stalePeriods;
  if (health && feedback) return 'both';
  return health ? 'health' : feedback ? 'mqtt' : null;
}

/**
 * Health as the operator should read it: the last reported status, unless an expected signal
 * stopped coming (health calls or MQTT feedback), then `stale`.
 */
export function healthView(overdue: OverdueSignals, installation: Installation): HealthView {
  return overdue === null ? installation.health.status : 'stale';
}

/** Worst first: the order the fleet table sorts by default (VRM puts alarms on top). */
export const HEALTH_SEVERITY: Record<HealthView, number> = {
  error: 0,
  stale: 1,
  warning: 2,
  unknown: 3,
  ok: 4,
};
