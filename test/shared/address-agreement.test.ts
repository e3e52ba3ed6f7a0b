import { describe, expect, it } from 'vitest';
import { compareAddresses } from '../../shared/domain/matching/address-agreement';
import { addressParts } from '../../shared/domain/matching/normalize';

const kerkstraat1 = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' };

describe('two structured addresses', () => {
  it('accepts a one-letter typo in the street and folds accents and case', () => {
    expect(
      compareAddresses(
        { street: 'Kerkstraat 1', postalCode: '9000' },
        { street: 'kerkstrat 1', postalCode: '9000' },
      ),
    ).toBe('agrees');
    expect(
      compareAddresses(
        { street: 'Rue de l’Église 4', postalCode: '5000' },
        { street: 'rue de l eglise 4', postalCode: '5000' },
      ),
    ).toBe('agrees');
  });

  it('tells a different house number or postal code apart', () => {
    expect(
      compareAddresses(
        { street: 'Kerkstraat 1', postalCode: '9000' },
        { street: 'Kerkstraat 11', postalCode: '9000' },
      ),
    ).toBe('differs');
    expect(
      compareAddresses(
        { street: 'Kerkstraat 1', postalCode: '9000' },
        { street: 'Kerkstraat 1', postalCode: '9050' },
      ),
    ).toBe('differs');
  });
});

describe('a one-line address against a structured one', () => {
  it('agrees on the same street, house number and town, typed loosely', () => {
    expect(
      compareAddresses('Meir 5, 2000 Antwerpen', { street: 'Meir 5', postalCode: '2000', city: 'Antwerpen' }),
    ).toBe('agrees');
    expect(compareAddresses('kerkstrat 1 9000 gent', kerkstraat1)).toBe('agrees');
    // The town by its name alone places it too.
    expect(compareAddresses('Kerkstraat 1, Gent', kerkstraat1)).toBe('agrees');
  });

  it('differs on another street at the same number and town', () => {
    expect(compareAddresses('Molenstraat 1, 9000 Gent', kerkstraat1)).toBe('differs');
    expect(compareAddresses(kerkstraat1, 'Molenstraat 1, 9000 Gent')).toBe('differs');
  });

  it('does not agree when the line names a longer street with the same last word', () => {
    // "Oude Kerkstraat" is another street than "Kerkstraat" in the same town.
    expect(compareAddresses('Oude Kerkstraat 1, 9000 Gent', kerkstraat1)).toBe('unknown');
    expect(compareAddresses(kerkstraat1, 'Oude Kerkstraat 1, Gent')).toBe('unknown');
    // Words after the postal code are the town's and do not count against the street.
    expect(compareAddresses('Kerkstraat 1, 9000 Gent, België', kerkstraat1)).toBe('agrees');
  });

  it('differs on another house number in the same street, or an extra one', () => {
    expect(compareAddresses('Kerkstraat 11, 9000 Gent', kerkstraat1)).toBe('differs');
    expect(compareAddresses('Kerkstraat 1 bus 3, 9000 Gent', kerkstraat1)).toBe('differs');
    expect(
      compareAddresses('Kerkstraat 1 bus 3, 9000 Gent', { ...kerkstraat1, street: 'Kerkstraat 1 bus 3' }),
    ).toBe('agrees');
  });

  it('allows no typo in a short street name: one letter makes another street', () => {
    expect(
      compareAddresses('Meer 5, 2000 Antwerpen', { street: 'Meir 5', postalCode: '2000', city: 'Antwerpen' }),
    ).toBe('differs');
  });

  it('takes the last 4- or 5-digit number of a line as its postal code, not a long house number', () => {
    expect(addressParts('Brusselsesteenweg 1024, 9050 Gent').postalCode).toBe('9050');
    const structured = { street: 'Brusselsesteenweg 1024', postalCode: '9050', city: 'Gent' };
    expect(compareAddresses('Brusselsesteenweg 1024, 9050 Gent', structured)).toBe('agrees');
    expect(compareAddresses('Brusselsesteenweg 1024, 9000 Gent', structured)).toBe('differs');
    expect(compareAddresses('Brusselsesteenweg 1025, 9050 Gent', structured)).toBe('differs');
  });

  it('is unknown without evidence of the place, or of the street', () => {
    // Any town may have a Kerkstraat 1.
    expect(compareAddresses('Kerkstraat 1', kerkstraat1)).toBe('unknown');
    expect(compareAddresses('Kerkstraat 1', { street: 'Kerkstraat 1' })).toBe('unknown');
    // Only the town: nothing is said about the home.
    expect(compareAddresses('9000 Gent', kerkstraat1)).toBe('unknown');
    expect(compareAddresses('Kerkstraat 1, 9000 Gent', { postalCode: '9000', city: 'Gent' })).toBe('unknown');
  });
});

describe('two one-line addresses', () => {
  it('agree on the same numbers and words, a long word with a typo', () => {
    expect(compareAddresses('Kerkstraat 1, 9000 Gent', 'kerkstrat 1 9000 GENT')).toBe('agrees');
    expect(compareAddresses('Kerkstraat 1, Gent', 'Kerkstraat 1 Gent')).toBe('agrees');
  });

  it('differ on another street or another house number', () => {
    expect(compareAddresses('Meir 5, 2000 Antwerpen', 'Groenplaats 1, 2000 Antwerpen')).toBe('differs');
    expect(compareAddresses('Molenstraat 1, 9000 Gent', 'Kerkstraat 1, 9000 Gent')).toBe('differs');
    expect(compareAddresses('Kerkstraat 11, 9000 Gent', 'Kerkstraat 1, 9000 Gent')).toBe('differs');
  });

  it('do not agree when one names a longer street with the same last word', () => {
    expect(compareAddresses('Oude Kerkstraat 1, 9000 Gent', 'Kerkstraat 1, 9000 Gent')).toBe('unknown');
    expect(compareAddresses('Kerkstraat 1, 9000 Gent', 'Oude Kerkstraat 1, 9000 Gent')).toBe('unknown');
  });

  it('is unknown when one leaves out the town the other names', () => {
    expect(compareAddresses('Kerkstraat 1', 'Kerkstraat 1, 9000 Gent')).toBe('unknown');
    // Both give the same postal code: the town is settled.
    expect(compareAddresses('Kerkstraat 1, 9000', 'Kerkstraat 1, 9000 Gent')).toBe('agrees');
  });
});
