import { z } from 'zod';

/** Something the operator must see: a corrupt file moved aside, a failed write, a lapsed lease. */
export const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  detail: z.string(),
  at: z.number().int(),
});
export type Notice = z.infer<typeof NoticeSchema>;
