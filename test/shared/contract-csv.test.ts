import { describe, expect, it } from 'vitest';
import { guessMapping, parseContractCsv } from '../../shared/domain/fleet/contract-csv';

describe('parseContractCsv', () => {
  it('detects the delimiter and the columns, keeps unmapped columns, reads quoted fields', () => {
    const csv =
      '\uFEFFContract nr;Klant;Straat;Postcode;Gemeente;Tariff\nC-1;"Peeters; An";"Kerkstraat 1";9000;Gent;dynamic\n';
    const { report, contracts } = parseContractCsv(csv);
    expect(report.mapping).toEqual({
      contractNumber: 'Contract nr',
      customerName: 'Klant',
      street: 'Straat',
      postalCode: 'Postcode',
      city: 'Gemeente',
    });
    expect(contracts).toEqual([
      {
        contractNumber: 'C-1',
        customerName: 'Peeters; An',
        address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
        extra: { Tariff: 'dynamic' },
      },
    ]);
    expect(report.errors).toEqual([]);
  });

  it('reports each bad row by its spreadsheet row number and imports the rest', () => {
    const csv = 'contract,name\nC-1,Ann\n,Bo\nC-3,\nC-1,Again\nC-5,Eve\n';
    const { report, contracts } = parseContractCsv(csv);
    expect(contracts.map((c) => c.contractNumber)).toEqual(['C-1', 'C-5']);
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(report.errors[2]?.message).toMatch(/already appears on row 2/);
    expect(report).toMatchObject({ total: 5, valid: 2 });
  });

  it('asks for a mapping when it cannot guess one, and names a mapped column the file lacks, as no row problem', () => {
    expect(parseContractCsv('a,b\n1,2\n').report).toMatchObject({
      mapping: null,
      valid: 0,
      problem: {
        kind: 'mapping',
        message: 'Choose the columns that hold the contract number and the customer name.',
      },
      errors: [],
    });
    const wrong = parseContractCsv('a,b\n1,2\n', { contractNumber: 'a', customerName: 'zz' });
    expect(wrong.report.problem).toEqual({ kind: 'mapping', message: 'The file has no column named "zz".' });
    expect(wrong.report.errors).toEqual([]);
  });

  it('says a file is empty, or has only a header, instead of blaming a row', () => {
    for (const empty of ['', '\uFEFF', '\r\n\r\n'])
      expect(parseContractCsv(empty).report).toMatchObject({
        total: 0,
        problem: { kind: 'empty-file', message: 'The file is empty.' },
        errors: [],
      });
    expect(parseContractCsv('contract;name\r\n\r\n').report).toMatchObject({
      columns: ['contract', 'name'],
      total: 0,
      problem: { kind: 'no-rows', message: 'The file has a header but no rows.' },
      errors: [],
    });
  });

  it('uses a single address column when mapped so', () => {
    const { contracts } = parseContractCsv('id,who,where\nC-9,Ann,"Meir 5, 2000 Antwerpen"\n', {
      contractNumber: 'id',
      customerName: 'who',
      address: 'where',
    });
    expect(contracts[0]?.address).toBe('Meir 5, 2000 Antwerpen');
  });

  it('guesses nothing without a contract number column', () => {
    expect(guessMapping(['name', 'street'])).toBeUndefined();
  });

  it('counts the rows that update a stored contract and marks them in the preview', () => {
    const csv = 'contract,name\nC-1,Ann\nC-2,Bo\nC-3,Cy\n';
    const { report } = parseContractCsv(csv, undefined, (c) => c.contractNumber === 'C-2');
    expect(report).toMatchObject({ valid: 3, updates: 1 });
    expect(report.preview.map((c) => [c.contractNumber, c.existing])).toEqual([
      ['C-1', false],
      ['C-2', true],
      ['C-3', false],
    ]);
    expect(parseContractCsv(csv).report.updates).toBe(0);
  });
});

describe('rows papaparse cannot read whole', () => {
  const header = 'contract;name;street;zip;city;country;email;tariff';
  const good = (n: string) => `${n};Ann Peeters;Kerkstraat 1;9000;Gent;BE;ann@example.com;fixed`;

  it('imports no row whose field count differs from the header, and says why in plain words', () => {
    const csv = [
      header,
      good('C-2024-0106'),
      'C-2024-0107;Karel Broken;Veldstraat 2',
      'C-2024-0108;Bo;Meir 5;2000;Antwerpen;BE;bo@example.com;dynamic;tariff B',
      good('C-2024-0109'),
    ].join('\r\n');
    const { report, contracts } = parseContractCsv(csv);
    expect(contracts.map((c) => c.contractNumber)).toEqual(['C-2024-0106', 'C-2024-0109']);
    expect(report.preview.map((c) => c.contractNumber)).toEqual(['C-2024-0106', 'C-2024-0109']);
    expect(report).toMatchObject({ total: 4, valid: 2 });
    expect(report.errors).toEqual([
      {
        row: 3,
        message:
          'Has 3 fields where the header has 8; check for a missing delimiter or a line break inside a value.',
      },
      {
        row: 4,
        message:
          'Has 9 fields where the header has 8; check for a delimiter inside a value that is not in quotes.',
      },
    ]);
  });

  it('imports no row with a broken quote, numbering it past blank lines', () => {
    const stray = parseContractCsv('contract,name\nC-1,Ann\n\nC-2,"Bo"x"\nC-3,Cy\n');
    expect(stray.contracts.map((c) => c.contractNumber)).toEqual(['C-1', 'C-3']);
    expect(stray.report.errors).toEqual([
      {
        row: 3,
        message: 'Has text right after a closing quote ("); write a quote inside a value as two quotes ("").',
      },
    ]);
    const open = parseContractCsv('contract,name\nC-1,Ann\nC-2,"Bo\nC-3,Cy\n');
    expect(open.contracts.map((c) => c.contractNumber)).toEqual(['C-1']);
    expect(open.report.errors).toEqual([
      {
        row: 3,
        message:
          'Has a quote (") that is never closed, so the rest of the file was read as one value; close the quote or remove it.',
      },
    ]);
  });
});
