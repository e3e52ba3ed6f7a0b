import {
  MAX_FEEDBACK_BYTES,
  expectedNodeId,
  nodeIdIssue,
  feedbackSubscriptions,
  serialFromFeedbackTopic,
  type FeedbackRejection,
  type FeedbackValues,
  type ProtocolProfile,
} from '../../../shared/protocol/profile';
import type { Device } from '../../../shared/domain/inventory/installation';
import type { FeedbackCounts } from '../../../shared/domain/live/feedback-counts';
import { dropImplausible, powerBounds } from '../../../shared/domain/live/plausibility';
import type { PowerHistory } from '../../../shared/domain/live/power-history';
import { SubscriptionNotGranted, type BrokerPort, type InboundMessage } from '../broker/broker-port';
import { decodedFeedback } from '../broker/decoded-feedback';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { FeedbackCounter, type RefusalKind } from './feedback-counter';
import { FeedbackHistory, type HistoryReading } from './feedback-history';
import { saveFollowingFeedback } from './profile-follow';

export type LiveReading = { at: number; values: FeedbackValues; responseCode: number | null };

/**
 * How often "seen on MQTT" reaches the journal per installation: enough to survive a restart, rare
 * enough that 10,000 installations add about 11 entries a second. The live value is always current.
 */
const SEEN_EVERY_MS = 15 * 60_000;

const REFUSAL: Record<Exclude<FeedbackRejection, 'not-feedback'>, RefusalKind> = {
  'too-large': 'tooLarge',
  'not-json': 'badJson',
  schema: 'schema',
  empty: 'empty',
  internal: 'schema',
};

/**
 * Every installation's latest feedback and a bounded history of it: subscribes each known serial's
 * feedback topic (never `#`), decodes it through the protocol profile and keeps the reading.
 * Malformed messages, and feedback for serials that are not installations, are counted per kind,
 * never applied: they create no live value, no history and no installation.
 */
export class LiveValues {
  private readonly latest = new Map<string, LiveReading>();
  private readonly subscribed = new Set<string>();
  /**
   * Serials whose feedback topics the link refused to take (a `+` filter while the broker profile
   * in force forbids wildcards, e.g. at start, before the saved profile is applied): asked again
   * whenever the link starts on a profile, so they are not left unsubscribed for the whole run.
   */
  private readonly refused = new Set<string>();
  private readonly seenJournaled = new Map<string, number>();
  /** Subscriptions of `watch` on their way: a profile move waits for them to settle. */
  private readonly watching = new Set<Promise<void>>();
  /** The protocol profile move in flight (see `followProfile`): `watch` waits for it. */
  private moving: Promise<unknown> | undefined;
  private readonly history: FeedbackHistory;
  private readonly counter: FeedbackCounter;
  private readonly unsubscribe: () => void;
  private readonly offState: () => void;

  constructor(
    private readonly deps: {
      broker: BrokerPort;
      profile: () => ProtocolProfile;
      clock: Clock;
      log: Logger;
      onReading: (serial: string) => void;
      onSeen: (serial: string, at: number) => void;
      /** Whether a serial is an installation (default: one of the watched serials). */
      isKnown?: (serial: string) => boolean;
      /** The site node id the installation reported at onboarding, if any (feedback naming another is listed). */
      siteNodeIdOf?: (serial: string) => string | null | undefined;
      /** The installation's devices, whose ratings bound a believable power (default: none known). */
      devicesOf?: (serial: string) => readonly Device[] | undefined;
      /**
       * When "seen on MQTT" was last made durable for a serial (the inventory's `lastSeen.mqtt`),
       * so a restart does not journal a mark for every installation again within the period.
       */
      seenDurableAt?: (serial: string) => number | undefined;
      /** A message was refused, replayed or had unusable fields (for a batched UI refresh). */
      onProblem?: () => void;
      /** Readings kept per installation (default HISTORY_CAPACITY). */
      historyCapacity?: number;
    },
  ) {
    this.history = new FeedbackHistory(deps.historyCapacity);
    this.counter = new FeedbackCounter(deps.clock.now());
    this.unsubscribe = deps.broker.onMessage((message) => this.receive(message));
    this.offState = deps.broker.onState((state) => {
      // `connect()` applies the new broker profile before the link reports connecting or connected.
      if ((state.kind === 'connecting' || state.kind === 'connected') && this.refused.size > 0)
        void this.watch([...this.refused]);
    });
  }

  get(serial: string): LiveReading | undefined {
    return this.latest.get(serial);
  }

  /** Recent readings of one installation, downsampled for a chart `maxPoints` pixels wide. */
  historyOf(serial: string, sinceMs: number | undefined, maxPoints: number): PowerHistory {
    const reading = this.latest.get(serial);
    const latest = reading ? { at: reading.at, ...reading.values, responseCode: reading.responseCode } : null;
    return { ...this.history.query(serial, sinceMs, maxPoints), latest };
  }

  /** Every kept reading of one installation (values at the history's Float32 precision). */
  readings(serial: string): HistoryReading[] {
    return this.history.readings(serial);
  }

  /** Feedback received since the core started, per outcome. */
  counts(): FeedbackCounts {
    return this.counter.snapshot();
  }

  /**
   * Adds installations to watch; the link keeps the set across reconnects. Serials whose topics
   * the link refuses are not counted as subscribed: they are asked for again when the link next
   * starts on a broker profile (see `refused`).
   */
  async watch(serials: readonly string[]): Promise<void> {
    // Subscribed under the profile in force once a move ends: watched during the move, under the
    // old profile, the serial would be left out of it and deaf on the new profile's topic.
    while (this.moving !== undefined) await this.moving.catch(() => undefined);
    const subscribing = this.subscribeFresh(serials);
    this.watching.add(subscribing);
    try {
      await subscribing;
    } finally {
      this.watching.delete(subscribing);
    }
  }

  /**
   * Saves a protocol profile change with this feedback's subscriptions following it (see
   * `saveFollowingFeedback`, which throws `FeedbackTopicsRefused` and saves nothing when the broker
   * refuses the new topics). Moves are taken one at a time, from the profile in force; serials
   * watched meanwhile are subscribed after it, under the profile then in force, and serials whose
   * topics the link refused are asked for again under the new profile (they hold no topic to move,
   * so asking for them again later, at the link's next start, would count them twice).
   */
  async followProfile<T>(after: ProtocolProfile, save: () => T): Promise<T> {
    while (this.moving !== undefined) await this.moving.catch(() => undefined);
    const move = this.move(after, save);
    this.moving = move;
    try {
      return await move;
    } finally {
      if (this.moving === move) this.moving = undefined;
    }
  }

  private async move<T>(after: ProtocolProfile, save: () => T): Promise<T> {
    // A subscription on its way belongs to the old profile: settled first, it moves with the rest.
    await Promise.allSettled([...this.watching]);
    const holding = [...this.subscribed];
    const profiles = { before: this.deps.profile(), after };
    const saved = await saveFollowingFeedback(
      { broker: this.deps.broker, log: this.deps.log },
      holding,
      profiles,
      save,
    );
    const parked = [...this.refused];
    this.refused.clear();
    if (parked.length > 0) {
      // Not awaited: the save is done; their subscription is an ordinary watch under the new profile.
      const subscribing = this.subscribeFresh(parked);
      this.watching.add(subscribing);
      void subscribing.finally(() => this.watching.delete(subscribing));
    }
    return saved;
  }

  private async subscribeFresh(serials: readonly string[]): Promise<void> {
    const fresh = serials.filter((s) => !this.subscribed.has(s));
    if (fresh.length === 0) return;
    const profile = this.deps.profile();
    // One `+` filter serves every installation, and the link counts subscribers: taken again per
    // installation onboarded, it would outlive the change that drops it once (wildcard feedback
    // turned off), and under MQTT 5 every message would then arrive twice. Watched serials hold it.
    const held = profile.wildcardFeedback && this.subscribed.size > 0;
    for (const s of fresh) {
      this.subscribed.add(s);
      this.refused.delete(s);
    }
    if (held) return;
    try {
      await this.deps.broker.subscribe(feedbackSubscriptions(profile, fresh));
    } catch (error) {
      if (error instanceof SubscriptionNotGranted) {
        // In the link's set all the same: asked for again at every connection, shown in its diagnostics.
        if (error.refused.length > 0)
          this.deps.log.warn({ err: error.message }, 'the broker refused feedback subscriptions');
        return;
      }
      // A `+` filter the link would not take serves none of the watched serials (one watched while
      // this call was on its way counted on it): they are all asked for again.
      const unserved = profile.wildcardFeedback ? [...this.subscribed] : fresh;
      for (const s of unserved) {
        this.subscribed.delete(s);
        this.refused.add(s);
      }
      this.deps.log.warn(
        { err: error, serials: unserved.length },
        'feedback subscription refused; asked again when the broker link starts on a profile',
      );
    }
  }

  stop(): void {
    this.unsubscribe();
    this.offState();
  }

  private receive(message: InboundMessage): void {
    const { topic, payload, receivedAt } = message;
    const profile = this.deps.profile();
    const serial = serialFromFeedbackTopic(profile, topic);
    // Not ours (the ping topic, a command echo): not feedback, not counted.
    if (serial === null) return;
    // A wildcard subscription, or one kept for a serial a restore removed, must not make an
    // installation or a live value appear from the broker alone.
    if (!(this.deps.isKnown?.(serial) ?? this.subscribed.has(serial))) {
      return this.refuse('unknownSerial', serial, receivedAt, 'not an installation of the inventory');
    }
    // Replayed by the broker at (re)subscription, however old: showing it as current would make a
    // controller silent for days look alive after every reconnect (and after every start).
    if (message.retained === true) {
      this.counter.replayed();
      this.deps.onProblem?.();
      return;
    }
    // Checked on the bytes, before they are copied into a string: a 100 MB payload costs nothing.
    if (payload.byteLength > MAX_FEEDBACK_BYTES) {
      const reason = `payload is ${payload.byteLength} bytes, over ${MAX_FEEDBACK_BYTES}`;
      return this.refuse('tooLarge', serial, receivedAt, reason);
    }
    const decoded = decodedFeedback(profile, message);
    if (!decoded.ok) {
      if (decoded.kind === 'not-feedback') return;
      return this.refuse(REFUSAL[decoded.kind], serial, receivedAt, decoded.reason);
    }
    // An impossible power is dropped; the message's other values are still shown (see plausibility.ts).
    const { reading: values, problems } = dropImplausible(
      decoded.values,
      powerBounds(this.deps.devicesOf?.(serial)),
    );
    const nodeIssue = nodeIdIssue(
      expectedNodeId(profile, serial, this.deps.siteNodeIdOf?.(serial)),
      decoded.raw,
    );
    const issues = nodeIssue === null ? decoded.issues : [...decoded.issues, nodeIssue];
    if (problems.length > 0) this.counter.implausible(serial, receivedAt, [...problems, ...issues]);
    else this.counter.accepted(serial, receivedAt, issues);
    if (issues.length > 0 || problems.length > 0) this.deps.onProblem?.();
    this.latest.set(serial, { at: receivedAt, values, responseCode: decoded.responseCode });
    this.history.push(serial, receivedAt, values, decoded.responseCode);
    this.deps.onReading(serial);
    const journaled = this.seenJournaled.get(serial);
    const last = journaled ?? this.deps.seenDurableAt?.(serial) ?? -Infinity;
    if (receivedAt - last >= SEEN_EVERY_MS) {
      // A fleet that connects together would otherwise come due together every period (10,000
      // marks in one burst each 15 minutes): the first mark of a run counts as made up to one
      // period earlier, by a fixed share per serial, so the next ones spread over the period.
      this.seenJournaled.set(serial, journaled === undefined ? receivedAt - spreadOf(serial) : receivedAt);
      this.deps.onSeen(serial, receivedAt);
    }
  }

  private refuse(kind: RefusalKind, serial: string, at: number, reason: string): void {
    this.counter.refused(kind, serial, at, reason);
    this.deps.onProblem?.();
  }
}

/** A fixed share of the seen period per serial (FNV-1a of the serial), in [0, SEEN_EVERY_MS). */
function spreadOf(serial: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serial.length; i++) hash = Math.imul(hash ^ serial.charCodeAt(i), 0x01000193) >>> 0;
  return hash % SEEN_EVERY_MS;
}
