import { z } from 'zod';
import { CommandCreatedEntrySchema, type EntryOf, type JournalEntry } from './journal-entry';

/**
 * A command the journal shows created and not ended: still unsettled (no confirmation yet) or in
 * force (confirmed). After a restart control ends each of them (EC-3, restart-recovery.ts); the
 * inventory state keeps them, so recovery needs neither a scan of the whole journal nor more than
 * the snapshot and the journal after it.
 */
export type OpenCommand = {
  created: EntryOf<'command.created'>;
  /** When it was confirmed (it is then in force), if it was. */
  confirmedAt?: number | undefined;
};

export const OpenCommandSchema = z.object({
  created: CommandCreatedEntrySchema,
  confirmedAt: z.number().int().optional(),
});

/**
 * Keeps `open` (by command id, in creation order) in step with one entry: a created command opens,
 * a confirmation marks it in force, any other outcome ends it. An outcome for a command that is not
 * open changes nothing. Records are replaced, never mutated (they are shared with snapshots).
 */
export function trackOpenCommand(open: Map<string, OpenCommand>, entry: JournalEntry): void {
  if (entry.type === 'command.created') {
    open.set(entry.commandId, { created: entry });
    return;
  }
  if (entry.type !== 'command.outcome') return;
  const current = open.get(entry.commandId);
  if (current === undefined) return;
  if (entry.state === 'confirmed') open.set(entry.commandId, { ...current, confirmedAt: entry.at });
  else open.delete(entry.commandId);
}

/** The open commands after `entries` (a whole journal, or one read from its start). */
export function openCommandsOf(entries: Iterable<JournalEntry>): Map<string, OpenCommand> {
  const open = new Map<string, OpenCommand>();
  for (const entry of entries) trackOpenCommand(open, entry);
  return open;
}
