import { z } from 'zod';
import { NoteSchema, type Installation } from './installation';
import type { EntryOf } from './journal-entry';
import type { InventoryState } from './state';

const BodySchema = z.record(z.string(), z.unknown());

/**
 * What a serial's inbox card shows beyond its installation record, kept in the state (and so in
 * snapshots and backups) because the journal entries it comes from leave the timeline index once
 * they are archived: a fleet's health calls push them out within a day. Derived from entries every
 * build journaled, so a replay of any journal rebuilds it.
 */
export const InboxHistorySchema = z.object({
  serial: z.string().min(1),
  /**
   * Its onboarding calls: how many (the repeats of one event are one: they have no effect), and
   * the last one's sequence number (the card's version) and body, as the customer's unit sent it.
   * The body only while the installation waits in the inbox (see `dropSettledBody`).
   */
  onboarding: z
    .object({
      calls: z.number().int().positive(),
      lastSeq: z.number().int().positive(),
      lastBody: BodySchema.optional(),
    })
    .optional(),
  /** The body of its last health or offboarding call made before it onboarded (the unknown-serial card). */
  lastCallBody: BodySchema.optional(),
  /** Notes taken on it before it onboarded; once it has a record, the record's `notes` keeps them. */
  notesBeforeOnboarding: z.array(NoteSchema).optional(),
});
export type InboxHistory = z.infer<typeof InboxHistorySchema>;

/** An onboarding call that had its effect (not a repeat): counted, and its body kept for the card. */
export function recordOnboardingCall(state: InventoryState, entry: EntryOf<'callback.onboarding'>): void {
  changeHistory(state, entry.serial, (h) => ({
    ...h,
    onboarding: { calls: (h.onboarding?.calls ?? 0) + 1, lastSeq: entry.seq, lastBody: entry.body },
  }));
}

/** A pending onboarding, or a linked controller naming another contract (until the operator decides). */
export const waitsInInbox = ({ onboarding }: Installation): boolean =>
  onboarding.state === 'pending' || (onboarding.state === 'linked' && onboarding.claimed !== undefined);

/**
 * Once an installation no longer waits in the inbox (linked, rejected, offboarded), its card is
 * gone and so is its last onboarding body here (the journal keeps every call): a fleet of 10,000
 * linked controllers would otherwise hold 10,000 bodies in memory and in every snapshot (+45 % of
 * the snapshot, +30 MiB of heap at start-up, measured). A card that comes back (a link ended)
 * shows the body of the next call.
 */
export function dropSettledBody(state: InventoryState, serial: string): void {
  const history = state.inboxHistory.get(serial);
  if (history?.onboarding?.lastBody === undefined) return;
  const installation = state.installations.get(serial);
  if (installation === undefined || waitsInInbox(installation)) return;
  const { lastBody: _dropped, ...onboarding } = history.onboarding;
  state.inboxHistory.set(serial, { ...history, onboarding });
}

/** A health or offboarding call from a serial without an installation record: its body, for the card. */
export function recordCallBeforeOnboarding(
  state: InventoryState,
  entry: EntryOf<'callback.health' | 'callback.offboarding'>,
): void {
  changeHistory(state, entry.serial, (h) => ({ ...h, lastCallBody: entry.body }));
}

/** A note on a serial without an installation record: only the inbox history can keep it. */
export function recordNoteBeforeOnboarding(state: InventoryState, entry: EntryOf<'note.added'>): void {
  const note = { at: entry.at, by: entry.actor, text: entry.text };
  changeHistory(state, entry.serial, (h) => ({
    ...h,
    notesBeforeOnboarding: [...(h.notesBeforeOnboarding ?? []), note],
  }));
}

/** Records are replaced, never mutated: one handed out (or in a snapshot being written) stays as it was. */
function changeHistory(
  state: InventoryState,
  serial: string,
  change: (h: InboxHistory) => InboxHistory,
): void {
  state.inboxHistory.set(serial, change(state.inboxHistory.get(serial) ?? { serial }));
}
