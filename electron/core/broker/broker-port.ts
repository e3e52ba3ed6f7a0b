/**
 * What the rest of the core needs from the MQTT link (implemented in this folder with mqtt.js).
 * Control depends on this port, not on mqtt.js, so its tests can drive a real broker or a fake.
 */

/** The link's state as a discriminated union: the UI words it, control refuses to send unless `connected`. */
export type LinkState =
  | { kind: 'unconfigured' }
  | { kind: 'connecting'; attempt: number; since: number }
  | { kind: 'connected'; since: number; protocolVersion: 4 | 5; url: string }
  | { kind: 'reconnecting'; attempt: number; since: number; lastError: string }
  | { kind: 'stopped' };

/** How a publish ended. `acked` means the broker took it (PUBACK), never that a device applied it. */
export type PublishOutcome =
  | { kind: 'acked'; at: number }
  | { kind: 'refused'; reason: string } // not sent: link down, or the broker refused (MQTT 5 reason code)
  | { kind: 'timeout'; reason: string }; // sent or queued, but no PUBACK by the deadline: treat as not delivered

export type InboundMessage = { topic: string; payload: Buffer; receivedAt: number };

export interface BrokerPort {
  state(): LinkState;
  onState(listener: (state: LinkState) => void): () => void;
  /**
   * Publishes QoS 1, never retained, and settles by `deadlineMs` at the latest (mqtt.js callbacks
   * can hang when a link drops). While the link is down it answers `refused` at once: a live
   * command is never queued to arrive late. `expirySeconds` becomes the MQTT 5 message expiry.
   */
  publish(topic: string, payload: string, options: { deadlineMs: number; expirySeconds?: number }): Promise<PublishOutcome>;
  /** Adds topics to the subscription set (restored after every reconnect). */
  subscribe(topics: readonly string[]): Promise<void>;
  unsubscribe(topics: readonly string[]): Promise<void>;
  onMessage(listener: (message: InboundMessage) => void): () => void;
}
