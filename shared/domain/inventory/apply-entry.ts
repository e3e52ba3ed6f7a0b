import { applyHealth, applyOffboarding, applyOnboarding } from './apply-callback';
import { applyLinkCreated, applyLinkEnded } from './apply-link';
import type { Installation } from './installation';
import type { EntryOf, JournalEntry } from './journal-entry';
import { flattened } from './flattened';
import { dropSettledBody, recordNoteBeforeOnboarding } from './inbox-history';
import { trackOpenCommand } from './open-commands';
import { applyFallback } from './apply-fallback';
import { cloneState, emptyState, MAX_EVENT_KEYS, type InventoryState } from './state';

/**
 * The only way inventory state changes: live commits and crash recovery both run every entry
 * through here, in sequence order, so a replayed inventory equals the live one. Deterministic (no
 * clock, no I/O); updates `state`'s maps in place (see InventoryState) and returns `state`.
 * It never throws on a well-typed entry: a journal from any build must replay.
 */
export function applyEntry(state: InventoryState, entry: JournalEntry): InventoryState {
  const key = 'eventKey' in entry ? entry.eventKey : undefined;
  const repeat = key !== undefined && state.eventKeys.has(key);
  // A repeated idempotency key is journaled (evidence) but has no second effect.
  if (!repeat) {
    if (key !== undefined) rememberEventKey(state, key, entry);
    applyEffect(state, entry);
    if (SETTLES_INBOX.has(entry.type) && 'serial' in entry && entry.serial !== undefined)
      dropSettledBody(state, entry.serial);
  }
  state.seq = entry.seq;
  state.hash = entry.hash;
  return state;
}

/** Entries after which an installation may have left the inbox (its card's body is then let go). */
const SETTLES_INBOX: ReadonlySet<JournalEntry['type']> = new Set([
  'callback.onboarding',
  'callback.offboarding',
  'link.created',
  'link.ended',
  'inbox.rejected',
]);

/**
 * Map order is insertion order, here sequence order, so the first key is the oldest; a snapshot
 * keeps that order (and `fromSnapshot` the most recent keys), so a replay forgets the same keys.
 */
function rememberEventKey(state: InventoryState, key: string, entry: JournalEntry): void {
  const { eventKeys, eventDigests } = state;
  const flatKey = flattened(key);
  eventKeys.set(flatKey, entry.seq);
  const digest = 'bodyDigest' in entry ? entry.bodyDigest : undefined;
  if (digest !== undefined) eventDigests.set(flatKey, flattened(digest));
  if (eventKeys.size <= MAX_EVENT_KEYS) return;
  const oldest = eventKeys.keys().next();
  if (oldest.done) return;
  eventKeys.delete(oldest.value);
  eventDigests.delete(oldest.value);
}

function applyEffect(state: InventoryState, entry: JournalEntry): void {
  switch (entry.type) {
    case 'callback.onboarding':
      return applyOnboarding(state, entry);
    case 'callback.offboarding':
      return applyOffboarding(state, entry);
    case 'callback.health':
      return applyHealth(state, entry);
    case 'contract.imported':
      for (const contract of entry.contracts) state.contracts.set(contract.contractNumber, contract);
      return;
    case 'link.created':
      return applyLinkCreated(state, entry);
    case 'link.ended':
      return applyLinkEnded(state, entry);
    case 'inbox.rejected':
      return applyInboxRejected(state, entry);
    case 'note.added':
      // A serial that never onboarded has no record to hold the note: its inbox history does.
      if (!state.installations.has(entry.serial)) return recordNoteBeforeOnboarding(state, entry);
      return update(state, entry.serial, (i) => ({
        ...i,
        notes: [...i.notes, { at: entry.at, by: entry.actor, text: entry.text }],
      }));
    case 'installation.fallbackSet':
      return update(state, entry.serial, (i) => withFallbackOverride(i, entry));
    case 'signal.seen':
      return update(state, entry.serial, (i) => ({
        ...i,
        lastSeen: { ...i.lastSeen, [entry.signal]: entry.at },
      }));
    case 'command.outcome':
      applyFallback(state, entry);
      trackOpenCommand(state.openCommands, entry);
      // A confirmation is feedback from the controller: a signal received, like `signal.seen`.
      if (entry.state !== 'confirmed') return;
      return update(state, entry.serial, (i) => ({ ...i, lastSeen: { ...i.lastSeen, command: entry.at } }));
    case 'command.created':
      applyFallback(state, entry);
      // Open until an outcome ends it: restart recovery ends what is still open (open-commands.ts).
      return trackOpenCommand(state.openCommands, entry);
    case 'settings.changed':
    case 'token.created':
    case 'token.revoked':
    case 'broker.changed':
    case 'backup.created':
    case 'callback.refused':
    case 'backup.restored':
    case 'command.refused':
    case 'lease.released':
    case 'rollout.started':
    case 'rollout.changed':
      return; // audit only
    default:
      return assertNever(entry);
  }
}

/**
 * Rejecting an inbox item: a pending onboarding becomes `rejected`, remembered so the serial never
 * links itself later; an unknown serial is dismissed; a linked controller's call naming another
 * contract is turned down (the link stays).
 */
function applyInboxRejected(
  state: InventoryState,
  entry: Extract<JournalEntry, { type: 'inbox.rejected' }>,
): void {
  state.unknown.delete(entry.serial);
  const installation = state.installations.get(entry.serial);
  if (installation?.onboarding.state === 'pending') {
    state.installations.set(entry.serial, {
      ...installation,
      onboarding: { state: 'rejected', since: entry.at, reason: entry.reason },
      lastRejection: { at: entry.at, by: entry.actor, reason: entry.reason },
    });
  } else if (installation?.onboarding.state === 'linked' && installation.onboarding.claimed) {
    const { claimed: _turnedDown, ...linked } = installation.onboarding;
    state.installations.set(entry.serial, { ...installation, onboarding: linked });
  }
}

/** The operator's fallback timeout on the installation, or none any more (onboarding's applies). */
function withFallbackOverride(i: Installation, entry: EntryOf<'installation.fallbackSet'>): Installation {
  const { fallbackTimeoutOverride: _previous, ...rest } = i;
  if (entry.seconds === null) return rest;
  return { ...rest, fallbackTimeoutOverride: { seconds: entry.seconds, at: entry.at, by: entry.actor } };
}

function update(state: InventoryState, serial: string, change: (i: Installation) => Installation): void {
  const installation = state.installations.get(serial);
  if (installation) state.installations.set(serial, change(installation));
}

function assertNever(entry: never): never {
  throw new Error(`unhandled journal entry ${JSON.stringify(entry)}`);
}

/** Replays `entries` onto a copy of `from`: a pure function of its inputs (tests compare it to live state). */
export function replay(entries: Iterable<JournalEntry>, from: InventoryState = emptyState()): InventoryState {
  const state = cloneState(from);
  for (const entry of entries) applyEntry(state, entry);
  return state;
}
