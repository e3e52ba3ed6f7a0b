import { z } from 'zod';
import { NoteSchema } from './installation';
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
   */
  onboarding: z
    .object({
      calls: z.number().int().positive(),
      lastSeq: z.number().int().positive(),
      lastBody: BodySchema,
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
