/**
 * What the rest of the core needs from the MQTT link (implemented in this folder with mqtt.js).
 * Control depends on this port, not on mqtt.js, so its tests can drive a real broker or a fake.
 */

/**
 * The link's state as a discriminated union: the UI words it, control refuses to send unless `connected`.
 * The optional fields are filled by `BrokerLink` (optional so simpler fakes of the port stay valid):
 * `url` is the address dialled (or about to be), `usingFallback` says it is the port-80 backup,
 * `reconnects` counts how often the link came back after a loss since `connect()`.
 */
export type LinkState =
  | { kind: 'unconfigured' }
  | { kind: 'connecting'; attempt: number; since: number; url?: string }
  | {
      kind: 'connected';
      since: number;
      protocolVersion: 4 | 5;
      url: string;
      usingFallback?: boolean;
      reconnects?: number;
    }
  | {
      kind: 'reconnecting';
      attempt: number;
      /** When the link went down (or `connect()` began, if it never came up). */
      since: number;
      /** In words, e.g. "connection refused at mqtt://host:1883 (is the broker running?)". */
      lastError: string;
      url?: string;
      usingFallback?: boolean;
      reconnects?: number;
    }
  | { kind: 'stopped' };

/** How a publish ended. `acked` means the broker took it (PUBACK), never that a device applied it. */
export type PublishOutcome =
  | { kind: 'acked'; at: number }
  | { kind: 'refused'; reason: string } // not sent: link down, or the broker refused (MQTT 5 reason code)
  | { kind: 'timeout'; reason: string }; // sent or queued, but no PUBACK by the deadline: treat as not delivered

export type InboundMessage = {
  topic: string;
  payload: Buffer;
  receivedAt: number;
  /**
   * The broker replayed a retained message to a new subscription (the RETAIN flag on delivery):
   * stored earlier, of any age, so no report from the device now. A message retained by its
   * publisher but delivered live carries no flag (MQTT 3.1.1 §3.3.1.3, 5.0 "retain as published" off).
   */
  retained?: boolean;
};

/**
 * The broker did not grant subscriptions on the current connection: it refused them (SUBACK 128+,
 * an ACL?), the link is down, or no SUBACK came in time. Whatever `subscribe` added stays in the
 * set; `refused` lists the topics the broker itself refused (empty when only the link is to blame).
 */
export class SubscriptionNotGranted extends Error {
  constructor(
    message: string,
    readonly refused: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SubscriptionNotGranted';
  }
}

export interface BrokerPort {
  state(): LinkState;
  onState(listener: (state: LinkState) => void): () => void;
  /**
   * Publishes QoS 1, never retained, and settles by `deadlineMs` at the latest (mqtt.js callbacks
   * can hang when a link drops). While the link is down it answers `refused` at once: a live
   * command is never queued to arrive late. `expirySeconds` becomes the MQTT 5 message expiry.
   */
  publish(
    topic: string,
    payload: string,
    options: { deadlineMs: number; expirySeconds?: number },
  ): Promise<PublishOutcome>;
  /**
   * Adds topics to the subscription set (restored after every reconnect; each call is one more
   * subscriber of each topic, `unsubscribe` one less) and resolves once the broker granted every
   * one on the current connection, waiting for a SUBACK on its way up to the subscribe deadline.
   * Rejects with a plain Error, adding nothing, for a topic the broker profile forbids; with
   * `SubscriptionNotGranted` when the broker refused one, the link is down or no SUBACK came: the
   * topics are in the set all the same (asked for again on the next connection).
   */
  subscribe(topics: readonly string[]): Promise<void>;
  /**
   * Resolves once every topic is in the set and granted on the current connection (waiting for a
   * SUBACK on its way, up to the subscribe deadline); else rejects with `SubscriptionNotGranted`
   * saying why. Adds nothing: for a caller that already holds the topics and must know they deliver.
   */
  confirmed(topics: readonly string[]): Promise<void>;
  unsubscribe(topics: readonly string[]): Promise<void>;
  onMessage(listener: (message: InboundMessage) => void): () => void;
}

/** What the broker settings page and the support bundle show about the link (`BrokerLink.diagnostics()`). */
export type BrokerDiagnostics = {
  state: LinkState;
  /** Times the link came back after a loss, since `connect()`. */
  reconnects: number;
  /** The last failure in words, kept after the link recovers; undefined if none yet. */
  lastError: string | undefined;
  /** Last publish -> receive round trip on the private ping topic; undefined until measured or when the last ping got no echo. */
  latencyMs: number | undefined;
  /** Pings that got no echo within one probe period. */
  pingsLost: number;
  subscriptions: {
    total: number;
    /** Confirmed by a SUBACK on the current connection. */
    confirmed: number;
    /** Refused by the broker's SUBACK on the current connection (ACL?), retried on the next connection. */
    refused: string[];
  };
  /** The MQTT version in use, or last used; undefined before the first connection. */
  protocolVersion: 4 | 5 | undefined;
  /** Inbound payloads that were not valid UTF-8 (the protocol is UTF-8 JSON); still delivered. */
  malformed: number;
  /** Publishes waiting for a PUBACK and timers the link holds (both 0 after `disconnect()`). */
  pending: { publishes: number; timers: number };
};
