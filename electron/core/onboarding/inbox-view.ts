import { clearMatchContract, type InboxItem } from '../../../shared/domain/fleet/inbox-item';
import type { Installation } from '../../../shared/domain/inventory/installation';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Inventory } from '../inventory/inventory';
import type { ContractMatcher } from './contract-matcher';
import { distinctEvents, lastCallSeqOf } from './card-version';
import { clearContractOf, unsharedClearMatches } from './clear-matches';

/**
 * What waits for an operator: every pending onboarding and every linked controller whose calls
 * name another contract, matched against the contracts, and every serial that called without
 * onboarding. Repeated calls of one controller are one item.
 */
export async function inboxItems(inventory: Inventory, matcher: ContractMatcher): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const installation of inventory.listInstallations()) {
    if (!waits(installation)) continue;
    items.push(await onboardingItem(inventory, matcher, installation));
  }
  for (const unknown of inventory.unknownSerials()) {
    // Count and times come from the state; only the last body is read, and it may not be indexed yet.
    const { entries, complete } = await inventory.timelines.entriesSoFar(unknown.serial, { last: 1 });
    const [last] = entries;
    const notes = await notesOf(inventory, unknown.serial);
    items.push({
      serial: unknown.serial,
      kind: 'unknown-serial',
      calls: unknown.count,
      callsComplete: complete || last !== undefined,
      firstAt: unknown.firstAt,
      lastAt: unknown.lastAt,
      lastCallSeq: null,
      requestedContractNumber: null,
      address: null,
      devices: [],
      flags: [],
      suggestions: [],
      clearMatch: false,
      lastBody: lastBody(last),
      ...(notes.length > 0 && { notes }),
    });
  }
  return withoutSharedClearMatches(items).sort((a, b) => b.lastAt - a.lastAt);
}

/**
 * Two waiting controllers that each name the same contract clearly cannot both have it: neither is
 * a clear match then, each is flagged with the other, and the operator decides on their cards.
 */
function withoutSharedClearMatches(items: InboxItem[]): InboxItem[] {
  const { bySerial, claimants } = unsharedClearMatches(
    items.flatMap((item) => {
      const contract = clearMatchContract(item);
      return contract === undefined ? [] : [[item.serial, contract] as const];
    }),
  );
  return items.map((item) => {
    const contract = clearMatchContract(item);
    if (contract === undefined || bySerial.has(item.serial)) return item;
    return {
      ...item,
      clearMatch: false,
      flags: [...item.flags, 'contract-named-elsewhere'],
      alsoNamedBy: (claimants.get(contract) ?? []).filter((serial) => serial !== item.serial),
    };
  });
}

/** A pending onboarding, or a linked controller naming another contract (until the operator decides). */
const waits = ({ onboarding }: Installation) =>
  onboarding.state === 'pending' || (onboarding.state === 'linked' && onboarding.claimed !== undefined);

async function onboardingItem(
  inventory: Inventory,
  matcher: ContractMatcher,
  installation: Installation,
): Promise<InboxItem> {
  // Its onboarding calls and notes only: a pending controller also reports health every few
  // minutes. Right after a start the older journal segments may still be being indexed: the inbox
  // shows what is there and says so (the core refreshes it once indexing is done) rather than wait.
  const { entries, complete } = await inventory.timelines.entriesSoFar(installation.serial, {
    types: ['callback.onboarding', 'note.added'],
  });
  const calls = distinctEvents(entries.filter((e) => e.type === 'callback.onboarding'));
  const notes = cardNotes(notesIn(entries), installation.notes);
  const match = matcher.match(installation);
  const lastAt = calls.at(-1)?.at ?? installation.lastSeen.onboarding ?? installation.firstSeenAt;
  const linked = installation.onboarding.state === 'linked' ? installation.onboarding.contractNumber : null;
  const contract = linked === null ? undefined : inventory.getContract(linked);
  const { lastRejection } = installation;
  return {
    serial: installation.serial,
    kind: 'onboarding',
    calls: calls.length,
    callsComplete: complete,
    firstAt: (complete ? calls[0]?.at : undefined) ?? installation.firstSeenAt,
    lastAt,
    lastCallSeq: lastCallSeqOf(calls),
    requestedContractNumber: installation.requestedContractNumber,
    address: installation.address,
    devices: installation.devices,
    flags: match.flags,
    suggestions: match.suggestions,
    clearMatch: clearContractOf(installation, match) !== undefined,
    lastBody: lastBody(calls.at(-1)),
    ...(linked !== null && {
      linkedContract: {
        contractNumber: linked,
        customerName: contract?.customerName ?? null,
        address: contract?.address ?? null,
      },
    }),
    ...(lastRejection && { rejected: lastRejection }),
    ...(notes.length > 0 && { notes }),
  };
}

type Note = NonNullable<InboxItem['notes']>[number];

/** Notes taken on a serial that never onboarded: only its timeline holds them. */
async function notesOf(inventory: Inventory, serial: string): Promise<Note[]> {
  const { entries } = await inventory.timelines.entriesSoFar(serial, { types: ['note.added'] });
  return notesIn(entries);
}

const notesIn = (entries: readonly JournalEntry[]): Note[] =>
  entries.flatMap((e) => (e.type === 'note.added' ? [{ at: e.at, by: e.actor, text: e.text }] : []));

/**
 * An onboarded controller's notes: its record's (which outlive journal entries archived away) and
 * those only its timeline holds, taken while it waited before it onboarded (its record starts at
 * that first call, without them: the state stays as replays of earlier builds' journals made it,
 * so their backups still prove). Each once, oldest first.
 */
function cardNotes(timeline: readonly Note[], own: readonly Note[]): Note[] {
  const key = (n: Note) => JSON.stringify([n.at, n.by, n.text]);
  const kept = new Set(own.map(key));
  const earlier = timeline.filter((n) => !kept.has(key(n)));
  return [...earlier, ...own].sort((a, b) => a.at - b.at);
}

function lastBody(entry: JournalEntry | undefined): Record<string, unknown> | null {
  return entry && 'body' in entry ? entry.body : null;
}
