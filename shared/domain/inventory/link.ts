import { z } from 'zod';

/** What caused a link change: a callback (ref = its request id) or an operator action (ref = its id). */
export const LinkSourceSchema = z.object({
  kind: z.enum(['callback', 'operator']),
  ref: z.string(),
});
export type LinkSource = z.infer<typeof LinkSourceSchema>;

/** A serial ↔ contract link: who made it (operator name or `auto`), when, why and from what. */
export const LinkSchema = z.object({
  serial: z.string(),
  contractNumber: z.string(),
  linkedAt: z.number().int(),
  by: z.string(),
  reason: z.string(),
  source: LinkSourceSchema,
});
export type Link = z.infer<typeof LinkSchema>;

/** A link as kept in history: `ended` is set once it no longer holds, with the same who/why/what. */
export const LinkRecordSchema = LinkSchema.extend({
  ended: z
    .object({ at: z.number().int(), by: z.string(), reason: z.string(), source: LinkSourceSchema })
    .optional(),
});
export type LinkRecord = z.infer<typeof LinkRecordSchema>;

/** The link currently in force for a serial: the last record of its history, if not ended. */
export function activeLinkOf(history: readonly LinkRecord[] | undefined): LinkRecord | undefined {
  const last = history?.at(-1);
  return last && !last.ended ? last : undefined;
}
