import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { AttemptPlan, type BackoffPolicy } from './attempt-plan';
import type { LinkState } from './broker-port';
import { connectOptions, PreparationError, type SecretSource } from './connect-options';
import { Session, type SessionEnd } from './session';
import type { Timers } from './timers';

/** What the loop tells the link: every state, a connection coming up or going down, messages. */
export type LoopHooks = {
  state(state: LinkState): void;
  up(session: Session): void;
  down(): void;
  message(topic: string, payload: Buffer, retained: boolean): void;
};

export type LoopDeps = {
  clock: Clock;
  log: Logger;
  secrets: SecretSource;
  clientId: string;
  backoff: BackoffPolicy;
  /** Whether held leases lapse while the link is down (retries then wait at most `atRiskMaxMs`). */
  leasesAtRisk?: () => boolean;
  connectTimeoutMs: number;
  timers: Timers;
  hooks: LoopHooks;
};

type Run = {
  profile: BrokerProfile;
  plan: AttemptPlan;
  attempt: number;
  downSince: number;
  connectedOnce: boolean;
};

/**
 * The connect/reconnect state machine for one profile: attempt -> connected, or -> reconnecting
 * with the failure in words and a retry timer from the `AttemptPlan`. mqtt.js never reconnects on
 * its own; every attempt is a fresh `Session`. A `run` object per `start()` lets late callbacks of
 * an abandoned run recognise themselves and do nothing.
 */
export class ConnectionLoop {
  private run: Run | undefined;
  private current: Session | undefined;
  private firstOutcome: ((state: LinkState) => void) | undefined;
  private latest: LinkState = { kind: 'unconfigured' };
  reconnects = 0;
  lastError: string | undefined;
  protocolVersion: 4 | 5 | undefined;

  constructor(private readonly deps: LoopDeps) {}

  /** The session while it is connected. */
  get session(): Session | undefined {
    return this.current?.isUp() === true ? this.current : undefined;
  }

  /** Starts connecting; resolves with the state after the first attempt (a 3.1.1 retry included). */
  start(profile: BrokerProfile): Promise<LinkState> {
    const now = this.deps.clock.now();
    this.settleFirst(); // a connect() still waiting on an abandoned run gets its answer
    this.run = {
      profile,
      plan: new AttemptPlan(profile, this.deps.backoff),
      attempt: 0,
      downSince: now,
      connectedOnce: false,
    };
    this.reconnects = 0;
    this.lastError = undefined;
    const outcome = new Promise<LinkState>((resolve) => (this.firstOutcome = resolve));
    void this.attempt(this.run);
    return outcome;
  }

  /** Abandons the run, closes the session (the caller cleared the timers) and enters `final`, if given. */
  async halt(final?: LinkState): Promise<void> {
    this.run = undefined;
    const session = this.current;
    this.current = undefined;
    await session?.close();
    if (final !== undefined) this.setState(final);
    this.settleFirst();
  }

  private async attempt(run: Run): Promise<void> {
    run.attempt += 1;
    const target = run.plan.target();
    if (this.lastError === undefined) {
      this.setState({ kind: 'connecting', attempt: run.attempt, since: run.downSince, url: target.url });
    }
    let session: Session;
    try {
      const options = await connectOptions(run.profile, target, this.deps);
      if (this.run !== run) return;
      session = new Session(
        target.url,
        options,
        {
          connected: () => this.connected(run, session),
          ended: (end) => {
            if (this.current !== session) return;
            this.current = undefined;
            this.ended(run, end);
          },
          message: (topic, payload, retained) => this.deps.hooks.message(topic, payload, retained),
        },
        this.deps.log,
      );
    } catch (error) {
      // A missing password or TLS file (PreparationError), or mqtt.js refusing the options outright.
      const words =
        error instanceof PreparationError
          ? error.message
          : `cannot connect to ${target.url}: ${(error as Error).message}`;
      if (this.run === run) this.ended(run, { words, kind: 'other', wasConnected: false });
      return;
    }
    this.current = session;
  }

  private connected(run: Run, session: Session): void {
    if (this.run !== run || this.current !== session) return;
    const target = run.plan.target();
    run.plan.succeeded();
    if (run.connectedOnce) this.reconnects += 1;
    run.connectedOnce = true;
    this.protocolVersion = target.protocolVersion;
    this.deps.log.info({ url: target.url, protocolVersion: target.protocolVersion }, 'broker link connected');
    this.setState({
      kind: 'connected',
      since: this.deps.clock.now(),
      protocolVersion: target.protocolVersion,
      url: target.url,
      usingFallback: target.usingFallback,
      reconnects: this.reconnects,
    });
    this.settleFirst();
    this.deps.hooks.up(session);
  }

  private ended(run: Run, end: SessionEnd): void {
    this.deps.hooks.down();
    if (end.wasConnected) run.downSince = this.deps.clock.now();
    const { delayMs, note } = run.plan.failed(end.kind, this.deps.leasesAtRisk?.() ?? false);
    this.lastError = note === undefined ? end.words : `${end.words}; ${note}`;
    // An immediate retry is the MQTT 5 -> 3.1.1 step: the negotiation working, not the link failing,
    // so a 3.1.1-only broker (the demo's among them) does not put a warning in the log at every start.
    if (delayMs === 0) this.deps.log.info({ note: this.lastError }, 'broker link retrying at once');
    else this.deps.log.warn({ error: this.lastError, retryInMs: delayMs }, 'broker link down');
    const next = run.plan.target();
    this.setState({
      kind: 'reconnecting',
      attempt: run.attempt + 1,
      since: run.downSince,
      lastError: this.lastError,
      url: next.url,
      usingFallback: next.usingFallback,
      reconnects: this.reconnects,
    });
    // An immediate retry (MQTT 3.1.1 after a refused 5) still belongs to the first attempt.
    if (delayMs > 0) this.settleFirst();
    this.deps.timers.after(delayMs, () => void this.attempt(run));
  }

  private setState(state: LinkState): void {
    this.latest = state;
    this.deps.hooks.state(state);
  }

  private settleFirst(): void {
    this.firstOutcome?.(this.latest);
    this.firstOutcome = undefined;
  }
}
