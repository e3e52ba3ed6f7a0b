import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { contractsCsv, installationsCsv } from '../../electron/core/inventory/csv-export';
import { parseContractCsv } from '../../shared/domain/fleet/contract-csv';
import { replay } from '../../shared/domain/inventory/apply-entry';
import {
  GENESIS_HASH,
  type JournalDraft,
  type JournalEntry,
} from '../../shared/domain/inventory/journal-entry';
import { onboardingDraft } from './fixtures/drafts';

const stamp = (drafts: JournalDraft[]) =>
  drafts.map((d, i) => ({ ...d, seq: i + 1, prevHash: GENESIS_HASH, hash: GENESIS_HASH }) as JournalEntry);

const parse = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

describe('CSV export', () => {
  const tricky = 'Rue "Haute", 12\nBoîte 3';
  const state = replay(
    stamp([
      onboardingDraft('S,1', 1, { address: tricky }),
      onboardingDraft('S2', 2, { address: '=HYPERLINK("x")' }),
      onboardingDraft('S3', 3, { address: '=HYPERLINK("x")\nGent' }),
    ]),
  );
  const installations = [...state.installations.values()];

  it('quotes commas, quotes and line breaks so the values read back unchanged', () => {
    const csv = installationsCsv(
      installations,
      (s) => (s === 'S2' ? 'C-9' : undefined),
      () => undefined,
    );
    expect(csv).toContain('"Rue ""Haute"", 12\nBoîte 3"');
    const rows = parse(csv);
    expect(rows[0]).toMatchObject({
      serial: 'S,1',
      address: tricky,
      contractNumber: '',
      onboarding: 'pending',
    });
    expect(rows[1]).toMatchObject({ serial: 'S2', contractNumber: 'C-9', fallbackTimeoutSeconds: '300' });
  });

  it("carries the operator's fallback timeout beside onboarding's, empty where none is set", () => {
    const set = replay(
      stamp([
        onboardingDraft('S1', 1),
        onboardingDraft('S2', 2),
        { type: 'installation.fallbackSet', at: 3, actor: 'Ada', serial: 'S2', seconds: 120 },
      ]),
    );
    const rows = parse(
      installationsCsv(
        [...set.installations.values()],
        () => undefined,
        () => undefined,
      ),
    );
    expect(rows.map((r) => [r['fallbackTimeoutSeconds'], r['fallbackTimeoutSetByOperatorSeconds']])).toEqual([
      ['300', ''],
      ['300', '120'],
    ]);
    expect(
      installationsCsv(
        [],
        () => undefined,
        () => undefined,
      ),
    ).toContain('fallbackTimeoutSeconds,fallbackTimeoutSetByOperatorSeconds,');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const rows = parse(
      installationsCsv(
        installations,
        () => undefined,
        () => undefined,
      ),
    );
    expect(rows[1]?.['address']).toBe(`'=HYPERLINK("x")`);
    // papaparse's own pattern misses a formula that goes on over a line break.
    expect(rows.find((r) => r['serial'] === 'S3')?.['address']).toBe(`'=HYPERLINK("x")\nGent`);
  });

  it('exports contracts with their address parts, other columns and linked serials, and a header even when empty', () => {
    const csv = contractsCsv(
      [
        {
          contractNumber: 'C-1',
          customerName: 'Peeters, Jan',
          address: { street: 'A 1', city: 'Gent' },
          email: 'j@x.be',
          extra: { tariff: 'dynamic' },
        },
        { contractNumber: 'C-2', customerName: 'Bo', address: 'B 2, 9000 Gent', extra: { phone: '1' } },
      ],
      (n) => (n === 'C-1' ? ['S1', 'S2'] : []),
    );
    expect(parse(csv)).toEqual([
      {
        contractNumber: 'C-1',
        customerName: 'Peeters, Jan',
        street: 'A 1',
        postalCode: '',
        city: 'Gent',
        country: '',
        address: 'A 1, Gent',
        email: 'j@x.be',
        tariff: 'dynamic',
        phone: '',
        'linkedSerials (export only)': 'S1; S2',
      },
      {
        contractNumber: 'C-2',
        customerName: 'Bo',
        street: '',
        postalCode: '',
        city: '',
        country: '',
        address: 'B 2, 9000 Gent',
        email: '',
        tariff: '',
        phone: '1',
        'linkedSerials (export only)': '',
      },
    ]);
    expect(contractsCsv([], () => [])).toBe(
      'contractNumber,customerName,street,postalCode,city,country,address,email,linkedSerials (export only)\r\n',
    );
    expect(
      installationsCsv(
        [],
        () => undefined,
        () => undefined,
      ).split(',')[0],
    ).toBe('serial');
  });

  it('defuses formulas in contract cells so that the import reads them back as they were', () => {
    const values = ['=HYPERLINK("x")', "'=1+1", "''-5", "'plain", '@home\nGent'];
    const csv = contractsCsv(
      values.map((value, i) => ({
        contractNumber: `C-${i}`,
        customerName: value,
        address: {},
        extra: { note: value },
      })),
      () => [],
    );
    const rows = parse(csv);
    expect(rows.map((r) => r['customerName'])).toEqual([
      `'=HYPERLINK("x")`,
      "''=1+1",
      "'''-5",
      "'plain",
      "'@home\nGent",
    ]);
    const { contracts } = parseContractCsv(csv);
    expect(contracts.map((c) => [c.customerName, c.extra['note']])).toEqual(values.map((v) => [v, v]));
  });
});
