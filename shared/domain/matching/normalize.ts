import { fold } from '../fold';

/** The address shapes the listener accepts: one line of text, or structured parts. */
export type LooseAddress =
  string | { street?: string | undefined; postalCode?: string | undefined; city?: string | undefined };

/**
 * A contract number as a customer might type it, reduced to what identifies it: case, spaces,
 * dashes, dots and slashes are not evidence ("c 2024/0042" is "C-2024-0042").
 */
export function normalizeContractNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_./]+/g, '');
}

/**
 * A normalized contract number with the characters customers confuse when reading a printed number
 * made one: letter O is zero, I and l are one. "C-2024-O101" is C-2024-0101 typed, not a typo.
 */
export function contractKey(raw: string): string {
  return normalizeContractNumber(raw).replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Lower case, accents folded, punctuation dropped, whitespace collapsed: for comparing text. */
export function foldText(raw: string): string {
  return fold(raw)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** An address folded for comparing: its street, postal code and city, and all of it as one text. */
export type AddressParts = { street: string; postalCode: string; city: string; all: string };

/**
 * The comparable parts of an address. A one-line address has no fields: all of it counts as its
 * street, and its postal code is its last 4- or 5-digit number, since the house number comes
 * first and may have four digits too ("Brusselsesteenweg 1024, 9050 Gent" is in 9050).
 */
export function addressParts(address: LooseAddress): AddressParts {
  if (typeof address === 'string') {
    const all = foldText(address);
    return { street: all, postalCode: lastPostalCode(all), city: '', all };
  }
  const street = foldText(address.street ?? '');
  const postalCode = foldText(address.postalCode ?? '').replace(/\s/g, '');
  return {
    street,
    postalCode,
    city: foldText(address.city ?? ''),
    all: foldText([address.street, address.postalCode, address.city].filter(Boolean).join(' ')),
  };
}

function lastPostalCode(folded: string): string {
  return folded.split(' ').findLast((token) => /^\d{4,5}$/.test(token)) ?? '';
}
