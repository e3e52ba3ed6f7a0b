import type { InboxItem } from '../../../shared/domain/fleet/inbox-item';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Inventory } from '../inventory/inventory';
import type { ContractMatcher } from './contract-matcher';

/**
 * What waits for an operator: every pending onboarding, matched against the contracts, and every
 * serial that called without onboarding. Repeated calls of one controller are one item.
 */
export async function inboxItems(inventory: Inventory, matcher: ContractMatcher): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const installation of inventory.listInstallations()) {
    if (installation.onboarding.state !== 'pending') continue;
    // Its onboarding calls only: a pending controller also reports health every few minutes. Right
    // after a start the older journal segments may still be being indexed: the inbox shows what is
    // there and says so (the core refreshes it once indexing is done) rather than wait for it.
    const { entries, complete } = await inventory.timelines.entriesSoFar(installation.serial, {
      types: ['callback.onboarding'],
    });
    const calls = distinctEvents(entries);
    const match = matcher.match(installation);
    const lastAt = calls.at(-1)?.at ?? installation.lastSeen.onboarding ?? installation.firstSeenAt;
    items.push({
      serial: installation.serial,
      kind: 'onboarding',
      calls: calls.length,
      callsComplete: complete,
      firstAt: (complete ? calls[0]?.at : undefined) ?? installation.firstSeenAt,
      lastAt,
      requestedContractNumber: installation.requestedContractNumber,
      address: installation.address,
      devices: installation.devices,
      flags: match.flags,
      suggestions: match.suggestions,
      lastBody: lastBody(calls.at(-1)),
    });
  }
  for (const unknown of inventory.unknownSerials()) {
    // Count and times come from the state; only the last body is read, and it may not be indexed yet.
    const { entries, complete } = await inventory.timelines.entriesSoFar(unknown.serial, { last: 1 });
    const [last] = entries;
    items.push({
      serial: unknown.serial,
      kind: 'unknown-serial',
      calls: unknown.count,
      callsComplete: complete || last !== undefined,
      firstAt: unknown.firstAt,
      lastAt: unknown.lastAt,
      requestedContractNumber: null,
      address: null,
      devices: [],
      flags: [],
      suggestions: [],
      lastBody: lastBody(last),
    });
  }
  return items.sort((a, b) => b.lastAt - a.lastAt);
}

/** A repeat of one event (a retry, a replay after a restart) is one call, however often it was journaled. */
function distinctEvents(entries: JournalEntry[]): JournalEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = 'eventKey' in e ? e.eventKey : undefined;
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lastBody(entry: JournalEntry | undefined): Record<string, unknown> | null {
  return entry && 'body' in entry ? entry.body : null;
}
