import {
  decodeFeedback,
  feedbackSubscriptions,
  type FeedbackValues,
  type ProtocolProfile,
} from '../../../shared/protocol/profile';
import type { BrokerPort } from '../broker/broker-port';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

export type LiveReading = { at: number; values: FeedbackValues; responseCode: number | null };

/**
 * How often "seen on MQTT" reaches the journal per installation: enough to survive a restart, rare
 * enough that 10,000 installations add about 11 entries a second. The live value is always current.
 */
const SEEN_EVERY_MS = 15 * 60_000;

/**
 * Every installation's latest feedback: subscribes each known serial's feedback topic (never `#`),
 * decodes it through the protocol profile and keeps the last reading. Malformed messages are
 * counted, never applied.
 */
export class LiveValues {
  private readonly latest = new Map<string, LiveReading>();
  private readonly subscribed = new Set<string>();
  private readonly seenJournaled = new Map<string, number>();
  private unsubscribe: () => void;
  malformed = 0;

  constructor(
    private readonly deps: {
      broker: BrokerPort;
      profile: () => ProtocolProfile;
      clock: Clock;
      log: Logger;
      onReading: (serial: string) => void;
      onSeen: (serial: string, at: number) => void;
    },
  ) {
    this.unsubscribe = deps.broker.onMessage((message) =>
      this.receive(message.topic, message.payload.toString('utf8'), message.receivedAt),
    );
  }

  get(serial: string): LiveReading | undefined {
    return this.latest.get(serial);
  }

  /** Adds installations to watch; the link keeps the set across reconnects. */
  async watch(serials: readonly string[]): Promise<void> {
    const fresh = serials.filter((s) => !this.subscribed.has(s));
    if (fresh.length === 0) return;
    fresh.forEach((s) => this.subscribed.add(s));
    await this.deps.broker
      .subscribe(feedbackSubscriptions(this.deps.profile(), fresh))
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error }, 'feedback subscription failed');
      });
  }

  stop(): void {
    this.unsubscribe();
  }

  private receive(topic: string, payload: string, receivedAt: number): void {
    const decoded = decodeFeedback(this.deps.profile(), topic, payload);
    if (!decoded.ok) {
      // Not ours (the ping topic, a command echo) or malformed: counted, never applied.
      if (decoded.serial !== null) this.malformed += 1;
      return;
    }
    this.latest.set(decoded.serial, {
      at: receivedAt,
      values: decoded.values,
      responseCode: decoded.responseCode,
    });
    this.deps.onReading(decoded.serial);
    const last = this.seenJournaled.get(decoded.serial) ?? -Infinity;
    if (receivedAt - last >= SEEN_EVERY_MS) {
      this.seenJournaled.set(decoded.serial, receivedAt);
      this.deps.onSeen(decoded.serial, receivedAt);
    }
  }
}
