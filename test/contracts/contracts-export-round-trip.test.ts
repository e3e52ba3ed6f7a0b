/**
 * The operator exports the contracts, edits the file in a spreadsheet (or not at all) and imports it
 * again: every contract must come back as it was, its address fields and its other columns.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Core } from '../../electron/core/create-core';
import type { ContractRow, ImportReport } from '../../shared/domain/fleet/contracts-view';
import { withUtf8Bom } from '../../shared/domain/csv/utf8-bom';
import { callCore, makeCore } from '../support/core-harness';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

const STRUCTURED = [
  'contract_number;customer_name;street;postal_code;city;country;email;tariff;phone',
  'C-2024-0042;Ann Peeters;Kerkstraat 1;9000;Gent;BE;ann@example.com;dynamic;+32 9 123 45 67',
  'C-2024-0043;Bo Boon;Meir 5;2000;Antwerpen;;;=SUM(A1:A9);-5',
].join('\r\n');
// A file with the whole address in one column, and a cell that starts with a quote of its own.
const ONE_LINE = [
  'contract;name;address;tariff;phone',
  "C-2024-0044;Cy Claes;Veldstraat 3, 9000 Gent;@home;'s avonds",
].join('\r\n');

describe('contracts CSV export, imported again', () => {
  it('keeps every contract as it was: its address fields and its other columns', async () => {
    core = makeCore();
    await core.start();
    await callCore(core, 'contracts.import', { csv: STRUCTURED, fileName: 'crm.csv' });
    await callCore(core, 'contracts.import', { csv: ONE_LINE, fileName: 'old-crm.csv' });
    const before = await callCore<ContractRow[]>(core, 'contracts.list');

    const exported = await callCore<{ csv: string }>(core, 'data.exportCsv', { what: 'contracts' });
    const report = await callCore<ImportReport>(core, 'contracts.import', {
      csv: exported.csv,
      fileName: 'fleetdesk-contracts.csv',
    });
    // Each row is one stored contract, and the report says none of them changes.
    expect(report).toMatchObject({ imported: 3, updates: 3, unchanged: 3, errors: [] });
    expect(report.preview.map((c) => c.unchanged)).toEqual([true, true, true]);
    // The preview showed what was stored, and the store holds what it held.
    expect(report.preview.map(({ existing: _existing, unchanged: _unchanged, ...c }) => c)).toEqual(
      before.map(({ linkedSerial: _linked, ...c }) => c),
    );
    expect(await callCore<ContractRow[]>(core, 'contracts.list')).toEqual(before);
  });

  it('reads back the file as downloaded, with the byte order mark Excel needs, unchanged', async () => {
    core = makeCore();
    await core.start();
    await callCore(core, 'contracts.import', { csv: STRUCTURED, fileName: 'crm.csv' });
    const before = await callCore<ContractRow[]>(core, 'contracts.list');
    const exported = await callCore<{ csv: string }>(core, 'data.exportCsv', { what: 'contracts' });
    // The UI saves CSV files with a leading UTF-8 BOM (renderer/src/lib/download.ts).
    const saved = withUtf8Bom([exported.csv]).join('');
    expect(saved.charCodeAt(0)).toBe(0xfeff);
    const report = await callCore<ImportReport>(core, 'contracts.import', {
      csv: saved,
      fileName: 'contracts.csv',
    });
    expect(report).toMatchObject({ imported: 2, unchanged: 2, errors: [] });
    // The first column's name is read without the mark.
    expect(report.mapping?.contractNumber).toBe('contractNumber');
    expect(await callCore<ContractRow[]>(core, 'contracts.list')).toEqual(before);
  });

  it('counts an edited row as an update, the untouched ones as unchanged', async () => {
    core = makeCore();
    await core.start();
    await callCore(core, 'contracts.import', { csv: STRUCTURED, fileName: 'crm.csv' });
    const exported = await callCore<{ csv: string }>(core, 'data.exportCsv', { what: 'contracts' });
    const edited = exported.csv.replace('Ann Peeters', 'Ann Peeters-Claes');
    const preview = await callCore<ImportReport>(core, 'contracts.preview', {
      csv: edited,
      fileName: 'x.csv',
    });
    expect(preview).toMatchObject({ valid: 2, updates: 2, unchanged: 1 });
    expect(preview.preview.map((c) => [c.customerName, c.unchanged ?? false])).toEqual([
      ['Ann Peeters-Claes', false],
      ['Bo Boon', true],
    ]);
  });

  it('writes the address parts, every other column and the linked serials, formula-safe', async () => {
    core = makeCore();
    await core.start();
    await callCore(core, 'contracts.import', { csv: STRUCTURED, fileName: 'crm.csv' });
    const { csv } = await callCore<{ csv: string }>(core, 'data.exportCsv', { what: 'contracts' });
    const { data, meta } = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(meta.fields).toEqual([
      'contractNumber',
      'customerName',
      'street',
      'postalCode',
      'city',
      'country',
      'address',
      'email',
      'tariff',
      'phone',
      'linkedSerials (export only)',
    ]);
    expect(data[1]).toMatchObject({
      street: 'Meir 5',
      address: 'Meir 5, 2000 Antwerpen',
      // A spreadsheet shows these as text, never runs them.
      tariff: "'=SUM(A1:A9)",
      phone: "'-5",
    });
    // The export-only column is neither guessed nor kept as an extra column.
    const preview = await callCore<ImportReport>(core, 'contracts.preview', { csv, fileName: 'x.csv' });
    expect(Object.values(preview.mapping ?? {})).not.toContain('linkedSerials (export only)');
    expect(Object.keys(preview.preview[0]?.extra ?? {})).toEqual(['tariff', 'phone']);
  });
});
