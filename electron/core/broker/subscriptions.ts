import type { MqttClient } from 'mqtt';
import type { Timers } from './timers';

/** Topics per SUBSCRIBE packet when restoring: brokers cap packet sizes, and thousands of topics add up. */
const CHUNK = 100;

/** Why `topic` may not be subscribed to, or undefined when it may. */
export function subscriptionProblem(topic: string, allowWildcard: boolean): string | undefined {
  if (topic === '' || topic.includes('\u0000')) return `"${topic}" is not a valid topic filter`;
  if (topic.includes('#'))
    return `"${topic}": # subscriptions are refused (they would pull in every installation's traffic)`;
  if (topic.includes('+') && !allowWildcard) {
    return `"${topic}": + wildcards are off for this broker profile (subscribe per installation)`;
  }
  if (topic.includes('+') && !topic.split('/').every((level) => level === '+' || !level.includes('+'))) {
    return `"${topic}": + must fill a whole topic level`;
  }
  return undefined;
}

/**
 * The subscription set the link keeps and restores after every (re)connect, with what the
 * broker answered on the current connection: a topic counts as active only after its SUBACK
 * granted it (MQTT.js #1001: subscriptions silently lost after a broker restart).
 */
export class SubscriptionSet {
  /**
   * Topic → how many subscribers asked for it. Several parts of the core subscribe to the same
   * feedback topic (live values for every installation, control while a command is open): one
   * unsubscribing must not silence the others, so a topic leaves only with its last subscriber.
   */
  private readonly topics = new Map<string, number>();
  private readonly confirmed = new Set<string>();
  private readonly refused = new Set<string>();

  /** Adds topics (one more subscriber each); answers the ones that were not in the set yet. */
  add(topics: readonly string[]): string[] {
    const fresh: string[] = [];
    for (const t of new Set(topics)) {
      const n = this.topics.get(t) ?? 0;
      if (n === 0) fresh.push(t);
      this.topics.set(t, n + 1);
    }
    return fresh;
  }

  /** One subscriber less per topic; answers the topics nobody wants any more (now removed). */
  remove(topics: readonly string[]): string[] {
    const gone: string[] = [];
    for (const t of new Set(topics)) {
      const n = this.topics.get(t);
      if (n === undefined) continue;
      if (n > 1) this.topics.set(t, n - 1);
      else gone.push(t);
    }
    return this.drop(gone);
  }

  /** Removes topics whoever subscribed them (e.g. no longer allowed by the profile). */
  drop(topics: readonly string[]): string[] {
    const known = topics.filter((t) => this.topics.delete(t));
    for (const t of known) {
      this.confirmed.delete(t);
      this.refused.delete(t);
    }
    return known;
  }

  all(): string[] {
    return [...this.topics.keys()];
  }

  /** A new connection starts with nothing confirmed (clean session). */
  reset(): void {
    this.confirmed.clear();
    this.refused.clear();
  }

  /** Records a SUBACK: QoS 0-2 granted, 128+ refused. */
  record(grants: readonly { topic: string; qos: number }[]): void {
    for (const { topic, qos } of grants) {
      if (!this.topics.has(topic)) continue;
      if (qos < 128) {
        this.confirmed.add(topic);
        this.refused.delete(topic);
      } else {
        this.refused.add(topic);
        this.confirmed.delete(topic);
      }
    }
  }

  summary(): { total: number; confirmed: number; refused: string[] } {
    return { total: this.topics.size, confirmed: this.confirmed.size, refused: [...this.refused] };
  }

  /** What the broker answered for one topic on the current connection; `absent` if not in the set. */
  status(topic: string): 'granted' | 'refused' | 'pending' | 'absent' {
    if (!this.topics.has(topic)) return 'absent';
    if (this.confirmed.has(topic)) return 'granted';
    return this.refused.has(topic) ? 'refused' : 'pending';
  }
}

/**
 * Subscribes QoS 1 and answers the broker's grant per topic. Bounded by `timeoutMs`, as a SUBACK
 * may never come on a dying link. Rejects on timeout or a client error.
 */
export async function subscribeChecked(
  client: MqttClient,
  topics: readonly string[],
  deps: { timers: Timers; timeoutMs: number },
): Promise<{ topic: string; qos: number }[]> {
  const grants: { topic: string; qos: number }[] = [];
  for (let i = 0; i < topics.length; i += CHUNK) {
    const chunk = topics.slice(i, i + CHUNK);
    const granted = await new Promise<{ topic: string; qos: number }[]>((resolve, reject) => {
      const cancel = deps.timers.after(deps.timeoutMs, () =>
        reject(new Error(`no SUBACK within ${deps.timeoutMs} ms`)),
      );
      // The SUBACK's own codes, in request order: on a refusal mqtt.js reports an error and leaves
      // the grants it answers at what was asked, so only the packet tells which topic was refused.
      client.subscribe(chunk, { qos: 1 }, (error, _answer, packet) => {
        cancel();
        const codes = packet?.granted;
        if (codes !== undefined && codes.length === chunk.length) {
          resolve(chunk.map((topic, j) => ({ topic, qos: typeof codes[j] === 'number' ? codes[j] : 128 })));
        } else reject(error ?? new Error('SUBACK without an answer per topic'));
      });
    });
    grants.push(...granted);
  }
  return grants;
}
