import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/domain/fleet/contracts-view';
import { parseContractCsv } from '../../shared/domain/fleet/contract-csv';
import type { DataProgress } from '../../shared/domain/inventory/data-progress';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

/** `rows` contracts, one in 1,000 without a customer name. */
function contractsCsv(rows: number): string {
  const lines = ['contract_number;customer_name;street;postal_code;city;tariff'];
  for (let i = 0; i < rows; i += 1)
    lines.push(
      `C-${i};${i % 1000 === 7 ? '' : `Customer ${i}`};"Straat ${i}";${1000 + (i % 8999)};Gent;dynamic`,
    );
  return lines.join('\r\n');
}

/**
 * A CRM export of `rows` contracts: the note on row 12 holds a lone inch mark (a quote inside an
 * unquoted value, which CSV readers keep as text), and every tenth address a line break inside
 * quotes ("bus 2"), as Excel writes it.
 */
function crmExport(rows: number): string {
  const lines = ['Contractnummer;Naam;Adres;Postcode;Gemeente;Opmerking'];
  for (let i = 0; i < rows; i += 1) {
    const street = i % 10 === 0 ? `"Kerkstraat ${i}\nbus 2"` : `Kerkstraat ${i}`;
    const note = i === 10 ? 'TV 55" aan de muur boven de omvormer' : `klant sinds ${2000 + (i % 25)}`;
    lines.push(`C-${i};Klant ${i};${street};${1000 + (i % 8999)};Gent;${note}`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('contract import in the core', () => {
  it('reads a large file in steps: other work runs meanwhile, the UI hears how far, every valid row lands', async () => {
    core = makeCore();
    await core.start();
    const csv = contractsCsv(30_000);
    // One log of what happened in order: the core's progress reports and ticks of a 1 ms timer.
    const log: Array<DataProgress | 'tick'> = [];
    const off = core.events.on('data.progress', (p) => log.push(p));
    const ticker = setInterval(() => log.push('tick'), 1);
    let report: ImportReport;
    try {
      report = await callCore<ImportReport>(core, 'contracts.import', { csv, fileName: 'big.csv' });
    } finally {
      clearInterval(ticker);
      off();
    }
    expect(report).toMatchObject({ total: 30_000, valid: 29_970, imported: 29_970 });
    expect(report.errors).toHaveLength(30);
    expect(report.errors[0]).toEqual({
      row: 9,
      message: 'The customer name (column "customer_name") is empty.',
    });

    const reports = log.filter((e): e is DataProgress => e !== 'tick');
    expect(reports.every((p) => p.task === 'contracts-import' && p.total === csv.length)).toBe(true);
    expect(reports.at(-1)?.done).toBe(csv.length);
    const first = log.findIndex((e) => e !== 'tick');
    const read = log.findIndex((e) => e !== 'tick' && e.done === e.total);
    // The timer ran while the file was being read, not only before and after.
    expect(log.slice(first, read).filter((e) => e === 'tick').length).toBeGreaterThan(0);

    const list = await callCore<Array<{ contractNumber: string }>>(core, 'contracts.list');
    expect(list).toHaveLength(29_970);
  });

  it("reports the preview's reading as its own task and stores nothing", async () => {
    core = makeCore();
    await core.start();
    const tasks = new Set<string>();
    const off = core.events.on('data.progress', (p) => tasks.add(p.task));
    const report = await callCore<ImportReport>(core, 'contracts.preview', {
      csv: contractsCsv(2_000),
      fileName: 'small.csv',
    });
    off();
    expect(report).toMatchObject({ total: 2_000, valid: 1_998, imported: 0 });
    expect([...tasks]).toEqual(['contracts-preview']);
    expect(await callCore<unknown[]>(core, 'contracts.list')).toEqual([]);
  });

  it('imports exactly what the preview shows: a row cut short is neither previewed nor stored', async () => {
    core = makeCore();
    await core.start();
    const csv = [
      'contract;name;street;zip;city;country;email;tariff',
      'C-2024-0106;Ann Peeters;Kerkstraat 1;9000;Gent;BE;ann@example.com;fixed',
      'C-2024-0107;Karel Broken;Veldstraat 2',
      'C-2024-0108;Bo Boon;Meir 5;2000;Antwerpen;BE;bo@example.com;dynamic',
    ].join('\r\n');
    const preview = await callCore<ImportReport>(core, 'contracts.preview', { csv, fileName: 'c.csv' });
    expect(preview.preview.map((c) => c.contractNumber)).toEqual(['C-2024-0106', 'C-2024-0108']);
    expect(preview.errors).toEqual([
      { row: 3, message: expect.stringMatching(/^Has 3 fields where the header has 8/) },
    ]);
    const report = await callCore<ImportReport>(core, 'contracts.import', { csv, fileName: 'c.csv' });
    expect(report).toMatchObject({ valid: 2, imported: 2 });
    const list = await callCore<Array<{ contractNumber: string }>>(core, 'contracts.list');
    expect(list.map((c) => c.contractNumber).sort()).toEqual(['C-2024-0106', 'C-2024-0108']);
  });

  it('previews a re-import as updates of stored contracts, and the import replaces them as it said', async () => {
    core = makeCore();
    await core.start();
    await callCore(core, 'contracts.import', {
      csv: 'contract;name;email\nC-1;Ann;ann@example.com\nC-2;Bo;bo@example.com\n',
      fileName: 'first.csv',
    });
    const again = { csv: 'contract;name\nC-2;Bo Boon\nC-3;Cy\n', fileName: 'again.csv' };
    const preview = await callCore<ImportReport>(core, 'contracts.preview', again);
    expect(preview).toMatchObject({ valid: 2, updates: 1 });
    expect(preview.preview.map((c) => [c.contractNumber, c.existing])).toEqual([
      ['C-2', true],
      ['C-3', false],
    ]);
    expect(await callCore<ImportReport>(core, 'contracts.import', again)).toMatchObject({
      imported: 2,
      updates: 1,
    });
    const list = await callCore<Array<{ contractNumber: string; customerName: string; email?: string }>>(
      core,
      'contracts.list',
    );
    const byNumber = new Map(list.map((c) => [c.contractNumber, c]));
    // Not in the file: kept as it was. In it: replaced by the file's row, so its email is gone.
    expect(byNumber.get('C-1')).toMatchObject({ customerName: 'Ann', email: 'ann@example.com' });
    expect(byNumber.get('C-2')?.customerName).toBe('Bo Boon');
    expect(byNumber.get('C-2')?.email).toBeUndefined();
    expect(byNumber.get('C-3')?.customerName).toBe('Cy');
  });

  it('imports every row of a large file with a lone quote in one value, as one read of the same file does', async () => {
    // ~600 KB: the core reads it in several steps, and the rows with a line break in their address
    // come after the inch mark, so a step that took the mark for an open quote would cut them.
    const csv = crmExport(8_000);
    expect(parseContractCsv(csv).report.errors).toEqual([]);
    core = makeCore();
    await core.start();
    const preview = await callCore<ImportReport>(core, 'contracts.preview', { csv, fileName: 'crm.csv' });
    expect(preview.errors.slice(0, 3)).toEqual([]);
    expect(preview).toMatchObject({ total: 8_000, valid: 8_000 });
    const report = await callCore<ImportReport>(core, 'contracts.import', { csv, fileName: 'crm.csv' });
    expect(report.imported).toBe(8_000);
    const list = await callCore<Array<{ contractNumber: string; address: unknown }>>(core, 'contracts.list');
    expect(list.find((c) => c.contractNumber === 'C-7990')?.address).toMatchObject({
      street: 'Kerkstraat 7990\nbus 2',
    });
  });
});
