import { z } from 'zod';
import { JournalEntrySchema } from './journal-entry';
import { InventorySnapshotSchema } from './snapshot';

export const BACKUP_FORMAT = 'fleetdesk-inventory-backup';

/**
 * Version 1: one JSON document holding the state and every journal entry. Written up to
 * 26 Nov 2026 and still restored. It had to be built as one string, which V8 caps at ~512 MiB:
 * past about a million entries (days of health calls at a thousand controllers) the backup
 * failed with "Invalid string length".
 */
export const BACKUP_VERSION_SINGLE_DOCUMENT = 1;

/**
 * Version 2, what Fleetdesk writes: gzip-compressed JSON Lines. The first line is the header
 * below (the state after entry `snapshot.seq`); every later line is one journal entry exactly as
 * the journal stores it, in order, up to that entry. Written and read as a stream, so its size
 * has no limit but the disk.
 */
export const BACKUP_VERSION_STREAM = 2;

/** One backup file of version 1. */
export const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_VERSION_SINGLE_DOCUMENT),
  createdAt: z.number().int(),
  snapshot: InventorySnapshotSchema,
  entries: z.array(JournalEntrySchema),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

/** The first line of a version 2 backup. */
export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_VERSION_STREAM),
  createdAt: z.number().int(),
  /** How many entry lines follow: the restore checks that none is missing. */
  entries: z.number().int().nonnegative(),
  snapshot: InventorySnapshotSchema,
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;
