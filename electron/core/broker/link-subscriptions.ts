import type { Logger } from '../logger';
import { SubscriptionNotGranted } from './broker-port';
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
  /**
   * `confirmed()` calls waiting for a SUBACK: each looks again whenever the set's answers change,
   * and is rejected with the given reason when the connection ends (`abandon`).
   */
  private readonly waiters = new Map<() => void, (reason: string) => void>();

  constructor(
    private readonly deps: {
      timers: Timers;
      timeoutMs: number;
      log: Logger;
      /** What the broker answered changed (a SUBACK recorded, a restore done, a topic gone). */
      onChange?: () => void;
    },
  ) {}

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
      if (session.isUp()) this.record(grants);
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
    this.changed();
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
    this.changed();
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
      this.record(grants);
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
    this.changed();
  }

  /**
   * Resolves once every topic is in the set and granted on the connection `session()` answers,
   * waiting for a SUBACK on its way up to the subscribe deadline; else rejects with
   * `SubscriptionNotGranted` saying why: not subscribed, refused by the broker, link down, no SUBACK.
   */
  confirmed(topics: readonly string[], session: () => Session | undefined): Promise<void> {
    const now = this.answer(topics, session());
    if (now === undefined) return Promise.resolve();
    if (now !== 'wait') return Promise.reject(now);
    return new Promise((resolve, reject) => {
      const look = (): void => {
        const answer = this.answer(topics, session());
        if (answer === 'wait') return;
        this.waiters.delete(look);
        cancel();
        if (answer === undefined) resolve();
        else reject(answer);
      };
      const cancel = this.deps.timers.after(this.deps.timeoutMs, () => {
        this.waiters.delete(look);
        const late = topics.filter((t) => this.set.status(t) === 'pending');
        const ms = this.deps.timeoutMs;
        reject(new SubscriptionNotGranted(`no SUBACK for ${late.join(', ')} within ${ms} ms`));
      });
      this.waiters.set(look, (reason) => {
        this.waiters.delete(look);
        cancel();
        reject(new SubscriptionNotGranted(reason));
      });
    });
  }

  /** The connection ended (or the link stopped): `confirmed()` calls still waiting are told why. */
  abandon(reason: string): void {
    for (const stop of [...this.waiters.values()]) stop(reason);
  }

  /** Undefined when every topic is granted, 'wait' while a SUBACK may still come, else why not. */
  private answer(
    topics: readonly string[],
    session: Session | undefined,
  ): SubscriptionNotGranted | 'wait' | undefined {
    if (session === undefined || !session.isUp())
      return new SubscriptionNotGranted(
        'not connected to the broker: the subscription waits for the next connection',
      );
    const absent = topics.filter((t) => this.set.status(t) === 'absent');
    if (absent.length > 0) return new SubscriptionNotGranted(`not subscribed to ${absent.join(', ')}`);
    const refused = topics.filter((t) => this.set.status(t) === 'refused');
    if (refused.length > 0) {
      return new SubscriptionNotGranted(
        `the broker refused the subscription to ${refused.join(', ')} (does its ACL let this user read it?)`,
        refused,
      );
    }
    return topics.every((t) => this.set.status(t) === 'granted') ? undefined : 'wait';
  }

  private record(grants: readonly { topic: string; qos: number }[]): void {
    this.set.record(grants);
    this.changed();
  }

  /** The set's answers changed: waiting `confirmed()` calls look again, and the link is told. */
  private changed(): void {
    for (const look of [...this.waiters.keys()]) look();
    this.deps.onChange?.();
  }

  summary(): { total: number; confirmed: number; refused: string[] } {
    return this.set.summary();
  }
}
