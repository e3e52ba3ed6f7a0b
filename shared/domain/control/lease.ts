import type { EndStateName } from './lifecycle';

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
      'the fallback timeout is unknown (onboarding did not report it); set it on the installation page (Identity → Fallback timeout)',
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

/**
 * Until when a controller whose lease just ended (its last command released, expired, rejected or
 * not delivered) still follows our last delivered command: nothing tells it to stop (the protocol
 * has no release message), so it keeps it until its fallback timeout runs out. Null when it follows
 * nothing of ours: nothing was ever delivered, the first command was refused, or its external
 * signal was removed (offboarding, protocol.md §4: it is on local control at once). A release with
 * nothing acked yet may have a publish in flight: counted from now (errs late, the safe side here).
 */
export function stillFollowsUntil(input: {
  ending: EndStateName;
  lastDeliveredAt: number | undefined;
  refreshes: number;
  fallbackS: number;
  now: number;
  /** The lease ended because the controller was offboarded: it no longer listens to our signal. */
  signalRemoved?: boolean;
}): number | null {
  const { ending, lastDeliveredAt, refreshes, fallbackS, now } = input;
  if (input.signalRemoved === true) return null;
  if (ending === 'lapsed' || ending === 'superseded') return null;
  // Refused on its first delivery: the controller never took it (a refused refresh leaves the last one).
  if (ending === 'rejected' && refreshes === 0) return null;
  if (lastDeliveredAt !== undefined) return lapsesAt(lastDeliveredAt, fallbackS);
  return ending === 'released' ? lapsesAt(now, fallbackS) : null;
}

/** MQTT 5 message expiry for a command valid until `validUntil`: the broker drops it after that. */
export function expirySeconds(now: number, validUntil: number): number {
  return Math.max(1, Math.ceil((validUntil - now) / 1000));
}

/**
 * Why the controller follows our command: `held` (refreshed until released), `unheld` (in force, sent
 * without holding: never refreshed) or `releasing` (released or dropped, so no longer refreshed, but
 * the controller keeps the last command until its fallback timeout runs out). Only `held` is
 * refreshed; the other two return to local control at `lapsesAt` by design.
 */
export type LeaseStatus = 'held' | 'unheld' | 'releasing';

/** What the UI shows per lease. */
export type LeaseView = {
  serial: string;
  groups: string[];
  commandIds: string[];
  held: boolean;
  status: LeaseStatus;
  fallbackS: number;
  refreshEveryMs: number;
  /** Null until the broker acked a first publish: nothing is in force yet. */
  lastDeliveredAt: number | null;
  lapsesAt: number | null;
  refreshes: number;
  refused: number;
};

/**
 * When a controller that is no longer refreshed returns to local control: null while held (the
 * refresh keeps moving it) or before a first delivery. Shown as "returns to local control by …".
 */
export function localControlBy(view: Pick<LeaseView, 'status' | 'lapsesAt'>): number | null {
  return view.status === 'held' ? null : view.lapsesAt;
}

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
