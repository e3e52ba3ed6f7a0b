import { describe, expect, it } from 'vitest';
import { ContractIndex, type MatchableContract } from '../../shared/domain/matching/contract-index';
import { matchOnboarding, type LinkLookup } from '../../shared/domain/matching/match-onboarding';

const contracts: MatchableContract[] = [
  {
    contractNumber: 'C-2024-0042',
    customerName: 'An Peeters',
    address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
  },
  {
    contractNumber: 'C-2024-0043',
    customerName: 'Bart Claes',
    address: { street: 'Veldstraat 10', postalCode: '9000', city: 'Gent' },
  },
  { contractNumber: 'C-2024-0100', customerName: 'Chris Maes', address: 'Meir 5, 2000 Antwerpen' },
];
const index = new ContractIndex(contracts);
const noLinks: LinkLookup = { serialOfContract: () => undefined, contractOfSerial: () => undefined };
const home = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' };

describe('matchOnboarding', () => {
  it('links automatically only on a unique exact number whose address agrees', () => {
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: 'C-2024-0042', address: home },
      index,
      noLinks,
    );
    expect(result).toMatchObject({
      flags: [],
      autoLink: true,
      suggestions: [{ contractNumber: 'C-2024-0042', kind: 'exact', address: 'agrees' }],
    });
  });

  it('does not auto-link an exact number when the address is missing', () => {
    const result = matchOnboarding({ serial: 'SG1-1', contractNumber: 'C-2024-0042' }, index, noLinks);
    expect(result.autoLink).toBe(false);
    expect(result.suggestions[0]).toMatchObject({ kind: 'exact', address: 'unknown' });
  });

  it('flags an exact number at another address', () => {
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: 'C-2024-0042', address: { street: 'Dorp 3', postalCode: '3000' } },
      index,
      noLinks,
    );
    expect(result.flags).toEqual(['address-differs']);
    expect(result.autoLink).toBe(false);
  });

  it('flags an exact number sent with the one-line address of another home, and does not link it', () => {
    for (const address of ['Molenstraat 1, 9000 Gent', 'Kerkstraat 11, 9000 Gent']) {
      const result = matchOnboarding(
        { serial: 'SG1-1', contractNumber: 'C-2024-0042', address },
        index,
        noLinks,
      );
      expect(result).toMatchObject({ flags: ['address-differs'], autoLink: false });
    }
    // The same home on one line links as the structured address does.
    const same = { serial: 'SG1-1', contractNumber: 'C-2024-0042', address: 'Kerkstraat 1, 9000 Gent' };
    expect(matchOnboarding(same, index, noLinks)).toMatchObject({ flags: [], autoLink: true });
  });

  it('suggests the contract a customer typed with other case and spacing, flagged unknown', () => {
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: ' c 2024 0042', address: home },
      index,
      noLinks,
    );
    expect(result.flags).toEqual(['unknown-contract']);
    expect(result.suggestions[0]).toMatchObject({ contractNumber: 'C-2024-0042', kind: 'format' });
  });

  it('suggests near numbers for a typo, the one at the same address first', () => {
    const result = matchOnboarding(
      {
        serial: 'SG1-1',
        contractNumber: 'C-2024-0044',
        address: { street: 'Veldstraat 10', postalCode: '9000' },
      },
      index,
      noLinks,
    );
    expect(result.suggestions.map((s) => s.contractNumber)).toEqual(['C-2024-0043', 'C-2024-0042']);
    expect(result.suggestions[0]).toMatchObject({ kind: 'typo', address: 'agrees' });
  });

  it('suggests by address when no contract number was given', () => {
    const result = matchOnboarding(
      { serial: 'SG1-1', address: { street: 'Kerkstraat 1', postalCode: '9000' } },
      index,
      noLinks,
    );
    expect(result.flags).toEqual(['no-contract-given']);
    expect(result.suggestions).toMatchObject([{ contractNumber: 'C-2024-0042', kind: 'address' }]);
  });

  it('flags a contract already linked to another controller, and a serial linked to another contract', () => {
    const links: LinkLookup = {
      serialOfContract: (c) => (c === 'C-2024-0042' ? 'SG1-OTHER' : undefined),
      contractOfSerial: (s) => (s === 'SG1-1' ? 'C-2024-0100' : undefined),
    };
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: 'C-2024-0042', address: home },
      index,
      links,
    );
    expect(result.flags).toEqual(['contract-linked-elsewhere', 'serial-linked-elsewhere']);
    expect(result.suggestions[0]?.linkedTo).toBe('SG1-OTHER');
    expect(result.autoLink).toBe(false);
  });

  it('does not flag the serial when it is already linked to the very contract it names', () => {
    const links: LinkLookup = { serialOfContract: () => 'SG1-1', contractOfSerial: () => 'C-2024-0042' };
    const result = matchOnboarding(
      { serial: 'SG1-1', contractNumber: 'C-2024-0042', address: home },
      index,
      links,
    );
    expect(result).toMatchObject({ flags: [], autoLink: true });
  });

  it('finds nothing for a number far from every contract', () => {
    const result = matchOnboarding({ serial: 'SG1-1', contractNumber: 'X-9999-9999' }, index, noLinks);
    expect(result).toEqual({ flags: ['unknown-contract'], suggestions: [], autoLink: false });
  });
});
