import type { BrokerPort, InboundMessage } from '../broker/broker-port';
import type { Logger } from '../logger';
import type { Probe } from './command-record';
import { DEFAULT_CONTROL_OPTIONS } from './control-options';
import type { ControlFeedback, ControlProtocol } from './control-protocol';

/**
 * A decoded feedback message with how many the serial has sent since we started watching, and the
 * number of the serial's latest publish answered by now (this message included; see `probe`).
 */
export type WatchedFeedback = ControlFeedback & { receivedAt: number; seen: number; answered?: number };

/**
 * A probe as `probe()` takes it at a publish: also the publish's number, and how many earlier
 * publishes of the serial were still waiting for their answer then.
 */
export type PublishProbe = Probe & { seq: number; unansweredBefore: number };

/**
 * A publish still waiting for its answer. `base` (the feedback count and code before the feedback
 * that may answer it) is set once every earlier publish got its answer; `firstAt` is when the
 * first feedback after it came (the watch has no clock of its own; never before the publish).
 */
type Waiting = { seq: number; base?: { seen: number; code: number | null }; firstAt?: number };

type Stats = { seen: number; lastCode: number | null; answered: number; waiting: Waiting[] };

/** Publishes of one serial waiting for an answer, at most (pacing lets ~14 through in 15 s). */
const MAX_WAITING = 32;

type Deps = {
  broker: BrokerPort;
  protocol: ControlProtocol;
  log: Logger;
  onFeedback: (feedback: WatchedFeedback) => void;
  /**
   * An answer this late (counted from the first feedback after the publish) is not waited for any
   * more: a publish lost with the link must not hold the next commands' answers back for good.
   * The command's confirmation deadline (default: the default deadline).
   */
  answerWithinMs?: number;
};

/**
 * Subscribes to the feedback of the installations under control (per installation, or one `+`
 * filter when the profile allows) and counts each one's feedback, so a command can tell a fresh
 * answer from a stale one (see feedback-judge.ts). Topics are reference-counted across serials.
 *
 * Feedback carries no command id, and the controller answers each publish once, in order. So the
 * answers are attributed in order: a code answers the oldest publish still waiting, and a publish
 * waits until every earlier one got its answer (or stopped being waited for), so a late answer to
 * a replaced command never decides the command that replaced it.
 */
export class FeedbackWatch {
  private readonly watching = new Map<string, string[]>();
  private readonly refs = new Map<string, number>();
  private readonly stats = new Map<string, Stats>();
  private published = 0;
  private readonly off: () => void;
  private readonly offState: () => void;

  constructor(private readonly deps: Deps) {
    this.off = deps.broker.onMessage((m) => this.receive(m));
    // Answers published while the link was down are lost (clean session): nothing waits for them.
    this.offState = deps.broker.onState((state) => {
      if (state.kind !== 'connected') return;
      for (const s of this.stats.values()) while (s.waiting.length > 0) this.pass(s, s.seen, s.lastCode);
    });
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

  /**
   * The serial's feedback count and last code now, and the publish's place in line: taken at each
   * publish (command or lease refresh), which from then on waits for its answer.
   */
  probe(serial: string): Probe {
    if (!this.watching.has(serial)) return { seenBefore: 0, codeBefore: null };
    const s = this.statsOf(serial);
    this.published += 1;
    const unansweredBefore = s.waiting.length;
    const base = unansweredBefore === 0 ? { seen: s.seen, code: s.lastCode } : undefined;
    s.waiting.push({ seq: this.published, ...(base !== undefined && { base }) });
    if (s.waiting.length > MAX_WAITING) this.pass(s, s.seen, s.lastCode);
    const probe: PublishProbe = {
      seenBefore: s.seen,
      codeBefore: s.lastCode,
      seq: this.published,
      unansweredBefore,
    };
    return probe;
  }

  /**
   * Whether feedback can only come after the controller answered what was published at `probe`:
   * once that publish got its answer in line (see the class). A probe without its place in line
   * (or feedback not counted by a watch) falls back to the message alone: a code different from
   * the one seen before the publish, or the second feedback after it.
   */
  static fresh(
    probe: Probe,
    f: { seen: number; answered?: number | undefined; reading: { responseCode: number | null } },
  ): boolean {
    const seq = (probe as Partial<PublishProbe>).seq;
    if (typeof seq === 'number' && f.answered !== undefined) return f.answered >= seq;
    const code = f.reading.responseCode;
    return (probe.codeBefore !== null && code !== probe.codeBefore) || f.seen - probe.seenBefore >= 2;
  }

  stop(): void {
    this.off();
    this.offState();
  }

  private receive(message: InboundMessage): void {
    // A retained message the broker replayed at subscription answers nothing (see InboundMessage).
    if (message.retained === true) return;
    const serial = this.deps.protocol.serialOf(message.topic);
    if (serial === null || !this.watching.has(serial)) return;
    const decoded = this.deps.protocol.decode(message);
    if ('error' in decoded) {
      this.deps.log.debug({ serial, reason: decoded.error }, 'unusable feedback ignored');
      return;
    }
    const s = this.statsOf(serial);
    s.seen += 1;
    const code = decoded.reading.responseCode;
    this.attribute(s, code, message.receivedAt);
    try {
      this.deps.onFeedback({
        ...decoded,
        receivedAt: message.receivedAt,
        seen: s.seen,
        answered: s.answered,
      });
    } finally {
      // Recorded after the handler, so a probe taken during it still shows the code before this message.
      if (code !== null) s.lastCode = code;
    }
  }

  private statsOf(serial: string): Stats {
    let s = this.stats.get(serial);
    if (s === undefined) {
      s = { seen: 0, lastCode: null, answered: 0, waiting: [] };
      this.stats.set(serial, s);
    }
    return s;
  }

  /**
   * Whether this (the `s.seen`-th) feedback answers the oldest publish waiting: its code differs
   * from the one before (a controller's answer changes the code it reports), or it is the second
   * feedback since (periodic feedback can slip in between a publish and its answer, not two). A
   * publish whose answer is overdue is passed first, judged from before this message.
   */
  private attribute(s: Stats, code: number | null, at: number): void {
    for (const w of s.waiting) w.firstAt ??= at;
    while (
      s.waiting.length > 0 &&
      at - (s.waiting[0]?.firstAt ?? at) >
        (this.deps.answerWithinMs ?? DEFAULT_CONTROL_OPTIONS.confirmDeadlineMs)
    )
      this.pass(s, s.seen - 1, s.lastCode);
    const base = s.waiting[0]?.base;
    if (base === undefined) return;
    const changed = code !== null && base.code !== null && code !== base.code;
    if (changed || s.seen - base.seen >= 2) this.pass(s, s.seen, code ?? s.lastCode);
  }

  /** The oldest waiting publish got its answer (or is no longer waited for); the next is judged from `seen`. */
  private pass(s: Stats, seen: number, code: number | null): void {
    const done = s.waiting.shift();
    if (done !== undefined) s.answered = done.seq;
    const next = s.waiting[0];
    if (next !== undefined) next.base = { seen, code };
  }
}
