import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';

/*
 * `Inventory.commit` validates every draft against the journal schema, because most drafts are
 * assembled from several places. A few are built by one function of ours from input that was
 * validated at the boundary a moment before (a callback: the listener checked its body against the
 * callback schema), and the schema check of such a draft only repeats that work on the hot path.
 * Their builder vouches for them here; the draft is frozen so that nothing changes it afterwards.
 */
const vouched = new WeakSet<object>();

/**
 * Marks `draft` as valid by construction (its builder guarantees every field the journal schema
 * requires) so that `commit` does not parse it again. Only for builders whose output is tested to
 * pass the schema (test/inventory/vouched-drafts.test.ts).
 */
export function vouchedDraft<T extends JournalDraft>(draft: T): Readonly<T> {
  vouched.add(Object.freeze(draft));
  return draft;
}

/** True for a draft its builder vouched for (and that nothing changed since: it is frozen). */
export function isVouched(draft: JournalDraft): boolean {
  return vouched.has(draft);
}
