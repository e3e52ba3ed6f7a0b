/*
 * Every CSV Fleetdesk writes holds text from the field (controllers, imports, operators), so a cell
 * must never reach a spreadsheet as a formula. papaparse's `escapeFormulae: true` pattern is
 * /^[=+\-@\t\r].*$/, which misses a cell that starts with `=` and goes on over a line break (`.`
 * stops at the newline and `$` needs the end): "=HYPERLINK(…)\nhi" would run. Anchoring only the
 * start closes that gap; papaparse then prefixes the cell with a quote.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The papaparse `unparse` options every export uses: formula-safe cells and CRLF (RFC 4180). */
export const SAFE_CSV_OPTIONS = { escapeFormulae: FORMULA_START, newline: '\r\n' } as const;
