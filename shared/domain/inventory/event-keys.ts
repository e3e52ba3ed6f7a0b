/**
 * How many idempotency keys the state remembers: the most recent ones, oldest forgotten first.
 * Without a bound the state grew by one key per callback for good, in memory and in every snapshot:
 * 10,000 controllers reporting every 5 minutes add ~2.9 million keys a day, over 500 MB. 100,000
 * keys (~11 MB) cover the last ~50 minutes of such a fleet and many hours of a smaller one; the
 * listener answers quicker repeats itself, and a repeat older than that is recorded again.
 */
export const MAX_EVENT_KEYS = 100_000;
