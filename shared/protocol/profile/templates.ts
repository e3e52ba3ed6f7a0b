import { SERIAL_NUMBER_PATTERN } from '../listener/callback-schemas';

/**
 * `{serial}` templates of the protocol profile (protocol.md §6): checking, filling and matching.
 * A template is plain text with exactly one `{serial}`; serials are the listener's serial numbers
 * (`A-Z a-z 0-9 . _ -`), so a filled topic can never gain a level separator or an MQTT wildcard.
 */

export const SERIAL_PLACEHOLDER = '{serial}';

const MAX_TEMPLATE_LENGTH = 256;

/** What is wrong with a template, as sentences that say what to fix; empty when it is usable. */
export function templateProblems(template: string, kind: 'topic' | 'node id'): string[] {
  const problems: string[] = [];
  if (template.length === 0)
    return [`must not be empty; e.g. ${kind === 'topic' ? 'a/b/{serial}' : '{serial}_site_0'}`];
  if (template.length > MAX_TEMPLATE_LENGTH)
    problems.push(`must be at most ${MAX_TEMPLATE_LENGTH} characters`);
  const count = template.split(SERIAL_PLACEHOLDER).length - 1;
  if (count !== 1) problems.push(`must contain ${SERIAL_PLACEHOLDER} exactly once (found ${count})`);
  const others = template.replaceAll(SERIAL_PLACEHOLDER, '').match(/\{[^}]*\}?|\}/g);
  if (others !== null) {
    problems.push(
      `has ${others.map((o) => `"${o}"`).join(', ')}: the only placeholder is ${SERIAL_PLACEHOLDER}`,
    );
  }
  if (/\s/.test(template)) problems.push('must not contain spaces or other white space');
  if (kind === 'topic') {
    if (/[+#]/.test(template)) problems.push("must not contain the MQTT wildcards '+' or '#'");
    if (template.includes('\u0000')) problems.push('must not contain a NUL character');
    if (template.startsWith('$')) problems.push("must not start with '$' (reserved for broker topics)");
    if (template.split('/').some((level) => level === '')) {
      problems.push("must not have an empty topic level (a leading or trailing '/', or '//')");
    }
  }
  return problems;
}

/** True for a serial that may be put into a template (the listener's serial number format). */
export const isSerial = (serial: string): boolean => SERIAL_NUMBER_PATTERN.test(serial);

/** Fills `{serial}`; throws on a serial outside the serial number format (it could inject a topic level). */
export function fillTemplate(template: string, serial: string): string {
  if (!isSerial(serial)) {
    throw new Error(
      `invalid serial ${JSON.stringify(serial)}: must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'`,
    );
  }
  return template.split(SERIAL_PLACEHOLDER).join(serial);
}

/** The serial a filled template carries, or null when `text` is not an instance of `template`. */
export function matchTemplate(template: string, text: string): string | null {
  const at = template.indexOf(SERIAL_PLACEHOLDER);
  if (at < 0) return null;
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + SERIAL_PLACEHOLDER.length);
  if (text.length < prefix.length + suffix.length) return null;
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return null;
  const serial = text.slice(prefix.length, text.length - suffix.length);
  return isSerial(serial) ? serial : null;
}

/** True when `{serial}` fills a whole topic level, so `+` can stand in for it in a subscription. */
export function serialIsWholeLevel(template: string): boolean {
  const at = template.indexOf(SERIAL_PLACEHOLDER);
  if (at < 0) return false;
  const end = at + SERIAL_PLACEHOLDER.length;
  return (at === 0 || template[at - 1] === '/') && (end === template.length || template[end] === '/');
}

/** The template with `{serial}` replaced by the `+` wildcard (only meaningful for a whole level). */
export const wildcardOf = (template: string): string => template.split(SERIAL_PLACEHOLDER).join('+');
