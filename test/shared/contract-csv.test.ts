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

  it('asks for a mapping when it cannot guess one, and names a mapped column the file lacks', () => {
    expect(parseContractCsv('a,b\n1,2\n').report).toMatchObject({
      mapping: null,
      valid: 0,
      errors: [{ row: 1 }],
    });
    const wrong = parseContractCsv('a,b\n1,2\n', { contractNumber: 'a', customerName: 'zz' });
    expect(wrong.report.errors[0]?.message).toContain('"zz"');
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
});
