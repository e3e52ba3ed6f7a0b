import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import type { OpenCommand } from '../../../shared/domain/inventory/open-commands';
import { createdDraft, outcomeDraft } from './control-journal';
import type { CommandRecord } from './command-record';

const ACTOR = 'control';

/**
 * What control writes after a backup is restored, so the journal says again which commands are in
 * force. The restored journal is the backup's: it lacks the commands sent since the backup was
 * taken, and it may show commands open that have ended since. Control's memory is what the
 * controllers really follow, and the next start recovers from the journal's open commands
 * (restart-recovery.ts): without this, a battery still following our last refresh showed as on
 * local control after a restart, and a command long ended was ended again as if it had just lapsed.
 *
 * - A command in force or unsettled here and not open in the journal: its creation again (and its
 *   confirmation, when confirmed), under its own id.
 * - A command open in the journal and not in force here: its outcome as this run knows it, else
 *   (it ended before this run, in the journal the restore set aside) `expired`, saying so.
 */
export function restoreReconcileDrafts(
  commands: ReadonlyMap<string, CommandRecord>,
  openInJournal: readonly OpenCommand[],
  at: number,
): JournalDraft[] {
  const journalOpen = new Map(openInJournal.map((o) => [o.created.commandId, o]));
  const drafts: JournalDraft[] = [];
  for (const record of commands.values()) {
    // A draft whose creation is still being written: the restored journal gets it. One written
    // before the restore (still a draft until it is published) is in force in a moment: counted.
    if (record.ended || (record.state.state === 'draft' && !record.audited)) continue;
    const open = journalOpen.get(record.id);
    if (open === undefined) drafts.push(createdDraft(record, []));
    if (record.state.state === 'confirmed' && open?.confirmedAt === undefined)
      drafts.push(outcomeDraft(record, ACTOR));
  }
  for (const [commandId, open] of journalOpen) {
    const record = commands.get(commandId);
    if (record !== undefined && !record.ended) continue;
    drafts.push(
      record !== undefined
        ? outcomeDraft(record, ACTOR)
        : {
            type: 'command.outcome',
            at,
            actor: ACTOR,
            serial: open.created.serial,
            commandId,
            state: 'expired',
            detail:
              'Open in the restored backup, but it had ended before the restore (its end is in the journal the restore set aside): not in force.',
          },
    );
  }
  return drafts;
}
