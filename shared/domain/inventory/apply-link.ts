import type { EntryOf } from './journal-entry';
import type { InventoryState } from './state';
import type { LinkRecord } from './link';
import { activeLinkOf } from './link';

type Ending = NonNullable<LinkRecord['ended']>;

/** Ends the link in force for `serial`, if any, keeping it in history. Returns whether one ended. */
export function endActiveLink(state: InventoryState, serial: string, ending: Ending): boolean {
  const history = state.links.get(serial);
  if (!history || !activeLinkOf(history)) return false;
  const last = history.length - 1;
  state.links.set(
    serial,
    history.map((record, i) => (i === last ? { ...record, ended: ending } : record)),
  );
  return true;
}

/**
 * A new link replaces the one in force (which is ended, not deleted). A link may precede the
 * serial's onboarding: the onboarding then finds it and the installation starts out linked.
 */
export function applyLinkCreated(state: InventoryState, entry: EntryOf<'link.created'>): void {
  const { serial, at, actor: by } = entry;
  endActiveLink(state, serial, {
    at,
    by,
    reason: `replaced by a link to ${entry.contractNumber}: ${entry.reason}`,
    source: entry.source,
  });
  const record: LinkRecord = {
    serial,
    contractNumber: entry.contractNumber,
    linkedAt: at,
    by,
    reason: entry.reason,
    source: entry.source,
  };
  state.links.set(serial, [...(state.links.get(serial) ?? []), record]);
  const installation = state.installations.get(serial);
  if (!installation) return;
  // A link is the latest decision on the serial: an earlier rejection no longer stands.
  const { lastRejection, ...decided } = installation;
  if (installation.onboarding.state !== 'offboarded') {
    state.installations.set(serial, {
      ...decided,
      onboarding: { state: 'linked', since: at, contractNumber: entry.contractNumber },
    });
  } else if (lastRejection) state.installations.set(serial, decided);
}

/** Ending a link returns a linked installation to `pending`, waiting for the next decision. */
export function applyLinkEnded(state: InventoryState, entry: EntryOf<'link.ended'>): void {
  const { serial, at, actor: by } = entry;
  if (!endActiveLink(state, serial, { at, by, reason: entry.reason, source: entry.source })) return;
  const installation = state.installations.get(serial);
  if (installation?.onboarding.state === 'linked') {
    state.installations.set(serial, { ...installation, onboarding: { state: 'pending', since: at } });
  }
}
