import { feedbackSubscriptions, type ProtocolProfile } from '../../../shared/protocol/profile';
import { SubscriptionNotGranted, type BrokerPort } from '../broker/broker-port';
import type { Logger } from '../logger';

/**
 * Why the new protocol profile's feedback topics cannot be heard, so it must not be saved:
 * `not-allowed` = the link will not take them at all (a `+` filter without a broker profile that
 * allows it), `refused` = the broker refused them (its ACL), `unanswered` = connected, but the
 * broker did not confirm them within the subscribe deadline.
 */
export class FeedbackTopicsRefused extends Error {
  constructor(
    readonly kind: 'not-allowed' | 'refused' | 'unanswered',
    /** The topics concerned: those the broker refused, else every new one. */
    readonly topics: readonly string[],
    /** The link's own words (they list every topic: long for a large fleet). */
    reason: string,
  ) {
    super(reason);
    this.name = 'FeedbackTopicsRefused';
  }
}

type Deps = { broker: BrokerPort; log: Logger };

/**
 * Saves a protocol profile change with the live-feedback subscriptions following it: subscribes the
 * new profile's topics and waits for the broker to grant them, then saves, then drops the old ones.
 * Feedback is decoded with the profile saved at the time (LiveValues and control read it for every
 * message), so saving a profile whose topics the broker refuses would leave Fleetdesk deaf while
 * the old topics still deliver: instead nothing is saved and `FeedbackTopicsRefused` says why.
 * While the link is down nothing can be granted either way: the profile is saved, the new topics
 * wait in the link's set for the next connection and the old ones go.
 *
 * `serials` are the installations whose topics LiveValues holds (`LiveValues.followProfile` calls
 * this, so serials watched meanwhile wait for the move): it holds no topic before the first one
 * (not even a `+` filter), so for none nothing moves.
 */
export async function saveFollowingFeedback<T>(
  deps: Deps,
  serials: readonly string[],
  profiles: { before: ProtocolProfile; after: ProtocolProfile },
  save: () => T,
): Promise<T> {
  const none = serials.length === 0;
  const old = none ? [] : feedbackSubscriptions(profiles.before, serials);
  const next = none ? [] : feedbackSubscriptions(profiles.after, serials);
  const oldSet = new Set(old);
  const nextSet = new Set(next);
  const subscribed = next.filter((t) => !oldSet.has(t));
  const unsubscribed = old.filter((t) => !nextSet.has(t));
  if (subscribed.length > 0) await subscribeGranted(deps, subscribed);
  let saved: T;
  try {
    saved = save();
  } catch (error) {
    // Not saved: the topics subscribed for it would only be noise.
    await unsubscribe(deps, subscribed);
    throw error;
  }
  await unsubscribe(deps, unsubscribed);
  return saved;
}

/**
 * Subscribes `topics` and resolves once the broker granted them, or the link is down (they are then
 * asked for at the next connection). Otherwise takes back what it added and throws
 * `FeedbackTopicsRefused`.
 */
async function subscribeGranted(deps: Deps, topics: string[]): Promise<void> {
  try {
    await deps.broker.subscribe(topics);
  } catch (error) {
    // A plain Error: the link refused them by policy and added nothing.
    if (!(error instanceof SubscriptionNotGranted))
      throw new FeedbackTopicsRefused(
        'not-allowed',
        topics,
        error instanceof Error ? error.message : String(error),
      );
    const linkDown = error.refused.length === 0 && deps.broker.state().kind !== 'connected';
    if (linkDown) {
      deps.log.info(
        { err: error.message },
        'feedback subscriptions of the new protocol profile wait for the link',
      );
      return;
    }
    await unsubscribe(deps, topics);
    const refused = error.refused.length > 0;
    throw new FeedbackTopicsRefused(
      refused ? 'refused' : 'unanswered',
      refused ? error.refused : topics,
      error.message,
    );
  }
}

async function unsubscribe(deps: Deps, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  await deps.broker.unsubscribe(topics).catch((error: unknown) => {
    deps.log.warn({ err: error }, 'feedback unsubscribe failed');
  });
}
