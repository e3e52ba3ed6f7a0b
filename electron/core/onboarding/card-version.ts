import type { Inventory } from '../inventory/inventory';
import { ApiFailure } from '../api/dispatch';

/**
 * The version of a serial's inbox card: the sequence number of the last onboarding call it shows,
 * null when it shows none (a serial that never onboarded). Its repeats do not change it (they have
 * no effect), a new call does, whatever it names. Kept in the state's inbox history, so a card
 * keeps its version once the call's journal entry is archived away.
 */
export function cardVersion(inventory: Inventory, serial: string): number | null {
  return inventory.inboxHistory(serial)?.onboarding?.lastSeq ?? null;
}

/**
 * Refuses a decision taken on a card older than the serial's last onboarding call (`shown`, the
 * card's `lastCallSeq`): the newer call may name another contract, which the decision would bury.
 * No check when the request does not say what its card showed (callers other than the inbox card).
 */
export function assertCardCurrent(
  inventory: Inventory,
  serial: string,
  shown: number | null | undefined,
): void {
  if (shown === undefined) return;
  if (cardVersion(inventory, serial) !== shown)
    throw new ApiFailure('conflict', `A newer call arrived from ${serial}; look at the card again.`);
}
