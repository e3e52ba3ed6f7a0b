import { feedbackSubscriptions, type ProtocolProfile } from '../../../shared/protocol/profile';
import type { BrokerPort } from '../broker/broker-port';
import type { Logger } from '../logger';

/**
 * Moves the live-feedback subscriptions from one protocol profile to the next: subscribes the new
 * topics first (so no feedback is missed in between), then drops the old ones no longer needed.
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
    await deps.broker.subscribe(subscribed).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'feedback subscription for the new protocol profile failed');
    });
  }
  if (unsubscribed.length > 0) {
    await deps.broker.unsubscribe(unsubscribed).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'feedback unsubscribe of the old protocol profile failed');
    });
  }
  return { subscribed, unsubscribed };
}
