import { z } from 'zod';

/** Error codes that cross a process boundary; the UI words its messages from these. */
export const ErrorCodeSchema = z.enum([
  'invalid-request',
  'unknown-method',
  'forbidden',
  'not-found',
  'conflict',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every call answers with this envelope: errors are data across processes, never thrown. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Builds the zod schema of a `Result<T>` envelope, used to validate answers on the client side. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
