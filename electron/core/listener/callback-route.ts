import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import {
  FieldErrorSchema,
  CALLBACK_BODY_SCHEMAS,
  type CallbackKind,
  type CallbackRecord,
} from '../../../shared/protocol/listener';
import { tokenOf } from './bearer-auth';
import { buildRecord, eventIdOf, idempotencyKeyOf, safeHeaders } from './callback-request';
import { rawBodyOf } from './json-body';
import { idempotencyScope } from './idempotency-store';
import { IdempotencyKeyReused, type IdempotentCalls } from './idempotent-calls';
import { HttpProblem, unavailable } from './problem';
import { validationProblem } from './validation-problem';
import type { Clock } from '../clock';
import type { ListenerLog } from './listener-log';

/**
 * The one way out of the listener: the core records the call durably and resolves. The listener
 * answers 202 only after that; a rejection becomes a 503 and the call is not remembered as done,
 * so the sender's retry runs it again.
 */
export type CallbackSink = (record: CallbackRecord) => Promise<void>;

/**
 * An authenticated call refused before the sink, with what it really sent. A schema, because it
 * crosses from the listener's thread into the core, where it is checked before it is kept.
 */
export const RefusedCallbackSchema = z.object({
  endpoint: z.string(),
  reason: z.string(),
  serial: z.string().optional(),
  tokenId: z.string(),
  receivedAt: z.number(),
  rawBody: z.string(),
  headers: z.record(z.string(), z.string()),
  errors: z.array(FieldErrorSchema),
});
export type RefusedCallback = z.infer<typeof RefusedCallbackSchema>;

export type CallbackRouteDeps = {
  sink: CallbackSink;
  onRefused?: ((refusal: RefusedCallback) => void) | undefined;
  calls: IdempotentCalls;
  clock: Clock;
  log: ListenerLog;
  /** After this long without the sink's answer the caller gets a 503; the record may still land. */
  sinkTimeoutMs: number;
};

const TIMED_OUT = Symbol('timed out');
const RETRY_HINT = 'retry later with the same eventId or Idempotency-Key.';

/** `work`'s outcome, or TIMED_OUT after `ms`; one promise and one timer (this runs per call). */
function deadline<T>(work: Promise<T>, ms: number, clock: Clock): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const handle = clock.setTimeout(() => resolve(TIMED_OUT), ms);
    // Both outcomes are subscribed at once, so a rejection after the deadline is still handled.
    work.then(
      (value) => {
        clock.clearTimeout(handle);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(handle);
        reject(error);
      },
    );
  });
}

/** Handler of `POST /v1/<kind>`: validate, check the token's serial, record once, answer 202. */
export function callbackHandler(kind: CallbackKind, deps: CallbackRouteDeps): RequestHandler {
  const schema = CALLBACK_BODY_SCHEMAS[kind];
  const { log, clock } = deps;
  const report = (
    req: Parameters<RequestHandler>[0],
    kind: CallbackKind,
    tokenId: string,
    reason: string,
    errors: RefusedCallback['errors'],
  ) => {
    if (!deps.onRefused) return;
    const body: unknown = req.body;
    const serial =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)['serialNumber']
        : undefined;
    deps.onRefused({
      endpoint: `/v1/${kind}`,
      reason,
      serial: typeof serial === 'string' && serial.length > 0 && serial.length <= 64 ? serial : undefined,
      tokenId,
      receivedAt: clock.now(),
      rawBody: rawBodyOf(req),
      headers: Object.fromEntries(
        Object.entries(safeHeaders(req)).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      errors,
    });
  };
  /** The 422 for a used key with another body; the request is kept as evidence, never applied. */
  const keyReused = (
    req: Parameters<RequestHandler>[0],
    kind: CallbackKind,
    tokenId: string,
    key: string,
    serial: string,
    source: 'Idempotency-Key' | 'eventId',
  ): HttpProblem => {
    log.warn(
      { kind, serial, tokenId, key },
      'listener call refused: idempotency key reused with another body',
    );
    report(req, kind, tokenId, 'Idempotency-Key reused with a different request', []);
    return new HttpProblem(
      422,
      'Idempotency-Key reused with a different request',
      `The ${source} "${key}" was already used for another ${kind} call for serial "${serial}": that first call was recorded, this one was not. Send a new event with a new ${source}; repeat a call only with the same body.`,
    );
  };
  return async (req, res) => {
    const token = tokenOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    // Plain first: zod's compiled fast path, which a params object turns off (4x slower on a
    // health body). A refused body is parsed again with its input reported, to word the problem.
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      const reported = schema.safeParse(req.body, { reportInput: true });
      const problem = validationProblem(reported.error ?? parsed.error, `/v1/${kind}`);
      // Authenticated, so the sender is one of ours and its integration is broken: worth a warning.
      log.warn(
        { kind, tokenId: token.id, errors: problem.extras.errors },
        'listener call refused: invalid body',
      );
      report(req, kind, token.id, 'invalid body', problem.extras.errors as RefusedCallback['errors']);
      throw problem;
    }
    const body = parsed.data;
    const serial = body.serialNumber;
    if (token.serial !== null && token.serial !== serial) {
      log.warn({ tokenId: token.id, serial, kind }, 'listener call refused: token bound to another serial');
      report(req, kind, token.id, 'token bound to another serial', []);
      const detail = `This token is bound to another controller and may not report for serial "${serial}"; use that controller's own token or an integration token.`;
      throw new HttpProblem(403, 'Forbidden', detail);
    }
    const eventId = eventIdOf(body, idempotencyKey);
    const record = buildRecord(req, { kind, body, eventId, token, receivedAt: clock.now() });
    const key = idempotencyKey ?? body.eventId;
    const scope = key === undefined ? undefined : idempotencyScope(token.id, kind, serial, key);
    // Only keyed calls can repeat, so only they pay for the digest.
    const bodySha256 =
      scope === undefined ? undefined : createHash('sha256').update(rawBodyOf(req)).digest('base64url');
    const outcome = deps.calls.run(
      scope,
      async () => {
        await deps.sink(record);
        // Debug, not info: the journal records every call already, and a fleet's calls at info would
        // be a log line per call (86 million a day at 1,000 a second) for nothing the journal lacks.
        log.debug({ kind, serial, eventId, tokenId: token.id }, 'listener call recorded');
        const storedAt = new Date(clock.now()).toISOString();
        const accepted = { received: true, serialNumber: serial, eventId } as const;
        return { status: 202, body: accepted, storedAt, ...(bodySha256 !== undefined && { bodySha256 }) };
      },
      bodySha256,
    );
    let answer;
    try {
      answer = await deadline(outcome, deps.sinkTimeoutMs, clock);
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) {
        const source = idempotencyKey === undefined ? 'eventId' : 'Idempotency-Key';
        throw keyReused(req, kind, token.id, key ?? '', serial, source);
      }
      log.error({ err: error, kind, serial, eventId }, 'listener call not recorded');
      throw unavailable(`The call could not be recorded right now; ${RETRY_HINT}`);
    }
    if (answer === TIMED_OUT) {
      log.warn({ kind, serial, eventId }, 'listener call not confirmed in time');
      throw unavailable(`Recording the call took too long; ${RETRY_HINT}`);
    }
    res.status(answer.status).json(answer.body);
  };
}
