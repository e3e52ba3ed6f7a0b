import type { InstallationView, TimelineItem } from '../../../shared/domain/fleet/installation-view';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
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
): Promise<InstallationView> {
  const installation = inventory.getInstallation(serial);
  if (!installation) throw new ApiFailure('not-found', `There is no installation ${serial}.`);
  const link = inventory.activeLink(serial);
  const entries = await inventory.timeline(serial);
  const row = fleet.list().rows.find((r) => r.serial === serial);
  return {
    installation,
    health: row?.health ?? installation.health.status,
    contract: (link && inventory.getContract(link.contractNumber)) ?? null,
    links: inventory.linkHistory(serial),
    timeline: entries.slice(-TIMELINE_LIMIT).reverse().map(timelineItem),
    timelineTotal: entries.length,
  };
}

function timelineItem(entry: JournalEntry): TimelineItem {
  const { seq, at, type, actor } = entry;
  return { seq, at, type, actor, summary: summarize(entry), detail: detailOf(entry) };
}

function summarize(entry: JournalEntry): string {
  switch (entry.type) {
    case 'callback.onboarding':
      return `Onboarding call${typeof entry.body['contractNumber'] === 'string' ? ` with contract ${entry.body['contractNumber']}` : ''}`;
    case 'callback.offboarding':
      return 'Offboarding call: the external signal was removed';
    case 'callback.health':
      return `Health: ${String(entry.body['status'] ?? 'unknown')}`;
    case 'callback.refused':
      return `Refused call to ${entry.endpoint}: ${entry.reason}`;
    case 'link.created':
      return `Linked to contract ${entry.contractNumber} (${entry.reason})`;
    case 'link.ended':
      return `Link ended (${entry.reason})`;
    case 'inbox.rejected':
      return `Rejected in the inbox (${entry.reason})`;
    case 'note.added':
      return `Note: ${entry.text}`;
    case 'signal.seen':
      return `Seen on ${entry.signal}`;
    case 'contract.imported':
      return `Contracts imported from ${entry.origin}`;
    case 'settings.changed':
      return 'Settings changed';
    case 'backup.restored':
      return `Data restored from ${entry.origin}`;
    default:
      // Entry types added later (commands, leases) still show, by their name, until worded here.
      return (entry as { type: string }).type;
  }
}

function detailOf(entry: JournalEntry): Record<string, unknown> {
  if ('body' in entry) return { body: entry.body, headers: entry.headers };
  if (entry.type === 'callback.refused')
    return { endpoint: entry.endpoint, errors: entry.errors, rawBody: entry.rawBody };
  if (entry.type === 'contract.imported') return { contracts: entry.contracts.length, origin: entry.origin };
  const { seq: _s, at: _a, type: _t, actor: _c, prevHash: _p, hash: _h, ...rest } = entry;
  return rest;
}
