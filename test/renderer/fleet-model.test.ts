import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fleetViewCsv } from '../../renderer/src/features/fleet/fleet-csv';
import {
  applyDelta,
  compareWorstFirst,
  EMPTY_FILTER,
  filterEntries,
  fleetFilterPredicate,
  indexRow,
  isEmptyFilter,
} from '../../renderer/src/features/fleet/fleet-model';
import { readLegacySavedFilters, withSavedFilter } from '../../renderer/src/features/fleet/saved-filters';
import { fleetRow, manyRows } from './fixtures';

const entries = (n: number) => manyRows(n).map(indexRow).sort(compareWorstFirst);

describe('fleet model', () => {
  it('indexes serial, contract, customer and address once, lower-cased', () => {
    const entry = indexRow(
      fleetRow({ serial: 'SG1-AbC', contractNumber: 'C-9', customerName: 'Ada', address: 'Gent' }),
    );
    expect(entry.searchText).toContain('sg1-abc');
    expect(entry.searchText).toContain('ada');
    expect(filterEntries([entry], { ...EMPTY_FILTER, search: 'ADA gent' })).toHaveLength(1);
    expect(filterEntries([entry], { ...EMPTY_FILTER, search: 'ada brugge' })).toHaveLength(0);
  });

  it('finds serials and contract numbers typed without their punctuation', () => {
    const entry = indexRow(
      fleetRow({ serial: 'SG1-000123', contractNumber: 'C-2024-0104', customerName: 'Ada', address: 'Gent' }),
    );
    const found = (search: string) => filterEntries([entry], { ...EMPTY_FILTER, search }).length === 1;
    expect(found('c20240104')).toBe(true);
    expect(found('C2024-0104')).toBe(true);
    expect(found('sg1000123')).toBe(true);
    expect(found('c20240105')).toBe(false);
    expect(found('c20240104 gent')).toBe(true);
  });

  it('orders error > stale > warning > unknown > ok, pending before linked', () => {
    const order = (['ok', 'unknown', 'warning', 'stale', 'error'] as const).flatMap((health) => [
      fleetRow({ serial: `${health}-linked`, health }),
      fleetRow({ serial: `${health}-pending`, health, onboarding: 'pending' }),
    ]);
    expect(order.sort(compareWorstFirst).map((r) => r.serial)).toEqual([
      'error-pending',
      'error-linked',
      'stale-pending',
      'stale-linked',
      'warning-pending',
      'warning-linked',
      'unknown-pending',
      'unknown-linked',
      'ok-pending',
      'ok-linked',
    ]);
  });

  it('puts offboarded and rejected installations after those in service, whatever their last health', () => {
    const rows = [
      fleetRow({ serial: 'gone', health: 'error', onboarding: 'offboarded' }),
      fleetRow({ serial: 'refused', health: 'error', onboarding: 'rejected' }),
      fleetRow({ serial: 'fine', health: 'ok' }),
      fleetRow({ serial: 'quiet', health: 'stale' }),
    ];
    expect(rows.sort(compareWorstFirst).map((r) => r.serial)).toEqual(['quiet', 'fine', 'refused', 'gone']);
  });

  it('finds words typed without their accents, and with them', () => {
    const entry = indexRow(
      fleetRow({ customerName: 'Zoë Dubois', address: 'Rue de l’Église 4, 4000 Liège' }),
    );
    const found = (search: string) => filterEntries([entry], { ...EMPTY_FILTER, search }).length === 1;
    expect(found('liege')).toBe(true);
    expect(found('LIÈGE eglise')).toBe(true);
    expect(found('zoe')).toBe(true);
    expect(found('namur')).toBe(false);
  });

  it('merges upserts by serial, and a reset replaces the rows', () => {
    const rows = new Map(manyRows(3).map((r) => [r.serial, indexRow(r)]));
    const merged = applyDelta(rows, { upserts: [fleetRow({ serial: 'SG1-00001', health: 'error' })] });
    expect(merged.size).toBe(3);
    expect(merged.get('SG1-00001')?.health).toBe('error');
    expect(rows.get('SG1-00001')?.health).toBe('ok'); // the old map is left alone
    const reset = applyDelta(rows, { upserts: [fleetRow({ serial: 'X' })], reset: true });
    expect([...reset.keys()]).toEqual(['X']);
  });
});

describe('fleet filter predicate', () => {
  const row = indexRow(
    fleetRow({
      serial: 'SG1-01042',
      contractNumber: null,
      customerName: null,
      address: 'Veldstraat 3, Gent',
      onboarding: 'pending',
      health: 'warning',
    }),
  );

  it('needs every search term somewhere in serial, contract, customer or address, whatever the case', () => {
    expect(fleetFilterPredicate({ ...EMPTY_FILTER, search: '  GENT   1042 ' })(row)).toBe(true);
    expect(fleetFilterPredicate({ ...EMPTY_FILTER, search: 'gent 1043' })(row)).toBe(false);
    // Terms do not match across the boundary between two fields.
    expect(fleetFilterPredicate({ ...EMPTY_FILTER, search: '01042veld' })(row)).toBe(false);
    expect(fleetFilterPredicate(EMPTY_FILTER)(row)).toBe(true);
  });

  it('applies the onboarding, health and linked filters together with the search', () => {
    const keeps = (filter: Partial<typeof EMPTY_FILTER>) =>
      fleetFilterPredicate({ ...EMPTY_FILTER, ...filter })(row);
    expect(keeps({ onboarding: 'pending', health: 'warning', linked: 'unlinked', search: 'gent' })).toBe(
      true,
    );
    expect(keeps({ onboarding: 'linked' })).toBe(false);
    expect(keeps({ health: 'error' })).toBe(false);
    expect(keeps({ linked: 'linked' })).toBe(false);
    expect(keeps({ linked: 'unlinked', search: 'brugge' })).toBe(false);
  });

  it('keeps the installations Fleetdesk holds, or those on local control', () => {
    const held = indexRow(fleetRow({ serial: 'SG1-1', underControl: true }));
    const local = indexRow(fleetRow({ serial: 'SG1-2', underControl: false }));
    const kept = (control: typeof EMPTY_FILTER.control) =>
      [held, local].filter(fleetFilterPredicate({ ...EMPTY_FILTER, control })).map((e) => e.serial);
    expect(kept('held')).toEqual(['SG1-1']);
    expect(kept('local')).toEqual(['SG1-2']);
    expect(kept('any')).toEqual(['SG1-1', 'SG1-2']);
    expect(isEmptyFilter({ ...EMPTY_FILTER, control: 'held' })).toBe(false);
  });

  it('keeps the same rows as filterEntries, in order', () => {
    const all = entries(200);
    const filter = { ...EMPTY_FILTER, search: 'brugge', health: 'stale' as const };
    const kept = all.filter(fleetFilterPredicate(filter));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(filterEntries(all, filter));
    expect(kept).toEqual(all.filter((e) => e.address.endsWith('Brugge') && e.health === 'stale'));
  });
});

describe('CSV of the current view', () => {
  it('holds exactly the filtered rows, in order, with a header', () => {
    const view = filterEntries(entries(50), { ...EMPTY_FILTER, health: 'error' });
    const parsed = Papa.parse<Record<string, string>>(fleetViewCsv(view), { header: true });
    expect(parsed.data.map((r) => r.serial)).toEqual(view.map((r) => r.serial));
    expect(parsed.data).toHaveLength(5);
    expect(parsed.data.every((r) => r.health === 'error')).toBe(true);
    expect(parsed.meta.fields).toEqual([
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
    ]);
    expect(parsed.data[0]?.searchText).toBeUndefined();
    expect(parsed.data[0]).toMatchObject({ socPct: '64.5', underControl: 'no', fallbackSince: '' });
  });

  it('quotes separators and defuses spreadsheet formulas', () => {
    const csv = fleetViewCsv([fleetRow({ customerName: '=HYPERLINK("x")', address: 'Kerkstraat 1, Gent' })]);
    expect(csv).toContain('"Kerkstraat 1, Gent"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('defuses a formula that goes on over a line break', () => {
    const csv = fleetViewCsv([fleetRow({ customerName: '=HYPERLINK("x")\nhi' })]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")\nhi"`);
  });

  it('has only a header for an empty view', () => {
    expect(fleetViewCsv([]).trim().split('\r\n')).toEqual([expect.stringMatching(/^serial,contractNumber,/)]);
  });
});

describe('saved filters', () => {
  it('keeps a list sorted by name, replacing a filter of the same name', () => {
    let list = withSavedFilter([], { name: 'B', filter: { ...EMPTY_FILTER, search: 'x' } });
    list = withSavedFilter(list, { name: 'A', filter: { ...EMPTY_FILTER, health: 'error' } });
    list = withSavedFilter(list, { name: 'B', filter: { ...EMPTY_FILTER, linked: 'unlinked' } });
    expect(list).toEqual([
      { name: 'A', filter: { ...EMPTY_FILTER, health: 'error' } },
      { name: 'B', filter: { ...EMPTY_FILTER, linked: 'unlinked' } },
    ]);
  });

  const legacy = (stored: string) => ({ getItem: () => stored, removeItem: () => undefined });

  it('reads a filter an earlier build saved before the Control filter existed as narrowing nothing by control', () => {
    const { control: _none, ...older } = { ...EMPTY_FILTER, health: 'error' as const };
    expect(readLegacySavedFilters(legacy(JSON.stringify([{ name: 'old', filter: older }])))).toEqual([
      { name: 'old', filter: { ...EMPTY_FILTER, health: 'error' } },
    ]);
  });

  it('skips what it cannot read in the browser storage of earlier builds', () => {
    const stored = JSON.stringify([
      { name: 'ok', filter: EMPTY_FILTER },
      { name: 'bad', filter: { health: 'purple' } },
    ]);
    expect(readLegacySavedFilters(legacy(stored)).map((f) => f.name)).toEqual(['ok']);
    expect(readLegacySavedFilters(legacy('{not json'))).toEqual([]);
    expect(readLegacySavedFilters(legacy('{"an":"object"}'))).toEqual([]);
  });
});

describe('formatRelative', () => {
  it('shows an event newer than the page clock tick as just happened, and real clock skew as future', async () => {
    const { formatRelative } = await import('../../renderer/src/lib/format');
    expect(formatRelative(1_000_010_000, 1_000_000_000)).toBe('a few seconds ago');
    expect(formatRelative(1_000_000_000 + 2 * 3_600_000, 1_000_000_000)).toBe('in 2 hours');
  });
});
