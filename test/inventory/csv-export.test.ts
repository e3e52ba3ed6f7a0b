import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { contractsCsv, installationsCsv } from '../../electron/core/inventory/csv-export';
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

  it('exports contracts with their linked serials, and a header even when empty', () => {
    const csv = contractsCsv(
      [
        {
          contractNumber: 'C-1',
          customerName: 'Peeters, Jan',
          address: { street: 'A 1', city: 'Gent' },
          email: 'j@x.be',
          extra: {},
        },
      ],
      () => ['S1', 'S2'],
    );
    expect(parse(csv)).toEqual([
      {
        contractNumber: 'C-1',
        customerName: 'Peeters, Jan',
        address: 'A 1, Gent',
        email: 'j@x.be',
        linkedSerials: 'S1; S2',
      },
    ]);
    expect(contractsCsv([], () => [])).toBe('contractNumber,customerName,address,email,linkedSerials\r\n');
    expect(
      installationsCsv(
        [],
        () => undefined,
        () => undefined,
      ).split(',')[0],
    ).toBe('serial');
  });
});
