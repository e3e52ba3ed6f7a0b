/**
 * The subscription moves around a protocol profile save, on a fake broker port for the answers a
 * real broker cannot give on cue (a policy refusal, a missing SUBACK, a save that fails). What a
 * real broker answers is tested in test/broker-settings/protocol-profile-refused.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  SubscriptionNotGranted,
  type BrokerPort,
  type LinkState,
} from '../../electron/core/broker/broker-port';
import { createLogger } from '../../electron/core/logger';
import { FeedbackTopicsRefused, saveFollowingFeedback } from '../../electron/core/live/profile-follow';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';

const OLD = 'standard1/outbound/remoteControlMetrics/feedback/A-1';
const NEW = 'lab/A-1/feedback';

/** A broker port that answers `subscribe` with `answer` and records what was asked. */
function fakePort(answer: () => Promise<void>, state: LinkState['kind'] = 'connected') {
  const calls: string[] = [];
  const port = {
    state: () => ({ kind: state }) as LinkState,
    subscribe: (topics: readonly string[]) => {
      calls.push(`subscribe ${topics.join(',')}`);
      return answer();
    },
    unsubscribe: async (topics: readonly string[]) => {
      calls.push(`unsubscribe ${topics.join(',')}`);
    },
  } as unknown as BrokerPort;
  return { deps: { broker: port, log: createLogger('silent') }, calls };
}

function labProfile(): ProtocolProfile {
  const profile = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  profile.topics.feedback = 'lab/{serial}/feedback';
  return profile;
}

const profiles = { before: DEFAULT_PROFILE, after: labProfile() };

describe('saving a protocol profile with the feedback subscriptions following it', () => {
  it('subscribes the new topics, saves, then drops the old ones', async () => {
    const { deps, calls } = fakePort(async () => undefined);
    const saved = await saveFollowingFeedback(deps, ['A-1'], profiles, () => {
      calls.push('save');
      return 'saved';
    });
    expect(saved).toBe('saved');
    expect(calls).toEqual([`subscribe ${NEW}`, 'save', `unsubscribe ${OLD}`]);
  });

  it('saves nothing and drops nothing when the link will not take the new topics at all', async () => {
    const { deps, calls } = fakePort(() => Promise.reject(new Error('subscription refused: not allowed')));
    const saving = saveFollowingFeedback(deps, ['A-1'], profiles, () => calls.push('save'));
    await expect(saving).rejects.toMatchObject({ kind: 'not-allowed', topics: [NEW] });
    await expect(saving).rejects.toBeInstanceOf(FeedbackTopicsRefused);
    // The link added nothing, so there is nothing to take back; the old topics stay.
    expect(calls).toEqual([`subscribe ${NEW}`]);
  });

  it('saves nothing when the connected broker does not confirm in time, and takes the new topics back', async () => {
    const { deps, calls } = fakePort(() => Promise.reject(new SubscriptionNotGranted('no SUBACK')));
    const saving = saveFollowingFeedback(deps, ['A-1'], profiles, () => calls.push('save'));
    await expect(saving).rejects.toMatchObject({ kind: 'unanswered', topics: [NEW] });
    expect(calls).toEqual([`subscribe ${NEW}`, `unsubscribe ${NEW}`]);
  });

  it('saves while the link is down: the new topics wait in the link for the next connection', async () => {
    const down = new SubscriptionNotGranted('not connected to the broker');
    const { deps, calls } = fakePort(() => Promise.reject(down), 'reconnecting');
    await saveFollowingFeedback(deps, ['A-1'], profiles, () => calls.push('save'));
    expect(calls).toEqual([`subscribe ${NEW}`, 'save', `unsubscribe ${OLD}`]);
  });

  it('takes the new topics back and keeps the old ones when the save itself fails', async () => {
    const { deps, calls } = fakePort(async () => undefined);
    const saving = saveFollowingFeedback(deps, ['A-1'], profiles, () => {
      throw new Error('disk full');
    });
    await expect(saving).rejects.toThrow('disk full');
    expect(calls).toEqual([`subscribe ${NEW}`, `unsubscribe ${NEW}`]);
  });

  it('moves no `+` filter for an empty fleet (nothing holds one before the first installation)', async () => {
    const { deps, calls } = fakePort(async () => undefined);
    const wildcard = { ...DEFAULT_PROFILE, wildcardFeedback: true } as ProtocolProfile;
    await saveFollowingFeedback(deps, [], { before: DEFAULT_PROFILE, after: wildcard }, () =>
      calls.push('save'),
    );
    expect(calls).toEqual(['save']);
  });
});
