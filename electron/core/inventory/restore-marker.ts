import { existsSync, readFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { nodeJournalIo } from '../journal/journal-io';
import { quarantine } from '../store/quarantine';
import { writeFileAtomic } from './atomic-file';

/** In the data folder while a restore moves files: its presence at start-up means one was cut short. */
export const RESTORE_MARKER = 'restore-in-progress.json';

/** A name directly in the data folder (never a path that leads out of it). */
const plainName = (prefix: string) =>
  z
    .string()
    .startsWith(prefix)
    .regex(/^[^/\\]+$/)
    .refine((name) => name !== '.' && name !== '..');

/**
 * What a restore is about to do, written (durably) before it moves anything: enough to finish it
 * or undo it at the next start, and to journal it as the restore would have. Folders and files
 * are named relative to the data folder, so a moved or relatively named data folder still works.
 */
export const RestoreMarkerSchema = z.object({
  format: z.literal('fleetdesk-restore-in-progress'),
  startedAt: z.number().int(),
  /** The backup file restored from, and who asked for it. */
  origin: z.string(),
  actor: z.string(),
  /** The last entry of the journal being replaced. */
  replacedSeq: z.number().int().nonnegative(),
  /** The restored journal, complete and durable, waiting to go in the journal's place. */
  staged: plainName('journal.restoring-'),
  /** Where the journal and snapshot being replaced go (`journal/`, `inventory.json`). */
  aside: plainName('inventory.replaced-'),
  /** The snapshot file's name in the data folder. */
  snapshot: plainName('').regex(/\.json$/),
});
export type RestoreMarker = z.infer<typeof RestoreMarkerSchema>;

export type MarkerRead =
  | { kind: 'none' }
  | { kind: 'found'; marker: RestoreMarker }
  | { kind: 'unreadable'; reason: string; movedTo: string };

/** Writes the marker and makes it durable (file and folder) before the first move. */
export async function writeRestoreMarker(
  dataDir: string,
  marker: Omit<RestoreMarker, 'format'>,
): Promise<void> {
  const doc: RestoreMarker = { format: 'fleetdesk-restore-in-progress', ...marker };
  await writeFileAtomic(join(dataDir, RESTORE_MARKER), `${JSON.stringify(doc, undefined, 2)}\n`);
}

/** Removes the marker once the restore's files are settled, durably. */
export async function removeRestoreMarker(dataDir: string): Promise<void> {
  await unlink(join(dataDir, RESTORE_MARKER));
  await nodeJournalIo.syncDir(dataDir);
}

/** The marker, if there is one; one that does not parse is moved aside (kept) and said so. */
export function readRestoreMarker(dataDir: string, now: number): MarkerRead {
  const path = join(dataDir, RESTORE_MARKER);
  if (!existsSync(path)) return { kind: 'none' };
  let reason: string;
  try {
    const parsed = RestoreMarkerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { kind: 'found', marker: parsed.data };
    reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  return { kind: 'unreadable', reason, movedTo: quarantine(path, now) };
}
