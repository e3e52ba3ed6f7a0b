import type { FleetCounters, FleetRow } from '../../../shared/domain/fleet/fleet-row';
import { formatAddress } from '../../../shared/domain/fleet/format-address';
import { healthView, overdueSignals } from '../../../shared/domain/fleet/health-view';
import type { Installation } from '../../../shared/domain/inventory/installation';
import type { Inventory } from '../inventory/inventory';

export type RowContext = {
  inventory: Inventory;
  /** Wall-clock time: for what the row shows and for signals without an elapsed-time measure. */
  now: number;
  /** How long ago the health call stamped `at` arrived (elapsed time when known; see ReceivedMarks). */
  healthSilentMs: (serial: string, at: number) => number;
  /** Expected time between health calls. */
  periodMs: (serial: string) => number;
  /** The learned cadence of an installation's MQTT feedback; undefined until known. */
  feedbackPeriodMs: (serial: string) => number | undefined;
  /** Since when the broker link is up; undefined while it is not. */
  linkUpSince: number | undefined;
  stalePeriods: number;
  /** The latest MQTT feedback, when the broker link has any. */
  live: (
    serial: string,
  ) =>
    | { at: number; values: { storageW: number | null; solarW: number | null; socPct: number | null } }
    | undefined;
  /** Which command of ours its controller follows, if any (see FleetRow `control`). */
  control: (serial: string) => FleetControl | undefined;
};

/** The fleet table's line for one installation. */
export function fleetRow(installation: Installation, ctx: RowContext): FleetRow {
  const link = ctx.inventory.activeLink(installation.serial);
  const contract = link ? ctx.inventory.getContract(link.contractNumber) : undefined;
  const reading = ctx.live(installation.serial);
  const seen = [...Object.values(installation.lastSeen), reading?.at].filter(
    (t): t is number => typeof t === 'number',
  );
  const firstError = installation.health.errors[0];
  const lastHealth = installation.lastSeen.health;
  const overdue = overdueSignals(installation, ctx.now, {
    healthPeriodMs: ctx.periodMs(installation.serial),
    stalePeriods: ctx.stalePeriods,
    healthSilentMs:
      lastHealth === undefined ? undefined : ctx.healthSilentMs(installation.serial, lastHealth),
    mqtt: feedbackExpectation(installation, reading?.at, ctx),
  });
  return {
    serial: installation.serial,
    contractNumber: link?.contractNumber ?? null,
    customerName: contract?.customerName ?? null,
    address: formatAddress(installation.address),
    onboarding: installation.onboarding.state,
    health: healthView(overdue, installation),
    overdue,
    errorCount: installation.health.errors.length,
    firstError: firstError ? (firstError.message ?? firstError.code ?? 'error') : null,
    lastSeenAt: seen.length > 0 ? Math.max(...seen) : null,
    firstSeenAt: installation.firstSeenAt,
    storageW: reading?.values.storageW ?? null,
    solarW: reading?.values.solarW ?? null,
    socPct: reading?.values.socPct ?? null,
    ...controlOf(ctx.control(installation.serial)),
    fallbackSince: earliest(installation.fallbackSince, ctx.now),
  };
}

/** What the Control column shows of one installation: how our command holds it, and until when. */
export type FleetControl = { control: Exclude<FleetRow['control'], 'local'>; localBy: number | null };

function controlOf(c: FleetControl | undefined): Pick<FleetRow, 'underControl' | 'control' | 'localBy'> {
  if (c === undefined) return { underControl: false, control: 'local', localBy: null };
  return { underControl: true, control: c.control, localBy: c.localBy };
}

/**
 * A lapse journaled ahead of time (restart recovery knows when the controller will fall back) is
 * not a fallback yet: until then its lease shows as releasing, and the row is rebuilt when it ends.
 */
function earliest(since: Installation['fallbackSince'], now: number): number | null {
  const times = Object.values(since ?? {}).filter((at) => at <= now);
  return times.length === 0 ? null : Math.min(...times);
}

/** MQTT feedback is expected once its cadence is learned, and only while the link is up. */
function feedbackExpectation(installation: Installation, readingAt: number | undefined, ctx: RowContext) {
  const periodMs = ctx.feedbackPeriodMs(installation.serial);
  // The durable mark (coalesced, survives a restart) or the latest reading, whichever is newer.
  const lastAt = Math.max(readingAt ?? 0, installation.lastSeen.mqtt ?? 0);
  if (ctx.linkUpSince === undefined || periodMs === undefined || lastAt === 0) return undefined;
  return { lastAt, periodMs, linkUpSince: ctx.linkUpSince };
}

/** The counters above the fleet table. */
export function fleetCounters(rows: Iterable<FleetRow>): FleetCounters {
  const c = emptyCounters();
  for (const row of rows) countRow(c, row, 1);
  return c;
}

export function emptyCounters(): FleetCounters {
  return {
    installations: 0,
    linked: 0,
    pending: 0,
    offboarded: 0,
    unhealthy: 0,
    stale: 0,
    unlinked: 0,
    underControl: 0,
    inFallback: 0,
  };
}

/** Adds (`sign` 1) or takes away (-1) one row's part of the counters, so they follow row changes. */
export function countRow(c: FleetCounters, row: FleetRow, sign: 1 | -1): void {
  c.installations += sign;
  if (row.onboarding === 'linked') c.linked += sign;
  if (row.onboarding === 'pending') c.pending += sign;
  if (row.onboarding === 'offboarded') c.offboarded += sign;
  // A controller that left reports nothing anyone acts on: its last health stays on its row only.
  if (row.onboarding !== 'offboarded' && (row.health === 'error' || row.health === 'warning'))
    c.unhealthy += sign;
  if (row.health === 'stale') c.stale += sign;
  if (row.contractNumber === null && row.onboarding !== 'offboarded') c.unlinked += sign;
  if (row.underControl) c.underControl += sign;
  if (row.fallbackSince !== null) c.inFallback += sign;
}

/** True when two rows show the same (every field is a primitive, so field by field is exact). */
export function sameRow(a: FleetRow, b: FleetRow | undefined): boolean {
  if (b === undefined) return false;
  for (const key of Object.keys(a) as Array<keyof FleetRow>) if (a[key] !== b[key]) return false;
  return true;
}
