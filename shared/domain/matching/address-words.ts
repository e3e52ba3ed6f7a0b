import { distance } from 'fastest-levenshtein';

/** Below this length a one-letter slip makes another name ("meir", "meer"), not a typo. */
const MIN_TYPO_LENGTH = 5;

/**
 * The tokens of folded address text, split into numbers (any token with a digit: house numbers
 * such as "12a", postal codes) and letter words (street and place names).
 */
export function addressTokens(folded: string): { numbers: string[]; words: string[] } {
  const numbers: string[] = [];
  const words: string[] = [];
  for (const token of folded.split(' ')) {
    if (token === '') continue;
    if (/\d/.test(token)) numbers.push(token);
    else words.push(token);
  }
  return { numbers, words };
}

/**
 * A one-line address's house numbers: its numbers but the postal code. Only the last occurrence
 * is dropped, which is the one `addressParts` took for the postal code, so a house number that
 * happens to equal it ("Kerkstraat 9000, 9000 Gent") stays.
 */
export function houseNumbersOfLine(folded: string, postalCode: string): string[] {
  const { numbers } = addressTokens(folded);
  const at = numbers.lastIndexOf(postalCode);
  return at < 0 ? numbers : numbers.filter((_, i) => i !== at);
}

/**
 * The letter words of a one-line address before its postal code: its street (and perhaps the
 * name of a building or a box), where the words after the postal code name the town. A line
 * without a postal code cannot be split, so all its words count.
 */
export function streetWordsOfLine(folded: string, postalCode: string): string[] {
  const tokens = folded.split(' ');
  const at = postalCode === '' ? -1 : tokens.lastIndexOf(postalCode);
  return addressTokens((at < 0 ? tokens : tokens.slice(0, at)).join(' ')).words;
}

/** The same house numbers in any order: "1 bus 3" and "3 1" may be one home, "1" and "11" are two. */
export function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');
}

/**
 * Whether each of `words` is in `pool`: the same word, or, where both have five letters or more,
 * one typo away ("kerkstrat" is "kerkstraat").
 */
export function allFound(words: readonly string[], pool: readonly string[]): boolean {
  const exact = new Set(pool);
  return words.every((word) => exact.has(word) || pool.some((other) => oneTypoApart(word, other)));
}

function oneTypoApart(a: string, b: string): boolean {
  if (a.length < MIN_TYPO_LENGTH || b.length < MIN_TYPO_LENGTH) return false;
  return Math.abs(a.length - b.length) <= 1 && distance(a, b) <= 1;
}
