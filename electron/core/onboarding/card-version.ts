import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Inventory } from '../inventory/inventory';
import { ApiFailure } from '../api/dispatch';

/**
 * A repeat of one event (a retry, a replay after a restart) is one call, however often it was
 * journaled: its first entry stands for it.
 */
export function distinctEvents(entries: JournalEntry[]): JournalEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = 'eventKey' in e ? e.eventKey : undefined;
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The version of a serial's inbox card: the sequence number of the last onboarding call it shows,
 * null when it shows none (a serial that never onboarded). Its repeats do not change it, a new call
 * does, whatever it names.
 */
export const lastCallSeqOf = (calls: readonly JournalEntry[]): number | null => calls.at(-1)?.seq ?? null;

/** Retries of the read when the installation changes under it, before the last read stands. */
const READS = 3;

/**
 * Refuses a decision taken on a card older than the serial's last onboarding call (`shown`, the
 * card's `lastCallSeq`): the newer call may name another contract, which the decision would bury.
 * No check when the request does not say what its card showed (callers other than the inbox card).
 */
export async function assertCardCurrent(
  inventory: Inventory,
  serial: string,
  shown: number | null | undefined,
): Promise<void> {
  if (shown === undefined) return;
  let current: number | null = null;
  for (let read = 0; read < READS; read += 1) {
    // Records are replaced on every change: the same one after the read means no call came meanwhile.
    const before = inventory.getInstallation(serial);
    current = before ? await currentCallSeq(inventory, serial) : null;
    if (inventory.getInstallation(serial) === before) break;
  }
  if (current !== shown)
    throw new ApiFailure('conflict', `A newer call arrived from ${serial}; look at the card again.`);
}

async function currentCallSeq(inventory: Inventory, serial: string): Promise<number | null> {
  const { entries } = await inventory.timelines.entriesSoFar(serial, { types: ['callback.onboarding'] });
  return lastCallSeqOf(distinctEvents(entries));
}
