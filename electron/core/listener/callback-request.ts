import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type {
  CallbackBody,
  CallbackKind,
  CallbackRecord,
  ListenerToken,
  RawCallback,
} from '../../../shared/protocol/listener';
import { clientAddress } from './client-address';
import { rawBodyOf } from './json-body';
import { rememberReceivedBody } from './received-body';
import { HttpProblem } from './problem';

const MAX_KEY_LENGTH = 200;

/** `Idempotency-Key`: 1-200 visible ASCII characters (inner spaces allowed), or absent. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return undefined;
  // Node joins repeated custom headers with ", "; the typing still allows an array.
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(key)) {
    const rule = `must be 1-${MAX_KEY_LENGTH} visible ASCII characters`;
    throw new HttpProblem(400, 'Invalid header', `Idempotency-Key ${rule}.`, {
      errors: [{ field: 'Idempotency-Key', message: rule }],
    });
  }
  return key;
}

/** The headers kept with the record: enough to diagnose a sender, never its credentials. */
export function safeHeaders(req: Request): RawCallback['headers'] {
  const kept: RawCallback['headers'] = {};
  for (const name of ['content-type', 'user-agent', 'idempotency-key'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** The event id the answer and record carry: the sender's, else its idempotency key, else a new UUID. */
export function eventIdOf(body: CallbackBody, idempotencyKey: string | undefined): string {
  return body.eventId ?? idempotencyKey ?? randomUUID();
}

/** Builds the record handed to the sink: validated body, exact raw text, who sent it and when. */
export function buildRecord(
  req: Request,
  call: { kind: CallbackKind; body: CallbackBody; eventId: string; token: ListenerToken; receivedAt: number },
): CallbackRecord {
  const { kind, body, eventId, token } = call;
  // `kind` and `body` come from the same CALLBACK_BODY_SCHEMAS entry, which TypeScript cannot
  // correlate through the index; the pair is consistent by construction.
  const record = {
    kind,
    body,
    serial: body.serialNumber,
    eventId,
    receivedAt: new Date(call.receivedAt).toISOString(),
    tokenId: token.id,
    remoteAddress: clientAddress(req),
    raw: { headers: safeHeaders(req), body: rawBodyOf(req) },
  } as CallbackRecord;
  // `req.body` is the raw text as JSON-parsed (json-body.ts); the journal keeps that form.
  rememberReceivedBody(record, req.body);
  return record;
}
