import { feedbackSubscriptions, type ProtocolProfile } from '../../../shared/protocol/profile';
import { SubscriptionNotGranted, type BrokerPort } from '../broker/broker-port';
import type { Logger } from '../logger';

/**
 * Moves the live-feedback subscriptions from one protocol profile to the next: subscribes the new
 * topics first, and drops the old ones only once the broker granted the new (so no feedback is
 * missed in between, and none is lost for good when the new are refused: by the broker profile,
 * e.g. `+` where wildcards are off, or by the broker's ACL). While the link is down nothing can be
 * granted or heard either way: the old ones go and the new are restored on the next connection.
 * Decoding follows by itself, since LiveValues reads the profile in force for every message: a
 * message still arriving on an old topic no longer matches the template and is ignored.
 */
export async function followProfileChange(
  deps: { broker: BrokerPort; log: Logger },
  serials: readonly string[],
  before: ProtocolProfile,
  after: ProtocolProfile,
): Promise<{ subscribed: string[]; unsubscribed: string[] }> {
  const old = feedbackSubscriptions(before, serials);
  const next = feedbackSubscriptions(after, serials);
  const subscribed = next.filter((t) => !old.includes(t));
  const unsubscribed = old.filter((t) => !next.includes(t));
  if (subscribed.length > 0) {
    try {
      await deps.broker.subscribe(subscribed);
    } catch (error) {
      const kept = !(error instanceof SubscriptionNotGranted) || error.refused.length > 0;
      if (kept) {
        // Refused: the old topics stay, so live feedback keeps coming as before.
        if (error instanceof SubscriptionNotGranted) await unsubscribe(deps, subscribed);
        deps.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'feedback subscription for the new protocol profile refused; the old topics are kept',
        );
        return { subscribed: [], unsubscribed: [] };
      }
      deps.log.info(
        { err: error.message },
        'feedback subscriptions of the new protocol profile wait for the link',
      );
    }
  }
  if (unsubscribed.length > 0) await unsubscribe(deps, unsubscribed);
  return { subscribed, unsubscribed };
}

async function unsubscribe(deps: { broker: BrokerPort; log: Logger }, topics: string[]): Promise<void> {
  await deps.broker.unsubscribe(topics).catch((error: unknown) => {
    deps.log.warn({ err: error }, 'feedback unsubscribe failed');
  });
}
