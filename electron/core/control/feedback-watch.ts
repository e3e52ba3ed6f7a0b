import type { BrokerPort, InboundMessage } from '../broker/broker-port';
import type { Logger } from '../logger';
import type { Probe } from './command-record';
import type { ControlFeedback, ControlProtocol } from './control-protocol';

/** A decoded feedback message with how many the serial has sent since we started watching. */
export type WatchedFeedback = ControlFeedback & { receivedAt: number; seen: number };

type Deps = {
  broker: BrokerPort;
  protocol: ControlProtocol;
  log: Logger;
  onFeedback: (feedback: WatchedFeedback) => void;
};

/**
 * Subscribes to the feedback of the installations under control (per installation, or one `+`
 * filter when the profile allows) and counts each one's feedback, so a command can tell a fresh
 * answer from a stale one (see feedback-judge.ts). Topics are reference-counted across serials.
 */
export class FeedbackWatch {
  private readonly watching = new Map<string, string[]>();
  private readonly refs = new Map<string, number>();
  private readonly stats = new Map<string, { seen: number; lastCode: number | null }>();
  private readonly off: () => void;

  constructor(private readonly deps: Deps) {
    this.off = deps.broker.onMessage((m) => this.receive(m));
  }

  /**
   * Subscribes to `serial`'s feedback (once), and checks at every call that the broker granted it
   * on the current connection: rejects with the reason when it was refused (an ACL), is not
   * answered in time or the link is down, so no command is sent whose outcome cannot be seen. A
   * serial first watched by a call that fails is let go again.
   */
  async watch(serial: string): Promise<void> {
    let topics = this.watching.get(serial);
    const first = topics === undefined;
    let fresh: string[] = [];
    if (topics === undefined) {
      topics = this.deps.protocol.feedbackTopics([serial]);
      fresh = topics.filter((t) => (this.refs.get(t) ?? 0) === 0);
      // Counted before the round trip, so a concurrent watch (this serial, or another one sharing
      // a `+` topic) neither subscribes the topic twice nor takes it for granted unchecked.
      this.watching.set(serial, topics);
      for (const t of topics) this.refs.set(t, (this.refs.get(t) ?? 0) + 1);
    }
    try {
      if (fresh.length > 0) await this.deps.broker.subscribe(fresh);
      await this.deps.broker.confirmed(topics);
    } catch (error) {
      if (first) this.unwatch(serial);
      throw error;
    }
  }

  /** Stops watching `serial` (nothing of it is in flight or held any more). */
  unwatch(serial: string): void {
    const topics = this.watching.get(serial);
    if (topics === undefined) return;
    this.watching.delete(serial);
    this.stats.delete(serial);
    const idle = topics.filter((t) => {
      const n = (this.refs.get(t) ?? 1) - 1;
      if (n <= 0) this.refs.delete(t);
      else this.refs.set(t, n);
      return n <= 0;
    });
    if (idle.length > 0) {
      this.deps.broker
        .unsubscribe(idle)
        .catch((error: unknown) => this.deps.log.warn({ err: error }, 'feedback unsubscribe failed'));
    }
  }

  /** The serial's feedback count and last code now: taken at each publish. */
  probe(serial: string): Probe {
    const s = this.stats.get(serial);
    return { seenBefore: s?.seen ?? 0, codeBefore: s?.lastCode ?? null };
  }

  /** Whether `code`, in the `seen`-th feedback of the serial, can only be an answer to what was published at `probe`. */
  static fresh(probe: Probe, seen: number, code: number | null): boolean {
    const index = seen - probe.seenBefore;
    return (probe.codeBefore !== null && code !== probe.codeBefore) || index >= 2;
  }

  stop(): void {
    this.off();
  }

  private receive(message: InboundMessage): void {
    const serial = this.deps.protocol.serialOf(message.topic);
    if (serial === null || !this.watching.has(serial)) return;
    const decoded = this.deps.protocol.decode(message);
    if ('error' in decoded) {
      this.deps.log.debug({ serial, reason: decoded.error }, 'unusable feedback ignored');
      return;
    }
    const s = this.stats.get(serial) ?? { seen: 0, lastCode: null };
    s.seen += 1;
    this.stats.set(serial, s);
    try {
      this.deps.onFeedback({ ...decoded, receivedAt: message.receivedAt, seen: s.seen });
    } finally {
      // Recorded after the handler, so a probe taken during it still shows the code before this message.
      if (decoded.reading.responseCode !== null) s.lastCode = decoded.reading.responseCode;
    }
  }
}
