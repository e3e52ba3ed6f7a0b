import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import type { Inventory } from '../inventory/inventory';

/**
 * Whether a callback draft carries an idempotency key the inventory recorded for a call with
 * another body. The listener refuses such a call itself while it remembers the key (since it
 * started); after a restart only the inventory still knows the key, and without this check the
 * call, a new event under an old key, would be taken as a repeat: answered 202 with no effect.
 * A key recorded by an earlier build (no digest) cannot tell, and counts as a repeat as before.
 */
export function reusesKeyForAnotherBody(
  inventory: Pick<Inventory, 'eventDigest'>,
  draft: JournalDraft,
): boolean {
  if (!('eventKey' in draft) || draft.eventKey === undefined || draft.bodyDigest === undefined) return false;
  const first = inventory.eventDigest(draft.eventKey);
  return first !== undefined && first !== draft.bodyDigest;
}
