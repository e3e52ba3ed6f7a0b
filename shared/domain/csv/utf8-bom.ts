/**
 * The UTF-8 byte order mark. Excel opens a CSV file without it in the system's ANSI code page
 * (Windows-1252 in Western Europe), so "Gérard Dupré, Liège" reads "GÃ©rard DuprÃ©, LiÃ¨ge".
 * Every CSV file Fleetdesk hands out starts with it; the contract import strips it again
 * (`withoutBom`), so an exported file reads back unchanged.
 */
export const UTF8_BOM = '\uFEFF';

/** A CSV file's text parts with the byte order mark in front (once, however often it is asked). */
export function withUtf8Bom<T>(parts: readonly T[]): Array<T | string> {
  const first = parts[0];
  return typeof first === 'string' && first.startsWith(UTF8_BOM) ? [...parts] : [UTF8_BOM, ...parts];
}
