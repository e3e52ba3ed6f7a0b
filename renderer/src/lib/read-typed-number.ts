/** What a number field's text says: nothing yet, one number for sure, or why it cannot be read. */
export type TypedNumber =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'unclear'; message: string };

const SIGN = /^[-+\u2212]/;
const MINUS = /^[-\u2212]/;
/** Digits, an optional decimal part after `.` or `,`: 25, 2,5, .5, 2.50. */
const PLAIN = /^(\d*)(?:([.,])(\d+))?$/;
/**
 * Thousands in groups of three with one separator throughout (a point, comma, space, no-break space
 * or apostrophe), then an optional decimal part.
 */
const GROUPED = /^(\d{1,3})([.,' \u00a0\u202f])(\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/;

/**
 * Reads a number as an operator types it, in English or Belgian/Dutch style: `,` and `.` both mark
 * decimals (2,5 = 2.5), thousands may be grouped by threes (1.000.000 · 1,000,000 · 1 000). A single
 * `.` or `,` before exactly three digits (3.600, 2,500) could be either, so it is refused in words
 * rather than guessed: guessing is how 3.600 seconds (an hour) became 3 s and 2,5 % became 25 %.
 * The same reasoning as readTypedCount for typed home counts, without its one-group reading, since
 * here no expected number is shown to catch a misreading. Ranges are the caller's to check.
 */
export function readTypedNumber(text: string, { whole }: { whole: boolean }): TypedNumber {
  const typed = text.trim();
  if (typed === '') return { kind: 'empty' };
  const sign = MINUS.test(typed) ? -1 : 1;
  const body = typed.replace(SIGN, '');
  const digits = digitsOf(body);
  if (digits === undefined) return { kind: 'unclear', message: notANumber(typed, whole) };
  if (digits.kind === 'either') return { kind: 'unclear', message: eitherWay(typed, digits, whole) };
  const value = sign * Number(`${digits.int === '' ? '0' : digits.int}.${digits.fraction}`);
  if (whole && !Number.isInteger(value))
    return { kind: 'unclear', message: `Enter a whole number (“${shorten(typed)}” is not one).` };
  return { kind: 'number', value };
}

type Digits =
  | { kind: 'clear'; int: string; fraction: string }
  | { kind: 'either'; int: string; separator: string; fraction: string };

/** The integer and decimal digits of an unsigned body, `either` when one separator could be both. */
function digitsOf(body: string): Digits | undefined {
  const plain = PLAIN.exec(body);
  if (plain !== null) {
    const [, int = '', separator, fraction = ''] = plain;
    if (int === '' && fraction === '') return undefined;
    // 0,125 is never a thousands group; 1,250 may be.
    const maybeThousands = separator !== undefined && fraction.length === 3 && /^[1-9]\d{0,2}$/.test(int);
    return maybeThousands ? { kind: 'either', int, separator, fraction } : { kind: 'clear', int, fraction };
  }
  const grouped = GROUPED.exec(body);
  if (grouped === null) return undefined;
  const [, head = '', group = '', rest = '', decimal, fraction = ''] = grouped;
  // 1.000,5 and 1,000.5 are clear; 1.000.5 is not (a point cannot both group and mark decimals).
  if (decimal !== undefined && decimal === group) return undefined;
  // A lone point or comma group without decimals (1.000) matched PLAIN already.
  return { kind: 'clear', int: head + rest.split(group).join(''), fraction };
}

function eitherWay(typed: string, d: { int: string; separator: string; fraction: string }, whole: boolean) {
  const sign = MINUS.test(typed) ? '-' : '';
  const thousands = `${sign}${d.int}${d.fraction}`;
  const fraction = d.fraction.replace(/0+$/, '');
  const decimal = `${sign}${d.int}${fraction === '' ? '' : d.separator + fraction}`;
  const how = whole
    ? `type ${thousands}, without a separator`
    : `type ${thousands} without a separator, or ${decimal}`;
  return `“${typed}” could be ${thousands} or ${decimal}: ${how}.`;
}

function notANumber(typed: string, whole: boolean): string {
  return whole
    ? `“${shorten(typed)}” is not a whole number: type digits only, like 25.`
    : `“${shorten(typed)}” is not a number: type digits, with a comma or point for decimals, like 2,5.`;
}

/** Quotes pasted text whole only when it is short; the field above shows it anyway. */
function shorten(text: string): string {
  return text.length <= 20 ? text : `${text.slice(0, 19)}…`;
}
