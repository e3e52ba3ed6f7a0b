import { contractHref, installationHref, hrefOf } from '../../app/use-hash-route';
import type { ContractRow } from '../../../../shared/domain/fleet/contracts-view';
import { formatAddress } from '../../lib/format';
import { fold } from '../../lib/search-text';
import type { FleetEntry } from '../fleet/fleet-model';

/** Somewhere the palette can go: a page, one installation's page, or a contract on the Contracts page. */
export type JumpTarget = { href: string; label: string; detail: string };

/** How many installations and contracts the palette lists at once; typing more narrows them. */
export const JUMP_LIMIT = 8;

/** A contract no controller is linked to, with its search text, built once per palette opening. */
export type UnlinkedContract = {
  readonly contractNumber: string;
  readonly detail: string;
  readonly searchText: string;
};

/**
 * The contracts the palette finds on their own: those not linked to a controller. A linked one is
 * found through its installation, whose page says more (and links to the contract).
 */
export function indexUnlinkedContracts(contracts: readonly ContractRow[]): UnlinkedContract[] {
  const out: UnlinkedContract[] = [];
  for (const c of contracts) {
    if (c.linkedSerial !== null) continue;
    const address = formatAddress(c.address);
    out.push({
      contractNumber: c.contractNumber,
      detail: ['contract, not linked', c.customerName, address].filter(Boolean).join(' · '),
      searchText: fold([c.contractNumber, c.customerName, address, c.email ?? ''].join('\u0000')),
    });
  }
  return out;
}

/**
 * What a query in the "Jump to" palette finds: pages whose name contains it, then installations
 * and unlinked contracts whose serial, contract, customer or address contain every word of it (as
 * the fleet search does): an exact serial or contract number first, then serials that start with
 * it, installations before contracts otherwise.
 */
export function jumpTargets(
  query: string,
  pages: ReadonlyArray<{ path: string; label: string }>,
  entries: readonly FleetEntry[],
  contracts: readonly UnlinkedContract[] = [],
): JumpTarget[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const pageHits = pages
    .filter((p) => fold(p.label).includes(q))
    .map((p) => ({ href: hrefOf(p.path), label: p.label, detail: 'page' }));
  const terms = q.split(/\s+/);
  const matches = (searchText: string) => terms.every((t) => searchText.includes(t));
  const rank = (e: FleetEntry) => {
    const serial = fold(e.serial);
    if (serial === q || (e.contractNumber !== null && fold(e.contractNumber) === q)) return 0;
    return serial.startsWith(q) ? 1 : 2;
  };
  // Targets are built for the few listed only: a short query matches most of a 10,000-row fleet.
  const hits: Array<{ rank: number; entry: FleetEntry } | { rank: number; contract: UnlinkedContract }> = [];
  for (const entry of entries) if (matches(entry.searchText)) hits.push({ rank: rank(entry), entry });
  for (const contract of contracts)
    if (matches(contract.searchText))
      hits.push({ rank: fold(contract.contractNumber) === q ? 0 : 3, contract });
  // A stable sort: the fleet's order within a rank.
  hits.sort((a, b) => a.rank - b.rank);
  const listed = hits
    .slice(0, JUMP_LIMIT)
    .map((hit) => ('entry' in hit ? installationTarget(hit.entry) : contractTarget(hit.contract)));
  return [...pageHits, ...listed];
}

function installationTarget(entry: FleetEntry): JumpTarget {
  return {
    href: installationHref(entry.serial),
    label: entry.serial,
    detail: [entry.customerName, entry.contractNumber, entry.address].filter(Boolean).join(' · '),
  };
}

function contractTarget(contract: UnlinkedContract): JumpTarget {
  return {
    href: contractHref(contract.contractNumber),
    label: contract.contractNumber,
    detail: contract.detail,
  };
}
