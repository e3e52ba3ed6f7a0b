import { installationHref, hrefOf } from '../../app/use-hash-route';
import type { FleetEntry } from '../fleet/fleet-model';

/** Somewhere the palette can go: a page, or one installation's page. */
export type JumpTarget = { href: string; label: string; detail: string };

/** How many installations the palette lists at once; typing more narrows them. */
export const JUMP_LIMIT = 8;

/**
 * What a query in the "Jump to" palette finds: pages whose name contains it, then installations
 * whose serial, contract, customer or address contain every word of it (as the fleet search does),
 * an exact serial or contract number first, then serials that start with it.
 */
export function jumpTargets(
  query: string,
  pages: ReadonlyArray<{ path: string; label: string }>,
  entries: readonly FleetEntry[],
): JumpTarget[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const pageHits = pages
    .filter((p) => p.label.toLowerCase().includes(q))
    .map((p) => ({ href: hrefOf(p.path), label: p.label, detail: 'page' }));
  const terms = q.split(/\s+/);
  const rank = (e: FleetEntry) => {
    const serial = e.serial.toLowerCase();
    if (serial === q || e.contractNumber?.toLowerCase() === q) return 0;
    return serial.startsWith(q) ? 1 : 2;
  };
  const hits: Array<{ entry: FleetEntry; rank: number }> = [];
  for (const entry of entries)
    if (terms.every((t) => entry.searchText.includes(t))) hits.push({ entry, rank: rank(entry) });
  hits.sort((a, b) => a.rank - b.rank);
  const installations = hits.slice(0, JUMP_LIMIT).map(({ entry }) => ({
    href: installationHref(entry.serial),
    label: entry.serial,
    detail: [entry.customerName, entry.contractNumber, entry.address].filter(Boolean).join(' · '),
  }));
  return [...pageHits, ...installations];
}
