import { readFile } from 'node:fs/promises';
import { replay } from '../../../shared/domain/inventory/apply-entry';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileSchema,
  type BackupFile,
} from '../../../shared/domain/inventory/backup-file';
import { GENESIS_HASH, type JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import {
  fromSnapshot,
  openCommandsKnown,
  stateFingerprint,
  type InventorySnapshot,
} from '../../../shared/domain/inventory/snapshot';
import { encodeEntry, type UnhashedEntry } from '../journal/line-codec';
import { writeFileAtomic } from './atomic-file';

/** A backup that failed validation; the message says what is wrong. Nothing was replaced. */
export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}

/** Writes one backup file atomically; returns its size in bytes. */
export async function writeBackupFile(
  filePath: string,
  snapshot: InventorySnapshot,
  entries: JournalEntry[],
  createdAt: number,
): Promise<number> {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_VERSION,
    createdAt,
    snapshot,
    entries,
  };
  const data = Buffer.from(JSON.stringify(file));
  await writeFileAtomic(filePath, data);
  return data.length;
}

/**
 * Reads and checks a backup before anything is replaced: the schemas, the hash of every entry,
 * an unbroken chain from the first entry, and that the entries replay to the snapshot it holds.
 */
export async function readBackupFile(filePath: string): Promise<BackupFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(filePath, 'utf8'));
  } catch (error) {
    throw new BackupInvalidError(
      `${filePath} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = BackupFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new BackupInvalidError(`${filePath} is not a Fleetdesk inventory backup (${issues.join('; ')})`);
  }
  const backup = parsed.data;
  verifyChain(backup.entries, backup.snapshot.seq);
  const replayed = replay(backup.entries);
  const claimed = fromSnapshot(backup.snapshot);
  // A backup from a build that did not keep open commands in the state claims none: the entries,
  // which it proves, are then the only word on them.
  if (!openCommandsKnown(backup.snapshot)) claimed.openCommands = replayed.openCommands;
  if (stateFingerprint(replayed) !== stateFingerprint(claimed)) {
    throw new BackupInvalidError('the journal in the backup does not replay to the state it holds');
  }
  return backup;
}

function verifyChain(entries: JournalEntry[], lastSeq: number): void {
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const entry of entries) {
    const { hash, ...unhashed } = entry;
    if (entry.seq !== prev.seq + 1 || entry.prevHash !== prev.hash) {
      throw new BackupInvalidError(`the backup's journal breaks at entry ${entry.seq} (after ${prev.seq})`);
    }
    if (encodeEntry(unhashed as UnhashedEntry).entry.hash !== hash) {
      throw new BackupInvalidError(`entry ${entry.seq} in the backup does not match its hash`);
    }
    prev = { seq: entry.seq, hash };
  }
  if (prev.seq !== lastSeq)
    throw new BackupInvalidError(`the backup's journal ends at ${prev.seq}, its state at ${lastSeq}`);
}
