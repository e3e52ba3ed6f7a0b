/*
 * Free-text search over lists (fleet, jump, contracts): each row's words are folded (lower case,
 * accents off: "liege" finds Liège, as operators type on any keyboard) once when the row arrives,
 * never per keystroke. Identifiers (serials, contract numbers) are also kept
 * without their punctuation, so "c20240104" or "c2024 0104" finds C-2024-0104 the way an operator
 * reads it off a letter or types it from a phone call.
 */

import { fold } from '../../../shared/domain/fold';

export { fold };

const SEPARATOR = '\u0000';

/** Letters and digits only, folded: the form identifiers are compared in. */
function compact(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The text a row is searched in: its words, then its identifiers without punctuation. */
export function searchTextOf(
  words: ReadonlyArray<string | null | undefined>,
  ids: ReadonlyArray<string | null | undefined>,
): string {
  const present = (parts: ReadonlyArray<string | null | undefined>) =>
    parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return [...present(words).map(fold), ...present(ids).map(compact)].join(SEPARATOR);
}

export type SearchTerm = { plain: string; compact: string };

/** The whitespace-separated terms of a query, each also in its compact form. */
export function searchTerms(query: string): SearchTerm[] {
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((plain) => ({ plain, compact: compact(plain) }));
}

/** True when every term appears in `text`, as typed or without its punctuation. */
export function matchesEvery(text: string, terms: readonly SearchTerm[]): boolean {
  for (const { plain, compact } of terms) {
    if (!text.includes(plain) && (compact === '' || !text.includes(compact))) return false;
  }
  return true;
}
