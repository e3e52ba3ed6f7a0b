import { z } from 'zod';
import { SerialNumberSchema } from './callback-schemas';

/**
 * A listener bearer token as it is stored: only the SHA-256 digest of the secret is kept, so a
 * leaked data file does not leak working tokens. `serial` binds the token to one controller
 * (Eniris advises one token per controller); `null` makes it an integration token valid for any
 * serial.
 */
export const ListenerTokenSchema = z.object({
  id: z.string().min(1).max(100),
  label: z.string().max(200),
  serial: SerialNumberSchema.nullable(),
  /** Lower-case hex SHA-256 of the UTF-8 secret. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().optional(),
});
export type ListenerToken = z.infer<typeof ListenerTokenSchema>;

/** What Settings may show of a token: everything but the digest. */
export const ListenerTokenInfoSchema = ListenerTokenSchema.omit({ hash: true });
export type ListenerTokenInfo = z.infer<typeof ListenerTokenInfoSchema>;
