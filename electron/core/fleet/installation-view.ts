import type { InstallationView, TimelineItem } from '../../../shared/domain/fleet/installation-view';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { summarizeEntry } from '../../../shared/domain/activity/entry-summary';
import type { Inventory } from '../inventory/inventory';
import { ApiFailure } from '../api/dispatch';
import type { FleetView } from './fleet-view';

/** The newest timeline entries shown at once; the page says how many there are in all. */
const TIMELINE_LIMIT = 500;

/** Everything the installation page shows, for one serial. */
export async function installationView(
  inventory: Inventory,
  fleet: FleetView,
  serial: string,
  lastFeedbackAt: (serial: string) => number | undefined = () => undefined,
): Promise<InstallationView> {
  const installation = inventory.getInstallation(serial);
  if (!installation) throw new ApiFailure('not-found', `There is no installation ${serial}.`);
  const link = inventory.activeLink(serial);
  // The newest only: a controller reporting every 5 minutes has ~100,000 entries after a year.
  // Right after a start the older journal segments are still being indexed (seconds, in the
  // background): the page shows what is indexed so far and says so, rather than wait for the rest.
  const { entries, complete } = await inventory.timelines.entriesSoFar(serial, { last: TIMELINE_LIMIT });
  const total = inventory.timelines.countSoFar(serial);
  const row = fleet.row(serial);
  return {
    installation,
    health: row?.health ?? installation.health.status,
    overdue: row?.overdue ?? null,
    contract: (link && inventory.getContract(link.contractNumber)) ?? null,
    links: inventory.linkHistory(serial),
    timeline: entries.reverse().map(timelineItem),
    timelineTotal: total.count,
    timelineComplete: complete && total.complete,
    lastFeedbackAt: lastFeedbackAt(serial) ?? null,
  };
}

function timelineItem(entry: JournalEntry): TimelineItem {
  const { seq, at, type, actor } = entry;
  return { seq, at, type, actor, summary: summarizeEntry(entry), detail: detailOf(entry) };
}

function detailOf(entry: JournalEntry): Record<string, unknown> {
  if ('body' in entry) return { body: entry.body, headers: entry.headers };
  if (entry.type === 'callback.refused')
    return { endpoint: entry.endpoint, errors: entry.errors, rawBody: entry.rawBody };
  if (entry.type === 'contract.imported') return { contracts: entry.contracts.length, origin: entry.origin };
  const { seq: _s, at: _a, type: _t, actor: _c, prevHash: _p, hash: _h, ...rest } = entry;
  return rest;
}
