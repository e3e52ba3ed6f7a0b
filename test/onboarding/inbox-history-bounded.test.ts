/**
 * The inventory state keeps each inbox card's last onboarding body (its journal entry may be
 * archived away), but only while the installation waits in the inbox: a fleet of linked
 * controllers must not carry every onboarding body in memory and in every snapshot.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { stamp } from '../inventory/fixtures/stamp';
import { fromSnapshot, toSnapshot } from '../../shared/domain/inventory/snapshot';
import { linkDraft, offboardingDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';

const run = (drafts: JournalDraft[]) => replay(stamp(drafts));
const bodyOf = (state: ReturnType<typeof run>, serial: string) =>
  state.inboxHistory.get(serial)?.onboarding?.lastBody;

describe('the last onboarding body an inbox card shows', () => {
  it('is kept while the controller waits, let go once it is linked, and the calls still counted', () => {
    const waiting = run([onboardingDraft('S1', 10, { contractNumber: 'C-1' })]);
    expect(bodyOf(waiting, 'S1')).toMatchObject({ serialNumber: 'S1', contractNumber: 'C-1' });

    const linked = run([onboardingDraft('S1', 10, { contractNumber: 'C-1' }), linkDraft('S1', 'C-1', 11)]);
    expect(bodyOf(linked, 'S1')).toBeUndefined();
    expect(linked.inboxHistory.get('S1')?.onboarding).toEqual({ calls: 1, lastSeq: 1 });
  });

  it('comes back with the call of a linked controller naming another contract (its card is back)', () => {
    const claimed = run([
      onboardingDraft('S1', 10, { contractNumber: 'C-1' }),
      linkDraft('S1', 'C-1', 11),
      onboardingDraft('S1', 12, { contractNumber: 'C-2' }),
    ]);
    expect(bodyOf(claimed, 'S1')).toMatchObject({ contractNumber: 'C-2' });
    expect(claimed.inboxHistory.get('S1')?.onboarding).toMatchObject({ calls: 2, lastSeq: 3 });
  });

  it('is let go when the controller is offboarded', () => {
    const gone = run([onboardingDraft('S1', 10, { contractNumber: 'C-1' }), offboardingDraft('S1', 11)]);
    expect(bodyOf(gone, 'S1')).toBeUndefined();
  });

  it('leaves a snapshot of 1,000 linked controllers free of their onboarding bodies', () => {
    const serials = Array.from({ length: 1000 }, (_, i) => serialOf(i));
    const state = run([
      ...serials.map((s, i) => onboardingDraft(s, i, { contractNumber: `C-${i}` })),
      ...serials.map((s, i) => linkDraft(s, `C-${i}`, 2000 + i)),
    ]);
    const snapshot = toSnapshot(state);
    expect(JSON.stringify(snapshot.inboxHistory)).not.toContain('"lastBody"');
    // And it reads back the same.
    expect(fromSnapshot(snapshot).inboxHistory.get(serialOf(7))?.onboarding).toEqual({
      calls: 1,
      lastSeq: 8,
    });
  });
});
