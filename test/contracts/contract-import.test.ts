import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/domain/fleet/contracts-view';
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
});
