import { z } from 'zod';

/**
 * How far a long data task is, of all it has to do: a backup (journal entries written), a restore
 * (entries checked), reading a contract CSV to preview or import it (characters read).
 */
export const DataProgressSchema = z.object({
  task: z.enum(['backup', 'restore', 'contracts-preview', 'contracts-import']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type DataProgress = z.infer<typeof DataProgressSchema>;

/** Told of the work done so far, as often as the work likes; the receiver decides how often to pass it on. */
export type OnProgress = (done: number, total: number) => void;
