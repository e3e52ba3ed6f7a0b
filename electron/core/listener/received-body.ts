import type { CallbackRecord } from '../../../shared/protocol/listener';

/*
 * The JSON body parser already turned a callback's text into an object (`req.body`), exactly as
 * `JSON.parse` of the raw text would. The journal keeps the body as received (unknown fields
 * included), so the core needs that object; handing it over with the record saves parsing the
 * same text a second time per call. Kept beside the record rather than in it: the record's shape
 * is the listener contract, and this is only a shortcut for its `raw.body`.
 */
const received = new WeakMap<CallbackRecord, Record<string, unknown>>();

/** Remembers the parsed form of `record.raw.body` (a JSON object). */
export function rememberReceivedBody(record: CallbackRecord, body: unknown): void {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    received.set(record, body as Record<string, unknown>);
}

/** `record.raw.body` as the listener parsed it, when it did; the caller parses the text otherwise. */
export function receivedBodyOf(record: CallbackRecord): Record<string, unknown> | undefined {
  return received.get(record);
}
