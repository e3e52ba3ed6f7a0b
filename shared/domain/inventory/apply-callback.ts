import { readHealth, readOffboardingReason, readOnboarding } from './callback-body';
import type { Installation, OnboardingState } from './installation';
import type { EntryOf } from './journal-entry';
import { activeLinkOf } from './link';
import { endActiveLink } from './apply-link';
import { recordCallBeforeOnboarding, recordOnboardingCall } from './inbox-history';
import { linkedState } from './linked-claim';
import type { InventoryState } from './state';

/** A controller that has never been seen before, as its first onboarding makes it. */
function freshInstallation(serial: string, at: number): Installation {
  return {
    serial,
    siteNodeId: null,
    address: null,
    devices: [],
    fallbackTimeoutSeconds: null,
    requestedContractNumber: null,
    onboarding: { state: 'pending', since: at },
    health: { status: 'unknown', errors: [], devices: [], at: null, extra: {} },
    lastSeen: {},
    firstSeenAt: at,
    notes: [],
    extra: {},
  };
}

/**
 * Onboarding creates or refreshes the record. Fields the body leaves out keep their value; the
 * state becomes `linked` when a link is in force (noting a call that names another contract),
 * else `pending` (a fresh request to decide on).
 */
export function applyOnboarding(state: InventoryState, entry: EntryOf<'callback.onboarding'>): void {
  const { serial, at } = entry;
  const previous = state.installations.get(serial) ?? freshInstallation(serial, at);
  const fields = readOnboarding(entry.body);
  const link = activeLinkOf(state.links.get(serial));
  const onboarding: OnboardingState = link
    ? linkedState(previous, link, fields.contractNumber, at)
    : { state: 'pending', since: at };
  state.installations.set(serial, {
    ...previous,
    siteNodeId: fields.siteNodeId ?? previous.siteNodeId,
    address: fields.address ?? previous.address,
    devices: fields.devices ?? previous.devices,
    fallbackTimeoutSeconds: fields.fallbackTimeoutSeconds ?? previous.fallbackTimeoutSeconds,
    requestedContractNumber: fields.contractNumber ?? previous.requestedContractNumber,
    onboarding,
    lastSeen: { ...previous.lastSeen, onboarding: at },
    extra: { ...previous.extra, ...fields.extra },
  });
  state.unknown.delete(serial);
  recordOnboardingCall(state, entry);
}

/** Offboarding: control is no longer possible, so the link in force ends and the state says so. */
export function applyOffboarding(state: InventoryState, entry: EntryOf<'callback.offboarding'>): void {
  const { serial, at } = entry;
  const previous = state.installations.get(serial);
  if (!previous) return noteUnknown(state, entry);
  const reason = readOffboardingReason(entry.body);
  endActiveLink(state, serial, {
    at,
    by: entry.actor,
    reason: `offboarded: ${reason}`,
    source: { kind: 'callback', ref: entry.requestId },
  });
  state.installations.set(serial, {
    ...previous,
    onboarding: { state: 'offboarded', since: at, reason },
    lastSeen: { ...previous.lastSeen, offboarding: at },
  });
}

/** Health replaces the last reported health; for an unknown serial it goes to the inbox. */
export function applyHealth(state: InventoryState, entry: EntryOf<'callback.health'>): void {
  const { serial, at } = entry;
  const previous = state.installations.get(serial);
  if (!previous) return noteUnknown(state, entry);
  state.installations.set(serial, {
    ...previous,
    health: { ...readHealth(entry.body), at },
    lastSeen: { ...previous.lastSeen, health: at },
  });
}

function noteUnknown(
  state: InventoryState,
  entry: EntryOf<'callback.offboarding' | 'callback.health'>,
): void {
  const seen = state.unknown.get(entry.serial);
  state.unknown.set(entry.serial, {
    serial: entry.serial,
    firstAt: seen?.firstAt ?? entry.at,
    lastAt: entry.at,
    count: (seen?.count ?? 0) + 1,
    lastType: entry.type,
    lastSeq: entry.seq,
  });
  recordCallBeforeOnboarding(state, entry);
}
