import { isUtf8 } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { BrokerProfileSchema, type BrokerProfileInput } from '../../../shared/domain/broker/broker-profile';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './attempt-plan';
import type { BrokerDiagnostics, BrokerPort, InboundMessage, LinkState, PublishOutcome } from './broker-port';
import type { SecretSource } from './connect-options';
import { ConnectionLoop } from './connection-loop';
import { LatencyProbe } from './latency-probe';
import { LinkSubscriptions, type SubscriptionReport } from './link-subscriptions';
import { Listeners } from './listeners';
import { InFlight, LINK_LOST, publishTopicProblem, publishWithDeadline } from './publish-deadline';
import { corkForThisTurn } from './turn-cork';
import type { Session } from './session';
import { Timers } from './timers';

export type { SubscriptionReport };

export type BrokerLinkOptions = {
  clock: Clock;
  log: Logger;
  secrets: SecretSource;
  /** The installation's stable client id (`clientIdFor(dataDir)`). */
  clientId: string;
  /** Reconnect back-off and backup-URL switching (default 1 s doubling to 30 s, switch after 3). */
  backoff?: Partial<BackoffPolicy>;
  /** Whether held leases lapse while the link is down: reconnects are then retried sooner. */
  leasesAtRisk?: () => boolean;
  /** CONNECT -> CONNACK limit per attempt (default 10 s). */
  connectTimeoutMs?: number;
  /** SUBSCRIBE -> SUBACK limit (default 10 s). */
  subscribeTimeoutMs?: number;
  /** Round-trip probe period (default 10 s); `false` turns the probe off. */
  latencyProbe?: { intervalMs: number } | false;
  /** Monotonic milliseconds for the latency figure (default `performance.now`). */
  monotonic?: () => number;
};

/**
 * The MQTT link (mqtt.js) behind the `BrokerPort`: reconnects by itself (back-off, MQTT 5 -> 3.1.1,
 * port-80 backup; see `ConnectionLoop`), publishes only while connected and each with its own
 * deadline, restores a checked subscription set after every reconnect, and probes the round trip.
 */
export class BrokerLink implements BrokerPort {
  private current: LinkState = { kind: 'unconfigured' };
  /** The applied broker profile's `allowWildcard`; undefined until `connect()` applied one. */
  private allowWildcard: boolean | undefined;
  private malformed = 0;
  private readonly stateListeners = new Listeners<LinkState>();
  private readonly messageListeners = new Listeners<InboundMessage>();
  private readonly changeListeners = new Listeners<void>();
  private readonly timers: Timers;
  private readonly inFlight = new InFlight();
  private readonly subscriptions: LinkSubscriptions;
  private readonly probe: LatencyProbe | undefined;
  private readonly loop: ConnectionLoop;

  constructor(private readonly options: BrokerLinkOptions) {
    const { clock, log } = options;
    this.timers = new Timers(clock);
    const changed = () => this.changeListeners.emit(undefined, log);
    this.subscriptions = new LinkSubscriptions({
      timers: this.timers,
      timeoutMs: options.subscribeTimeoutMs ?? 10_000,
      log,
      onChange: changed,
    });
    const probe = options.latencyProbe ?? { intervalMs: 10_000 };
    const monotonic = options.monotonic ?? (() => performance.now());
    this.probe =
      probe === false
        ? undefined
        : new LatencyProbe(`fleetdesk/${options.clientId}/ping`, {
            timers: this.timers,
            intervalMs: probe.intervalMs,
            monotonic,
            onChange: changed,
          });
    this.loop = new ConnectionLoop({
      ...options,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      timers: this.timers,
      hooks: {
        state: (state) => {
          this.current = state;
          this.stateListeners.emit(state, log);
        },
        up: (session) => void this.up(session),
        down: () => this.down(LINK_LOST),
        message: (topic, payload, retained) => this.received(topic, payload, retained),
      },
    });
  }

  state(): LinkState {
    return this.current;
  }

  onState(listener: (state: LinkState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  onMessage(listener: (message: InboundMessage) => void): () => void {
    return this.messageListeners.add(listener);
  }

  /**
   * Called when the diagnostics change without a state change: subscriptions confirmed or refused
   * (a restore after a (re)connect finished, a SUBACK came, a topic was dropped) or the latency was
   * measured or lost. The link panel refreshes on it, as it does on `onState`.
   */
  onChange(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  /** Whether the broker profile last applied by `connect()` allows `+`; undefined before any was. */
  wildcardsAllowed(): boolean | undefined {
    return this.allowWildcard;
  }

  /**
   * Validates the profile and connects (replacing any earlier connection; the subscription set is
   * kept). Resolves with the state after the first attempt: `connected`, or `reconnecting` with
   * `lastError` in words while the link keeps retrying. Rejects only for an invalid profile.
   */
  async connect(input: BrokerProfileInput): Promise<LinkState> {
    const parsed = BrokerProfileSchema.safeParse(input);
    if (!parsed.success) {
      throw new Error(
        `invalid broker profile: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    await this.stop(undefined);
    this.allowWildcard = parsed.data.allowWildcard;
    this.subscriptions.dropDisallowed(this.allowWildcard);
    this.malformed = 0;
    return this.loop.start(parsed.data);
  }

  /** Says goodbye (DISCONNECT), cancels retries, settles pending publishes; leaves no timer or socket. */
  async disconnect(): Promise<void> {
    await this.stop({ kind: 'stopped' });
  }

  private async stop(final: LinkState | undefined): Promise<void> {
    this.timers.clearAll();
    this.down('the broker link was stopped');
    await this.loop.halt(final);
  }

  private async up(session: Session): Promise<void> {
    const pingGranted = await this.subscriptions.restore(session, this.probe?.topic);
    if (pingGranted && session.isUp()) {
      this.probe?.start((topic, payload) => {
        if (session.isUp()) session.client.publish(topic, payload, { qos: 0, retain: false });
      });
    }
  }

  private down(reason: string): void {
    this.probe?.stop();
    this.inFlight.settleAll(reason === LINK_LOST ? { kind: 'timeout', reason } : { kind: 'refused', reason });
    this.subscriptions.reset();
    const why = reason === LINK_LOST ? 'the connection to the broker was lost' : reason;
    this.subscriptions.abandon(`${why}; the subscription waits for the next connection`);
  }

  private received(topic: string, payload: Buffer, retained: boolean): void {
    if (this.probe?.handle(topic, payload) === true) return;
    // Validates without decoding: a fatal TextDecoder built a throw-away string per message.
    if (!isUtf8(payload)) this.malformed += 1;
    this.messageListeners.emit(
      { topic, payload, receivedAt: this.options.clock.now(), ...(retained && { retained }) },
      this.options.log,
    );
  }

  publish(
    topic: string,
    payload: string,
    options: { deadlineMs: number; expirySeconds?: number },
  ): Promise<PublishOutcome> {
    const session = this.loop.session;
    if (this.current.kind !== 'connected' || session === undefined) {
      const why = this.current.kind === 'reconnecting' ? `: ${this.current.lastError}` : '';
      return Promise.resolve({
        kind: 'refused',
        reason: `not connected to the broker (${this.current.kind})${why}`,
      });
    }
    const problem =
      publishTopicProblem(topic) ??
      (options.deadlineMs > 0 ? undefined : 'a publish needs a deadline > 0 ms');
    if (problem !== undefined) return Promise.resolve({ kind: 'refused', reason: problem });
    // A bulk send publishes from many callbacks a turn: their packets leave together.
    corkForThisTurn(session.client.stream);
    return publishWithDeadline(
      session.client,
      { topic, payload, ...options, protocolVersion: this.current.protocolVersion },
      { clock: this.options.clock, timers: this.timers, inFlight: this.inFlight },
    );
  }

  /**
   * `addSubscriptions`, then `confirmed` for the port: rejects unless the broker granted every topic
   * on this connection (a topic already in the set included). Refusals also show in `diagnostics()`.
   */
  async subscribe(topics: readonly string[]): Promise<void> {
    await this.addSubscriptions(topics);
    await this.confirmed(topics);
  }

  /** See `BrokerPort.confirmed`: granted on the current connection, or `SubscriptionNotGranted` with why. */
  confirmed(topics: readonly string[]): Promise<void> {
    return this.subscriptions.confirmed(topics, () => this.loop.session);
  }

  /**
   * Adds topics to the set restored after every reconnect. Rejects, adding nothing, for `#`, for
   * `+` unless the profile allows wildcards, and for invalid filters. While connected it waits for
   * the SUBACK and answers what the broker granted and refused; offline topics come back `pending`.
   */
  addSubscriptions(topics: readonly string[]): Promise<SubscriptionReport> {
    return this.subscriptions.add(topics, this.allowWildcard === true, this.loop.session);
  }

  unsubscribe(topics: readonly string[]): Promise<void> {
    return this.subscriptions.remove(topics, this.loop.session);
  }

  diagnostics(): BrokerDiagnostics {
    return {
      state: this.current,
      reconnects: this.loop.reconnects,
      lastError: this.loop.lastError,
      latencyMs: this.loop.session === undefined ? undefined : this.probe?.latencyMs,
      pingsLost: this.probe?.pingsLost ?? 0,
      subscriptions: this.subscriptions.summary(),
      protocolVersion: this.loop.protocolVersion,
      malformed: this.malformed,
      pending: { publishes: this.inFlight.size, timers: this.timers.size },
    };
  }
}
