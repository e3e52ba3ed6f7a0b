import { clearMatchContract, type InboxItem } from '../../../shared/domain/fleet/inbox-item';
import type { Installation } from '../../../shared/domain/inventory/installation';
import { waitsInInbox } from '../../../shared/domain/inventory/inbox-history';
import type { Inventory } from '../inventory/inventory';
import type { ContractMatcher } from './contract-matcher';
import { cardVersion } from './card-version';
import { clearContractOf, unsharedClearMatches } from './clear-matches';

/**
 * What waits for an operator: every pending onboarding and every linked controller whose calls
 * name another contract, matched against the contracts, and every serial that called without
 * onboarding. Repeated calls of one controller are one item. Read from the state alone.
 */
export function inboxItems(inventory: Inventory, matcher: ContractMatcher): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const installation of inventory.listInstallations()) {
    if (!waitsInInbox(installation)) continue;
    items.push(onboardingItem(inventory, matcher, installation));
  }
  for (const unknown of inventory.unknownSerials()) {
    const history = inventory.inboxHistory(unknown.serial);
    const notes = history?.notesBeforeOnboarding ?? [];
    items.push({
      serial: unknown.serial,
      kind: 'unknown-serial',
      calls: unknown.count,
      callsComplete: true,
      firstAt: unknown.firstAt,
      lastAt: unknown.lastAt,
      lastCallSeq: null,
      requestedContractNumber: null,
      address: null,
      devices: [],
      flags: [],
      suggestions: [],
      clearMatch: false,
      lastBody: history?.lastCallBody ?? null,
      ...(notes.length > 0 && { notes }),
    });
  }
  return Promise.resolve(withoutSharedClearMatches(items).sort((a, b) => b.lastAt - a.lastAt));
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

function onboardingItem(
  inventory: Inventory,
  matcher: ContractMatcher,
  installation: Installation,
): InboxItem {
  // From the state, not the timeline: a waiting controller's journal entries are archived away
  // (a fleet's health calls push them out within a day); its inbox history keeps what the card shows.
  const history = inventory.inboxHistory(installation.serial);
  const calls = history?.onboarding;
  const notes = cardNotes(history?.notesBeforeOnboarding ?? [], installation.notes);
  const match = matcher.match(installation);
  const linked = installation.onboarding.state === 'linked' ? installation.onboarding.contractNumber : null;
  const contract = linked === null ? undefined : inventory.getContract(linked);
  const { lastRejection } = installation;
  return {
    serial: installation.serial,
    kind: 'onboarding',
    calls: calls?.calls ?? 0,
    callsComplete: true,
    firstAt: installation.firstSeenAt,
    lastAt: installation.lastSeen.onboarding ?? installation.firstSeenAt,
    lastCallSeq: cardVersion(inventory, installation.serial),
    requestedContractNumber: installation.requestedContractNumber,
    address: installation.address,
    devices: installation.devices,
    flags: match.flags,
    suggestions: match.suggestions,
    clearMatch: clearContractOf(installation, match) !== undefined,
    lastBody: calls?.lastBody ?? null,
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

/**
 * A controller's notes: those taken while it waited before it onboarded (its inbox history keeps
 * them: its record starts at that first call, without them, as replays of earlier builds' journals
 * made it, so their backups still prove) and its record's. Oldest first.
 */
function cardNotes(beforeOnboarding: readonly Note[], own: readonly Note[]): Note[] {
  return [...beforeOnboarding, ...own].sort((a, b) => a.at - b.at);
}
