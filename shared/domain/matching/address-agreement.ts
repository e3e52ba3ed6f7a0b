import { distance } from 'fastest-levenshtein';
import { addressTokens, allFound, houseNumbersOfLine, sameNumbers, streetWordsOfLine } from './address-words';
import { addressParts, type AddressParts, type LooseAddress } from './normalize';

export type AddressAgreement = 'agrees' | 'differs' | 'unknown';

/**
 * Whether two addresses name the same home. 'agrees' needs strong evidence, because an exact
 * contract number with an agreeing address links itself without an operator: the same house
 * numbers, the same street, and the same place. Postal codes must be equal where both have one.
 * Two structured addresses line up field by field; a one-line address has no fields, so it is
 * compared by its numbers and words (see structuredAgainstLine and lineAgainstLine).
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
  if (typeof a === 'string' && typeof b === 'string') return lineAgainstLine(pa, pb);
  if (typeof a === 'string') return structuredAgainstLine(pb, pa);
  if (typeof b === 'string') return structuredAgainstLine(pa, pb);
  return structuredAgainstStructured(pa, pb);
}

function structuredAgainstStructured(pa: AddressParts, pb: AddressParts): AddressAgreement {
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

/**
 * A structured address against one line: the line carries the street's house numbers and no
 * others ("Kerkstraat 11" is not "Kerkstraat 1"), and every word of the street ("Molenstraat 1"
 * is not "Kerkstraat 1"); then the postal code or the city's name must place it in the same town,
 * else it is any town's Kerkstraat 1 and stays 'unknown'. A line whose street part has words the
 * street and town lack ("Oude Kerkstraat 1" against "Kerkstraat 1") may name another street, so
 * it stays 'unknown' too. A side that names no street says nothing of the home: 'unknown', not
 * 'differs'.
 */
function structuredAgainstLine(fields: AddressParts, line: AddressParts): AddressAgreement {
  if (fields.street === '') return 'unknown';
  const street = addressTokens(fields.street);
  const cityWords = addressTokens(fields.city).words;
  const lineNumbers = houseNumbersOfLine(line.all, line.postalCode);
  const lineWords = addressTokens(line.all).words;
  // A line of only a place ("9000 Gent") names no street.
  if (lineNumbers.length === 0 && allFound(lineWords, cityWords)) return 'unknown';
  if (!sameNumbers(street.numbers, lineNumbers)) return 'differs';
  if (!allFound(street.words, lineWords)) return 'differs';
  const samePostalCode = fields.postalCode !== '' && fields.postalCode === line.postalCode;
  const sameCity = cityWords.length > 0 && allFound(cityWords, lineWords);
  const noOtherStreetWords = allFound(streetWordsOfLine(line.all, line.postalCode), [
    ...street.words,
    ...cityWords,
  ]);
  return (samePostalCode || sameCity) && noOtherStreetWords ? 'agrees' : 'unknown';
}

/**
 * Two lines: the same house numbers, and every word of the one with fewer words in the other.
 * That agrees when both give the (same) postal code and the words before it match both ways
 * ("Oude Kerkstraat 1" is not "Kerkstraat 1"), or when all words match both ways; a line that
 * leaves out its town ("Kerkstraat 1") is then only 'unknown' against one that has it.
 */
function lineAgainstLine(pa: AddressParts, pb: AddressParts): AddressAgreement {
  if (!sameNumbers(houseNumbersOfLine(pa.all, pa.postalCode), houseNumbersOfLine(pb.all, pb.postalCode)))
    return 'differs';
  const [wa, wb] = [addressTokens(pa.all).words, addressTokens(pb.all).words];
  const [fewer, more] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (!allFound(fewer, more)) return 'differs';
  const samePostalCode = pa.postalCode !== '' && pa.postalCode === pb.postalCode;
  const [sa, sb] = [streetWordsOfLine(pa.all, pa.postalCode), streetWordsOfLine(pb.all, pb.postalCode)];
  const sameStreet = allFound(sa, sb) && allFound(sb, sa);
  return (samePostalCode && sameStreet) || allFound(more, fewer) ? 'agrees' : 'unknown';
}
