import type { UnattributedDraft } from '../../../shared/domain/inventory/journal-entry';
import type { LinkSource } from '../../../shared/domain/inventory/link';
import type { Inventory } from '../inventory/inventory';
import { ApiFailure } from '../api/dispatch';
import { settledWords } from './settled-words';

/** An operator's link decision, as the inbox sends it. */
export type LinkRequest = {
  serial: string;
  contractNumber: string;
  reason?: string | undefined;
  /**
   * The controller the operator saw the contract linked to and agreed to take it from (a customer
   * who replaced their controller). Without it a contract linked elsewhere is refused, so a stale
   * screen never moves a link nobody asked to move.
   */
  moveFrom?: string | undefined;
  /** The version of the card it was decided on (see card-version.ts); unchecked when absent. */
  lastCallSeq?: number | null | undefined;
};

/**
 * The journal entries that carry out a link decision: the new link, preceded by the end of the
 * other controller's link when the request moves the contract. Committed together, they apply
 * together or not at all. None when that link is already in force (the same decision taken twice:
 * a double click, a second window). Throws the refusal the operator sees when the decision cannot
 * stand.
 */
export function linkDrafts(
  inventory: Inventory,
  request: LinkRequest,
  source: LinkSource,
): UnattributedDraft[] {
  const { serial, contractNumber } = request;
  const installation = inventory.getInstallation(serial);
  if (!installation)
    throw new ApiFailure(
      'not-found',
      `${serial} has not onboarded; it can be linked once it calls the onboarding endpoint.`,
    );
  if (!inventory.getContract(contractNumber))
    throw new ApiFailure('not-found', `There is no imported contract ${contractNumber}.`);
  const reason = request.reason?.trim() || 'accepted in the inbox';
  const kept = keptLink(inventory, serial, contractNumber);
  if (kept) return kept;
  // Decided on a card that is out of date: another operator linked it, or it offboarded meanwhile.
  const settled = settledWords(installation, inventory.activeLink(serial));
  if (settled !== undefined) throw new ApiFailure('conflict', settled);
  const other = inventory.linksForContract(contractNumber).find((l) => l.serial !== serial);
  if (!other) return [{ type: 'link.created', serial, contractNumber, reason, source }];
  if (request.moveFrom === undefined)
    throw new ApiFailure(
      'conflict',
      `Contract ${contractNumber} is linked to ${other.serial}. Linking it to ${serial} moves it: ` +
        `confirm the move, or end that link first.`,
    );
  if (request.moveFrom !== other.serial)
    throw new ApiFailure(
      'conflict',
      `Contract ${contractNumber} is now linked to ${other.serial}, not ${request.moveFrom}: ` +
        `look at it again before moving it.`,
    );
  // Who moved it and when are the ending's own fields; the reasons say where it went and whence.
  const ended: UnattributedDraft = {
    type: 'link.ended',
    serial: other.serial,
    reason: `contract ${contractNumber} moved to ${serial}`,
    source,
  };
  const created: UnattributedDraft = {
    type: 'link.created',
    serial,
    contractNumber,
    reason: `${reason}; moved from ${other.serial}`,
    source,
  };
  return [ended, created];
}

/**
 * A decision for the link already in force changes no link. It answers the call that named another
 * contract, if one waits (the operator keeps the link: that call is turned down); else it is a
 * no-op. Undefined when another link is asked for.
 */
function keptLink(
  inventory: Inventory,
  serial: string,
  contractNumber: string,
): UnattributedDraft[] | undefined {
  if (inventory.activeLink(serial)?.contractNumber !== contractNumber) return undefined;
  const onboarding = inventory.getInstallation(serial)?.onboarding;
  const claimed = onboarding?.state === 'linked' ? onboarding.claimed : undefined;
  if (!claimed) return [];
  const reason = `kept the link to ${contractNumber}; the call naming ${claimed.contractNumber} is turned down`;
  return [{ type: 'inbox.rejected', serial, reason }];
}
