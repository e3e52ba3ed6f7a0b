import type { FleetDelta, FleetRow, HealthView } from '../../../../shared/domain/fleet/fleet-row';
import type { FleetFilter } from '../../../../shared/domain/fleet/saved-filter';
import { HEALTH_SEVERITY } from '../../../../shared/domain/fleet/health-view';
import { matchesEvery, searchTerms, searchTextOf } from '../../lib/search-text';

/** A fleet row with its search text, lower-cased once when the row arrives, never per keystroke. */
export type FleetEntry = FleetRow & { readonly searchText: string };

export type OnboardingView = FleetRow['onboarding'];

/** What the operator narrowed the table to; saved filters store exactly this. */
/** The fleet table's search and filters (the same shape a saved filter keeps, in the settings). */
export type { FleetFilter };

export const EMPTY_FILTER: FleetFilter = {
  search: '',
  onboarding: 'any',
  health: 'any',
  linked: 'any',
  control: 'any',
};

/** Worst first (the core's order): an error needs a look before a controller that went quiet. */
export const HEALTH_RANK: Record<HealthView, number> = HEALTH_SEVERITY;
/** A pending onboarding waits for the operator, so it sorts before a settled one. */
export const ONBOARDING_RANK: Record<OnboardingView, number> = {
  pending: 0,
  linked: 1,
  rejected: 2,
  offboarded: 3,
};

/** Builds the entry for a row: everything free-text search looks at, in one lower-case string. */
export function indexRow(row: FleetRow): FleetEntry {
  const searchText = searchTextOf(
    [row.serial, row.contractNumber, row.customerName, row.address],
    [row.serial, row.contractNumber],
  );
  return { ...row, searchText };
}

/**
 * The rows by serial with a delta's upserts merged in (a new map; the old one is left alone). A
 * reset delta (after a restore) carries the whole fleet, so it replaces the rows instead.
 */
export function applyDelta(
  rows: ReadonlyMap<string, FleetEntry>,
  delta: Pick<FleetDelta, 'upserts' | 'reset'>,
): Map<string, FleetEntry> {
  const next = delta.reset ? new Map<string, FleetEntry>() : new Map(rows);
  for (const row of delta.upserts) next.set(row.serial, indexRow(row));
  return next;
}

/** Offboarded and rejected installations are no longer the operator's to watch. */
const settled = (row: FleetRow): number =>
  row.onboarding === 'offboarded' || row.onboarding === 'rejected' ? 1 : 0;

/**
 * The default order: installations still in service first (an offboarded one's last error would
 * otherwise stay on top for ever), then health worst first, then pending before linked, then by serial.
 */
export function compareWorstFirst(a: FleetRow, b: FleetRow): number {
  return (
    settled(a) - settled(b) ||
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
    ONBOARDING_RANK[a.onboarding] - ONBOARDING_RANK[b.onboarding] ||
    (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0)
  );
}

/**
 * The test a filter puts each entry to, built once per filter (the search split into terms here,
 * not per row). Every whitespace-separated search term must appear somewhere in the row ("gent
 * 1042" finds a Ghent address with 1042 in its serial). Linked means a contract is linked now (the
 * row names one).
 */
export function fleetFilterPredicate(filter: FleetFilter): (entry: FleetEntry) => boolean {
  const terms = searchTerms(filter.search);
  return (e) =>
    (filter.onboarding === 'any' || e.onboarding === filter.onboarding) &&
    (filter.health === 'any' || e.health === filter.health) &&
    (filter.linked === 'any' || (filter.linked === 'linked') === (e.contractNumber !== null)) &&
    matchesControl(filter.control, e) &&
    matchesEvery(e.searchText, terms);
}

/** Held and in fallback at once when one group is held and another lapsed; local when neither. */
function matchesControl(control: FleetFilter['control'], e: FleetEntry): boolean {
  const fallback = e.fallbackSince !== null;
  if (control === 'held') return e.underControl;
  if (control === 'fallback') return fallback;
  return control === 'any' || (!e.underControl && !fallback);
}

/** The entries a filter keeps, in the order given. */
export function filterEntries(entries: readonly FleetEntry[], filter: FleetFilter): FleetEntry[] {
  return entries.filter(fleetFilterPredicate(filter));
}

/** True when the filter narrows nothing. */
export function isEmptyFilter(filter: FleetFilter): boolean {
  return (
    filter.search.trim() === '' &&
    filter.onboarding === 'any' &&
    filter.health === 'any' &&
    filter.linked === 'any' &&
    filter.control === 'any'
  );
}

/** True when both filters keep the same rows: the same search (spaces around it aside) and filters. */
export function sameFilter(a: FleetFilter, b: FleetFilter): boolean {
  return (
    a.search.trim() === b.search.trim() &&
    a.onboarding === b.onboarding &&
    a.health === b.health &&
    a.linked === b.linked &&
    a.control === b.control
  );
}
