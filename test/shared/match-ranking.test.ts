import { describe, expect, it } from 'vitest';
import { ContractIndex, type MatchableContract } from '../../shared/domain/matching/contract-index';
import { matchOnboarding, type LinkLookup } from '../../shared/domain/matching/match-onboarding';

const noLinks: LinkLookup = { serialOfContract: () => undefined, contractOfSerial: () => undefined };
const streets = ['Kerkstraat', 'Veldstraat', 'Meir', 'Stationsstraat', 'Dorpsplein'];

/** The demo's contracts: C-2026-0001 … C-2026-0050, each at its own home. */
const demo: MatchableContract[] = Array.from({ length: 50 }, (_, i) => ({
  contractNumber: `C-2026-${String(i + 1).padStart(4, '0')}`,
  customerName: `Customer ${i + 1}`,
  address: { street: `${streets[i % 5]} ${i + 1}`, postalCode: '9000', city: 'Gent' },
}));
const demoIndex = new ContractIndex(demo);
const elsewhere = { street: 'Nieuwstraat 99', postalCode: '1000', city: 'Brussel' };

const numbers = (contractNumber: string, address: object | null, index = demoIndex) =>
  matchOnboarding({ serial: 'SG1-000048', contractNumber, address }, index, noLinks).suggestions.map(
    (s) => s.contractNumber,
  );

describe('near contract numbers', () => {
  it('ranks the contract one character away first, and lists no farther ones whose address differs', () => {
    // The demo's own case: C-2025-0007 is one character from C-2026-0007, two from C-2026-0001 … 0009.
    expect(numbers('C-2025-0007', elsewhere)).toEqual(['C-2026-0007']);
  });

  it('counts a letter O for a zero as the same number, and lists nothing unrelated beside it', () => {
    const index = new ContractIndex(
      ['C-2024-0100', 'C-2024-0101', 'C-2024-0102', 'C-2024-0103', 'C-2024-0111'].map((n) => ({
        contractNumber: n,
        customerName: n,
        address: elsewhere,
      })),
    );
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: 'C-2024-O101', address: null },
      index,
      noLinks,
    );
    expect(result.suggestions.map((s) => [s.contractNumber, s.kind])).toEqual([['C-2024-0101', 'format']]);
    expect(result.autoLink).toBe(false);
    // I, l and 1 are the other pair customers confuse.
    expect(numbers('C-2O26-OO1l', elsewhere)).toEqual(['C-2026-0011']);
  });

  it('takes two swapped digits as one slip, so the right contract is not pushed out by neighbours', () => {
    // 0017 typed as 0071: as close as 0001, 0011, 0021 … (one digit each), and first at its own home.
    expect(numbers('C-2026-0071', null)).toContain('C-2026-0017');
    expect(numbers('C-2026-0071', { street: 'Veldstraat 17', postalCode: '9000', city: 'Gent' })[0]).toBe(
      'C-2026-0017',
    );
  });

  it('keeps a farther number only when its address agrees', () => {
    // C-2026-0850: C-2026-0050 is one character away; 0010, 0020, 0030 and 0040 are two.
    const home = { street: 'Dorpsplein 30', postalCode: '9000', city: 'Gent' };
    expect(numbers('C-2026-0850', home)).toEqual(['C-2026-0050', 'C-2026-0030']);
    expect(numbers('C-2026-0850', elsewhere)).toEqual(['C-2026-0050']);
  });

  it('also suggests the contract at the very address sent when the number is only near', () => {
    const home = { street: 'Meir 48', postalCode: '9000', city: 'Gent' };
    const result = matchOnboarding(
      { serial: 'SG1-000048', contractNumber: 'C-2025-0007', address: home },
      demoIndex,
      noLinks,
    );
    expect(result.suggestions.map((s) => [s.contractNumber, s.kind, s.address])).toEqual([
      ['C-2026-0007', 'typo', 'differs'],
      ['C-2026-0048', 'address', 'agrees'],
    ]);
  });

  it('suggests a home at a one-line address only when its street and house number are the ones sent', () => {
    const sent = (address: string) =>
      matchOnboarding({ serial: 'SG1-000048', contractNumber: 'C-2025-0007', address }, demoIndex, noLinks)
        .suggestions.filter((s) => s.kind === 'address' || s.address === 'agrees')
        .map((s) => s.contractNumber);
    expect(sent('Meir 48, 9000 Gent')).toEqual(['C-2026-0048']);
    // Meir 3, 8, … 48 are in the same street and town, at other numbers; nobody lives at Meir 47.
    expect(sent('Meir 47, 9000 Gent')).toEqual([]);
  });
});
