import { z } from 'zod';
import { JournalEntrySchema } from './journal-entry';
import { InventorySnapshotSchema } from './snapshot';

export const BACKUP_FORMAT = 'fleetdesk-inventory-backup';
export const BACKUP_VERSION = 1;

/**
 * One backup file: the state after entry `snapshot.seq` and every journal entry up to it, so a
 * restore brings back the audit trail and timelines as well as the data, and can prove that the
 * entries replay to the state.
 */
export const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_VERSION),
  createdAt: z.number().int(),
  snapshot: InventorySnapshotSchema,
  entries: z.array(JournalEntrySchema),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;
