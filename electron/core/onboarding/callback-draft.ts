import { randomUUID } from 'node:crypto';
import type { CallbackRecord } from '../../../shared/protocol/listener/callback-record';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import { vouchedDraft } from '../inventory/vouched-drafts';
import { receivedBodyOf } from '../listener/received-body';
import { bodyDigestOf } from './body-digest';

/**
 * Turns an authenticated callback into its journal entry. The body is the request text parsed as
 * sent, every field, known or not (the listener's own parse of it when it hands that over, so the
 * text is not parsed twice); the idempotency key is scoped by endpoint and serial, so a retry
 * after a restart, even with a new token, has no second effect, and carries a digest of the raw
 * body, so a key used again for another call is refused even after a restart (event-key-reuse.ts).
 */
export function callbackDraft(
  record: CallbackRecord,
  at: number,
): { draft: JournalDraft; requestId: string } {
  const headers = Object.fromEntries(
    Object.entries({
      ...record.raw.headers,
      'x-remote-address': record.remoteAddress,
      'x-received-at': record.receivedAt,
    }).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
  const requestId = randomUUID();
  // Only a key the sender chose can come again: an id the listener generated (the call carried
  // neither eventId nor Idempotency-Key) is left out, so the inventory does not remember it.
  const senderKeyed =
    record.body.eventId !== undefined || record.raw.headers['idempotency-key'] !== undefined;
  const eventKey = senderKeyed ? `${record.kind}:${record.serial}:${record.eventId}` : undefined;
  const draft: JournalDraft = {
    type: `callback.${record.kind}`,
    at,
    actor: `token:${record.tokenId}`,
    serial: record.serial,
    requestId,
    ...(eventKey !== undefined && { eventKey, bodyDigest: bodyDigestOf(record.raw.body) }),
    body: receivedBodyOf(record) ?? parseRaw(record.raw.body, record.body),
    headers,
  };
  // Valid by construction: the listener validated serial and body, the rest is built here from
  // strings and the clock. A clock reading that is not a whole ms is left to commit's schema check.
  const valid = Number.isSafeInteger(at) && at >= 0;
  return { draft: valid ? vouchedDraft(draft) : draft, requestId };
}

/** The body exactly as received; the validated body only if the raw text is somehow not an object. */
function parseRaw(raw: string, validated: Record<string, unknown>): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through: the listener only passes bodies it parsed, so this is defensive
  }
  return validated;
}
