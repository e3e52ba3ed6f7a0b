import type { JournalDraft, UnattributedDraft } from '../../../shared/domain/inventory/journal-entry';
import type { Services } from '../services';

/** A Settings action's journal entry, before the time and the operator are filled in. */
export type OperatorAction = Extract<
  UnattributedDraft,
  { type: 'settings.changed' | 'token.created' | 'token.revoked' | 'broker.changed' | 'backup.created' }
>;

/**
 * Records what the operator just did in Settings, with their name, in the journal (the Activity
 * page and, for a token bound to a controller, that installation's timeline). Written after the
 * change took effect: these change no controller, and a journal that cannot write has stopped the
 * whole app anyway (the caller then sees the error).
 */
export async function recordOperatorAction(s: Services, action: OperatorAction): Promise<void> {
  const draft = { ...action, at: s.support.clock.now(), actor: s.operator() } as JournalDraft;
  await s.inventory.commit([draft]);
}

/** A broker address fit for the audit trail: no user name or password, even if one was typed in. */
export function addressWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a valid address)';
  }
}
