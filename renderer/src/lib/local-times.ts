import dayjs from 'dayjs';

/** An ISO 8601 instant in UTC as the core writes it into journal texts (`toISOString()`). */
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/**
 * A core-written text with its UTC instants in the operator's local time, to the second: the
 * journal keeps them in UTC (unambiguous in exports and backups), but "back in local control at
 * about 2026-11-28T13:04:05.000Z" reads an hour off in Brussels. Everything else is left as is.
 */
export function withLocalTimes(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss'));
}
