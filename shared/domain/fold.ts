/** Anything but printable ASCII and line breaks: only such text can carry accents or compatibility forms. */
const BEYOND_ASCII = /[^\t\n\r\u0020-\u007e]/;

/**
 * Lower case without accents: the form every free-text search compares words in (fleet, contracts,
 * jump, Activity, contract matching), so "liege" finds Liège the same way everywhere, as operators
 * type on any keyboard. Plain ASCII text, most of it, skips the Unicode normalization, which costs
 * several times the lower-casing (Activity folds every distinct summary a search reads).
 */
export function fold(text: string): string {
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
