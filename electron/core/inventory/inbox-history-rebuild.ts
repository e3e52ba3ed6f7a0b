import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import type { Journal } from '../journal/journal';

/**
 * Gives `state`, loaded from a snapshot an earlier build wrote (without the inbox history), the
 * inbox history the whole journal up to it shows, archive included: the waiting cards' calls,
 * last bodies and early notes are in entries the timeline index may no longer hold. The history
 * depends on the rest of the state at each entry (whether the serial had onboarded, whether a call
 * repeated an event), so the entries are replayed onto a scratch state and only its history is
 * taken: everything else stays as the snapshot has it. Once per upgrade: the next snapshot holds it.
 */
export async function rebuildInboxHistory(journal: Journal, state: InventoryState): Promise<void> {
  const replayed = emptyState();
  await journal.replaySince(0, (entry) => {
    if (entry.seq <= state.seq) applyEntry(replayed, entry);
  });
  state.inboxHistory = replayed.inboxHistory;
}
