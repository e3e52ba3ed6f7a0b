import Papa from 'papaparse';
import type { FleetRow } from '../../../../shared/domain/fleet/fleet-row';
import { SAFE_CSV_OPTIONS } from '../../../../shared/domain/csv/safe-csv';

/** Columns of the "current view" export, in the order a spreadsheet shows them. */
const FIELDS = [
  'serial',
  'contractNumber',
  'customerName',
  'address',
  'onboarding',
  'health',
  'firstError',
  'lastSeenAt',
  'storageW',
  'solarW',
  'socPct',
  'underControl',
  'fallbackSince',
] as const;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/**
 * The rows the operator is looking at, in the order shown, as CSV. Built here rather than by the
 * core because only the UI knows the current search, filters and sort. SAFE_CSV_OPTIONS keeps a
 * spreadsheet from running a name or address that starts like a formula (they come from the field).
 */
export function fleetViewCsv(rows: readonly FleetRow[]): string {
  const data = rows.map((r) => [
    r.serial,
    r.contractNumber ?? '',
    r.customerName ?? '',
    r.address,
    r.onboarding,
    r.health,
    r.firstError ?? '',
    iso(r.lastSeenAt),
    r.storageW ?? '',
    r.solarW ?? '',
    r.socPct ?? '',
    r.underControl ? 'yes' : 'no',
    iso(r.fallbackSince),
  ]);
  return Papa.unparse({ fields: [...FIELDS], data }, SAFE_CSV_OPTIONS);
}
