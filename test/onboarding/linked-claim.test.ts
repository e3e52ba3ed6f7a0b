import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { stamp } from '../inventory/fixtures/stamp';
import { fromSnapshot, toSnapshot } from '../../shared/domain/inventory/snapshot';
import { linkDraft, onboardingDraft } from '../inventory/fixtures/drafts';

const run = (drafts: JournalDraft[]) => replay(stamp(drafts));
const calls = (serial: string, ...numbers: Array<string | undefined>) =>
  numbers.map((n, i) => onboardingDraft(serial, 10 + i, n === undefined ? {} : { contractNumber: n }));
const stateOf = (drafts: JournalDraft[]) => run(drafts).installations.get('S1')?.onboarding;
const reject = (at: number): JournalDraft => ({
  type: 'inbox.rejected',
  at,
  actor: 'Dana',
  serial: 'S1',
  reason: 'Test device, not a customer',
});

describe('a linked controller naming another contract', () => {
  it('opens a claim that stays over later calls until the operator turns it down', () => {
    const open = [linkDraft('S1', 'C-1', 1), ...calls('S1', 'C-1', 'C-2', undefined, 'C-2')];
    expect(stateOf(open)).toMatchObject({
      state: 'linked',
      contractNumber: 'C-1',
      claimed: { contractNumber: 'C-2', since: 11 },
    });
    expect(stateOf([...open, reject(20)])).toEqual({ state: 'linked', since: 13, contractNumber: 'C-1' });
  });

  it('is no claim when the number is its own contract typed differently, or the typo it was linked despite', () => {
    expect(stateOf([linkDraft('S1', 'C-1', 1), ...calls('S1', 'C-1', ' c 1 ')])).not.toHaveProperty(
      'claimed',
    );
    // The customer typed C-7; the operator linked C-1 by hand; the controller repeats C-7 at a restart.
    const despite = [
      ...calls('S1', 'C-7'),
      linkDraft('S1', 'C-1', 50),
      onboardingDraft('S1', 60, { contractNumber: 'C-7' }),
    ];
    expect(stateOf(despite)).not.toHaveProperty('claimed');
  });

  it('closes the claim when the controller names its own contract again', () => {
    expect(stateOf([linkDraft('S1', 'C-1', 1), ...calls('S1', 'C-2')])).toHaveProperty('claimed');
    expect(stateOf([linkDraft('S1', 'C-1', 1), ...calls('S1', 'C-2', 'C-1')])).not.toHaveProperty('claimed');
  });
});

describe('a rejection', () => {
  it('is remembered over a new call and a snapshot, and a link supersedes it', () => {
    const rejected = run([...calls('S1', 'C-9'), reject(20), onboardingDraft('S1', 30)]);
    const s1 = fromSnapshot(toSnapshot(rejected)).installations.get('S1');
    expect(s1?.onboarding.state).toBe('pending');
    expect(s1?.lastRejection).toEqual({ at: 20, by: 'Dana', reason: 'Test device, not a customer' });
    const linked = run([...calls('S1', 'C-9'), reject(20), linkDraft('S1', 'C-1', 40)]);
    expect(linked.installations.get('S1')).not.toHaveProperty('lastRejection');
  });
});
