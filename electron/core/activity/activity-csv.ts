import Papa from 'papaparse';
import { categoryOf, ENTRY_TYPES } from '../../../shared/domain/activity/categories';
import type { ActivityIndex } from './activity-index';
import { SAFE_CSV_OPTIONS } from '../../../shared/domain/csv/safe-csv';

export const ACTIVITY_COLUMNS = ['seq', 'time', 'category', 'type', 'actor', 'serial', 'summary'] as const;

/** papaparse quotes commas, quotes and line breaks (RFC 4180); SAFE_CSV_OPTIONS keeps formulas inert. */
const OPTIONS: Papa.UnparseConfig = {
  ...SAFE_CSV_OPTIONS,
  header: true,
  columns: [...ACTIVITY_COLUMNS],
};

/**
 * The entries at `positions` (index order as given, newest first) as CSV, with a header row
 * when `header` (then even with no rows); no line break after the last row.
 */
export function activityCsv(index: ActivityIndex, positions: readonly number[], header: boolean): string {
  const rows = positions.map((p) => {
    const type = ENTRY_TYPES[index.type[p] ?? 0] ?? 'callback.onboarding';
    const serial = index.serial[p] ?? -1;
    // Several installations (a bulk send refused for many): all of them, space-separated.
    const serials = serial >= 0 ? [serial] : (index.serialsAt(p) ?? []);
    return {
      seq: index.seq[p] ?? 0,
      time: new Date(index.at[p] ?? 0).toISOString(),
      category: categoryOf(type),
      type,
      actor: index.actorNames[index.actor[p] ?? 0] ?? '',
      serial: serials.map((id) => index.serialNames[id] ?? '').join(' '),
      summary: index.summaryAt(p),
    };
  });
  if (rows.length === 0)
    return header ? Papa.unparse({ fields: [...ACTIVITY_COLUMNS], data: [] }, OPTIONS) : '';
  return Papa.unparse(rows, { ...OPTIONS, header });
}

/** The header row alone, without a line break after it. */
export function activityCsvHeader(): string {
  return Papa.unparse([[...ACTIVITY_COLUMNS]], { ...OPTIONS, header: false, columns: undefined });
}
