import type { ParseError } from 'papaparse';
import { plural } from '../plural';

/**
 * Why a record papaparse complained about must not be imported, in words an operator can act on;
 * undefined when it did not complain. A record whose fields do not line up with the header is
 * likely shifted or cut (its values would land in the wrong columns), and one with a broken quote
 * holds text from other rows, so neither is imported. `errors` must be this record's own (papaparse's
 * `step` hands them over per record; the `row` numbers of a whole parse count skipped blank lines).
 */
export function recordProblem(
  record: Record<string, unknown>,
  errors: readonly ParseError[],
  columns: number,
): string | undefined {
  if (errors.length === 0) return undefined;
  const codes = new Set<string>(errors.map((e) => e.code));
  // A broken quote also makes the field count wrong; the quote is what to fix.
  if (codes.has('MissingQuotes'))
    return 'Has a quote (") that is never closed, so the rest of the file was read as one value; close the quote or remove it.';
  if (codes.has('InvalidQuotes'))
    return 'Has text right after a closing quote ("); write a quote inside a value as two quotes ("").';
  if (codes.has('TooFewFields') || codes.has('TooManyFields')) {
    const overflow = record['__parsed_extra'];
    const fields = Array.isArray(overflow) ? columns + overflow.length : Object.keys(record).length;
    const hint =
      fields < columns
        ? 'check for a missing delimiter or a line break inside a value'
        : 'check for a delimiter inside a value that is not in quotes';
    return `Has ${plural(fields, 'field')} where the header has ${columns}; ${hint}.`;
  }
  // The delimiter guess is about the file, not this record (a file of one column has none to find).
  const other = errors.find((e) => e.type !== 'Delimiter');
  return other?.message;
}
