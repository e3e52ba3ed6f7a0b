// English, with thousands separators, like the rest of the UI (renderer/src/lib/format.ts) until
// translations pass their own locale.
const COUNT = new Intl.NumberFormat('en-US');
const RULES = new Intl.PluralRules('en-US');

/** A count with its noun in the right number: "1 row", "0 rows", "10,000 contracts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${RULES.select(n) === 'one' ? one : many}`;
}
