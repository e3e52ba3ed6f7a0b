import type { Logger } from '../logger';
import type { Session } from './session';
import { subscribeChecked, subscriptionProblem, SubscriptionSet } from './subscriptions';
import type { Timers } from './timers';

/** What the broker answered to `add`: `pending` = offline (or no SUBACK), sent on the next connection. */
export type SubscriptionReport = { granted: string[]; refused: string[]; pending: string[] };

/**
 * The link's subscriptions against the live session: adding and removing while connected, and
 * restoring the whole set (plus the private ping topic) after every (re)connect, each SUBACK checked.
 */
export class LinkSubscriptions {
  private readonly set = new SubscriptionSet();

  constructor(private readonly deps: { timers: Timers; timeoutMs: number; log: Logger }) {}

  /** Throws, adding nothing, if any topic is refused by policy (`#`, `+` unless allowed, invalid). */
  async add(
    topics: readonly string[],
    allowWildcard: boolean,
    session: Session | undefined,
  ): Promise<SubscriptionReport> {
    const problems = topics.map((t) => subscriptionProblem(t, allowWildcard)).filter((p) => p !== undefined);
    if (problems.length > 0) throw new Error(`subscription refused: ${problems.join('; ')}`);
    const fresh = this.set.add(topics);
    if (fresh.length === 0 || session === undefined) return { granted: [], refused: [], pending: fresh };
    try {
      const grants = await subscribeChecked(session.client, fresh, this.deps);
      if (session.isUp()) this.set.record(grants);
      return {
        granted: grants.filter((g) => g.qos < 128).map((g) => g.topic),
        refused: grants.filter((g) => g.qos >= 128).map((g) => g.topic),
        pending: [],
      };
    } catch {
      return { granted: [], refused: [], pending: fresh };
    }
  }

  /** Removes topics; while connected also UNSUBSCRIBEs (best effort, bounded: a new connection forgets them anyway). */
  async remove(topics: readonly string[], session: Session | undefined): Promise<void> {
    const known = this.set.remove(topics);
    if (known.length === 0 || session === undefined) return;
    await new Promise<void>((resolve) => {
      const cancel = this.deps.timers.after(this.deps.timeoutMs, resolve);
      session.client.unsubscribe(known, () => {
        cancel();
        resolve();
      });
    });
  }

  /** Drops topics the new profile no longer allows (e.g. `+` after wildcards were turned off). */
  dropDisallowed(allowWildcard: boolean): void {
    const dropped = this.set.all().filter((t) => subscriptionProblem(t, allowWildcard) !== undefined);
    this.set.drop(dropped);
    if (dropped.length > 0)
      this.deps.log.warn({ dropped }, 'subscriptions the broker profile no longer allows were dropped');
  }

  /**
   * Subscribes the whole set on a new connection; answers whether `extra` (the ping topic) was
   * granted. A SUBACK lost with a dying link is logged: the next connection restores again.
   */
  async restore(session: Session, extra: string | undefined): Promise<boolean> {
    const topics = this.set.all();
    try {
      const grants = await subscribeChecked(
        session.client,
        extra === undefined ? topics : [extra, ...topics],
        this.deps,
      );
      if (!session.isUp()) return false;
      this.set.record(grants);
      const refused = this.set.summary().refused;
      if (refused.length > 0) this.deps.log.warn({ refused }, 'the broker refused subscriptions');
      return grants.some((g) => g.topic === extra && g.qos < 128);
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'restoring subscriptions failed');
      return false;
    }
  }

  /** A connection ended: nothing is confirmed any more (clean session). */
  reset(): void {
    this.set.reset();
  }

  summary(): { total: number; confirmed: number; refused: string[] } {
    return this.set.summary();
  }
}
