import { distance } from 'fastest-levenshtein';

/**
 * How many slips separate two contract keys (see `contractKey`): the edit distance, except that
 * two adjacent characters typed the wrong way round ("0071" for "0017") count as one slip, as a
 * customer makes it, not as the two substitutions plain edit distance sees.
 */
export function contractDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isOneSwap(a, b) ? 1 : d;
}

/** Whether `b` is `a` with exactly one pair of neighbouring characters swapped. */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
