import { formatCount } from '../lib/format';

/**
 * What a text field that stops at `max` characters says under it: nothing while the text is well
 * short of the limit, how much is used near it, and that it is full at it. A browser stops typed or
 * pasted text at the field's maxLength without a sign, so without these words a long paste (a
 * customer's e-mail) would lose its end unnoticed.
 */
export function lengthWords(length: number, max: number): string | undefined {
  if (length < max * 0.9) return undefined;
  return length >= max
    ? `${formatCount(max)} characters, the most it keeps`
    : `${formatCount(length)} of ${formatCount(max)} characters`;
}
