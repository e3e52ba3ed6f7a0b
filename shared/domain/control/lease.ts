/**
 * Lease arithmetic (protocol.md §2): a controller returns to local control when no command arrives
 * within its fallback timeout, so holding control means re-sending inside it. All times are ms.
 */

/** Pacing floor: never more than one command a second to one controller (protocol.md §2). */
export const MIN_REFRESH_MS = 1000;

/** Longest a command may stay valid beyond its refresh period (bounds how late it may still apply). */
export const MAX_VALIDITY_MARGIN_MS = 5000;

/** Where the fallback timeout comes from: what the operator set wins over what onboarding reported. */
export type FallbackSource = 'operator' | 'onboarding';

/**
 * The fallback timeout to plan with, or an explanation when none is known: without it we cannot
 * say when a lease lapses, so control is refused rather than guessed.
 */
export function fallbackSeconds(
  operator: number | null | undefined,
  onboarding: number | null | undefined,
): { ok: true; seconds: number; source: FallbackSource } | { ok: false; reason: string } {
  const usable = (v: number | null | undefined): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (usable(operator)) return { ok: true, seconds: operator, source: 'operator' };
  if (usable(onboarding)) return { ok: true, seconds: onboarding, source: 'onboarding' };
  return {
    ok: false,
    reason:
      'the fallback timeout is unknown (onboarding did not report it); set it for this installation first',
  };
}

/**
 * How often a held command is re-sent: a third of the fallback timeout (SMA's 1:3 ratio), but never
 * more than once a second, whatever a misconfigured timeout says.
 */
export function refreshEveryMs(fallbackS: number): number {
  return Math.max(MIN_REFRESH_MS, Math.floor((fallbackS * 1000) / 3));
}

/**
 * When control lapses if nothing more is delivered. `lastDeliveredAt` is when the last command that
 * the broker acked was *published*: earlier than when the controller applied it, so the time shown
 * errs on the early (safe) side.
 */
export function lapsesAt(lastDeliveredAt: number, fallbackS: number): number {
  return lastDeliveredAt + fallbackS * 1000;
}

/**
 * The `validUntil` of a command published at `now`: one refresh period plus a margin of at most
 * another period (and at most 5 s). So a delayed copy can never apply after the next refresh was
 * due twice over; the controller drops it and the lease runs on the fresh copy, or lapses safely.
 * Rounded up to a whole second, because the wire carries whole seconds (floored by the encoder).
 */
export function validUntilFor(now: number, fallbackS: number): number {
  const period = refreshEveryMs(fallbackS);
  const margin = Math.min(period, MAX_VALIDITY_MARGIN_MS);
  return Math.ceil((now + period + margin) / 1000) * 1000;
}

/** MQTT 5 message expiry for a command valid until `validUntil`: the broker drops it after that. */
export function expirySeconds(now: number, validUntil: number): number {
  return Math.max(1, Math.ceil((validUntil - now) / 1000));
}

/** What the UI shows per lease. */
export type LeaseView = {
  serial: string;
  groups: string[];
  commandIds: string[];
  held: boolean;
  fallbackS: number;
  refreshEveryMs: number;
  /** Null until the broker acked a first publish: nothing is in force yet. */
  lastDeliveredAt: number | null;
  lapsesAt: number | null;
  refreshes: number;
  refused: number;
};

/** Leases that lapse to local control while the link is down, soonest first (the banner's list). */
export function atRisk(
  leases: readonly LeaseView[],
  now: number,
): Array<LeaseView & { lapsesAt: number; inMs: number }> {
  return leases
    .flatMap((l) => (l.held && l.lapsesAt !== null ? [{ ...l, lapsesAt: l.lapsesAt }] : []))
    .map((l) => ({ ...l, inMs: Math.max(0, l.lapsesAt - now) }))
    .sort((a, b) => a.lapsesAt - b.lapsesAt);
}
