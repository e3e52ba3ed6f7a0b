import { z } from 'zod';
import {
  EventIdSchema,
  HealthCallbackSchema,
  OffboardingCallbackSchema,
  OnboardingCallbackSchema,
  SerialNumberSchema,
} from './callback-schemas';

/**
 * What the listener keeps of the request as it arrived: a safe subset of the headers (never
 * `Authorization`) and the exact body text, so the inbox can show what the controller really sent
 * and a later parser can re-read fields we do not understand yet.
 */
export const RawCallbackSchema = z.object({
  headers: z.object({
    'content-type': z.string().optional(),
    'user-agent': z.string().optional(),
    'idempotency-key': z.string().optional(),
  }),
  body: z.string(),
});
export type RawCallback = z.infer<typeof RawCallbackSchema>;

const recordFields = {
  serial: SerialNumberSchema,
  /** The sender's `eventId`, else its `Idempotency-Key`, else a UUID the listener generated. */
  eventId: EventIdSchema,
  /** ISO 8601, from the listener's clock. */
  receivedAt: z.iso.datetime(),
  /** The id (not the secret) of the token that authenticated the call. */
  tokenId: z.string().min(1),
  remoteAddress: z.string(),
  raw: RawCallbackSchema,
};

/**
 * One authenticated, validated callback as the listener hands it to the core. `body` is the
 * validated body with unknown fields kept.
 */
export const CallbackRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onboarding'), body: OnboardingCallbackSchema, ...recordFields }),
  z.object({ kind: z.literal('offboarding'), body: OffboardingCallbackSchema, ...recordFields }),
  z.object({ kind: z.literal('health'), body: HealthCallbackSchema, ...recordFields }),
]);
export type CallbackRecord = z.infer<typeof CallbackRecordSchema>;

/** The `202 Accepted` body: the call is durably recorded. */
export const CallbackAcceptedSchema = z.object({
  received: z.literal(true),
  serialNumber: SerialNumberSchema,
  eventId: EventIdSchema,
});
export type CallbackAccepted = z.infer<typeof CallbackAcceptedSchema>;

/** One offending field of a `400` answer; `field` is a path such as `devices[0].type`. */
export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** An RFC 9457 problem document as the listener sends it (`application/problem+json`). */
export const ListenerProblemSchema = z.looseObject({
  type: z.string(),
  status: z.int(),
  title: z.string(),
  detail: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type ListenerProblem = z.infer<typeof ListenerProblemSchema>;
