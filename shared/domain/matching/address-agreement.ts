import { distance } from 'fastest-levenshtein';
import { addressParts, type LooseAddress } from './normalize';

export type AddressAgreement = 'agrees' | 'differs' | 'unknown';

/**
 * Whether two addresses name the same home. Postal codes must be equal where both have one; the
 * street (with its number) may differ by a small typo. Structured and one-line addresses compare
 * by their words instead, since a one-line address has no reliable street field.
 */
export function compareAddresses(
  a: LooseAddress | null | undefined,
  b: LooseAddress | null | undefined,
): AddressAgreement {
  if (a === null || a === undefined || b === null || b === undefined) return 'unknown';
  const pa = addressParts(a);
  const pb = addressParts(b);
  if (pa.all === '' || pb.all === '') return 'unknown';
  if (pa.postalCode && pb.postalCode && pa.postalCode !== pb.postalCode) return 'differs';
  if (typeof a === 'string' || typeof b === 'string')
    return wordOverlap(pa.all, pb.all) >= 0.6 ? 'agrees' : 'differs';
  if (pa.street === '' || pb.street === '') return pa.postalCode === pb.postalCode ? 'unknown' : 'differs';
  // House numbers must be equal: "Kerkstraat 1" and "Kerkstraat 11" are two homes, while the
  // street name itself may carry a small typo.
  if (numbersOf(pa.street) !== numbersOf(pb.street)) return 'differs';
  const [sa, sb] = [wordsOf(pa.street), wordsOf(pb.street)];
  const allowed = Math.max(1, Math.floor(Math.min(sa.length, sb.length) / 8));
  return distance(sa, sb) <= allowed ? 'agrees' : 'differs';
}

const numbersOf = (street: string) => (street.match(/\d+[a-z]?/g) ?? []).join(' ');
const wordsOf = (street: string) =>
  street
    .replace(/\d+[a-z]?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Share of the shorter address's words found in the longer one. */
function wordOverlap(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const words = short.split(' ').filter(Boolean);
  const pool = new Set(long.split(' '));
  return words.length === 0 ? 0 : words.filter((w) => pool.has(w)).length / words.length;
}
