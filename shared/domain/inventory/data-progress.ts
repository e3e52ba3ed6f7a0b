import { z } from 'zod';

/** How far a backup or a restore is: journal entries written or checked, of all it has to do. */
export const DataProgressSchema = z.object({
  task: z.enum(['backup', 'restore']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type DataProgress = z.infer<typeof DataProgressSchema>;

/** Told of the entries done so far, as often as the work likes; the receiver decides how often to pass it on. */
export type OnProgress = (done: number, total: number) => void;
