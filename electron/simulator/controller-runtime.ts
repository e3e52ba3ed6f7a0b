import type { Clock, TimerHandle } from './clock';
import { ControllerModel } from './controller-model';
import type { Environment } from './environment';
import type { Faults } from './faults';
import { nextHealthReport, type HealthEpisode } from './health-episodes';
import type { CallResult, ListenerClient } from './listener-client';
import type { Rng } from './prng';
import { topics } from './profile';
import type { HttpRecord, RecordSink } from './run-record';
import type { ControllerSpec } from './spec';

/** Longest the physics goes without a step between reports. */
const PHYSICS_PERIOD_MS = 1000;

export type ControllerStatus = 'active' | 'offboarded' | 'stopped';

/** What a runtime needs from the fleet around it. */
export interface RuntimeDeps {
  clock: Clock;
  faults: Faults;
  rng: Rng;
  record: RecordSink;
  publish(serial: string, topic: string, payload: string): void;
  feedbackPeriodMs: number;
  healthPeriodMs: number;
  listener: ListenerClient | undefined;
  /** Called once when the controller offboards, so the fleet can drop its MQTT subscription. */
  onOffboarded(serial: string): void;
  /** Called when something comes due sooner than `nextDueMs()` said (a command to answer, a new lease). */
  dueChanged?(runtime: ControllerRuntime): void;
  env: Environment;
}

/**
 * One controller in a running fleet: glues the pure model to the clock, the faults, MQTT and the
 * listener. It owns no timer of its own: the fleet's shared tick calls `tick` once `nextDueMs()` has
 * come, and periodic sends are staggered by the controller's phase.
 */
export class ControllerRuntime {
  readonly spec: ControllerSpec;
  readonly model: ControllerModel;
  private currentStatus: ControllerStatus = 'active';
  private nextFeedbackAtMs: number;
  private nextHealthAtMs: number;
  private nextPhysicsAtMs: number;
  private lastTickMs: number;
  private feedbackOwed = false;
  private healthInFlight = false;
  private episode: HealthEpisode | undefined;
  private readonly pending = new Set<TimerHandle>();

  constructor(
    spec: ControllerSpec,
    private readonly deps: RuntimeDeps,
  ) {
    const now = deps.clock.now();
    this.spec = spec;
    this.model = new ControllerModel({ spec, env: deps.env, startMs: now, record: deps.record });
    this.nextFeedbackAtMs = now + spec.phase * deps.feedbackPeriodMs;
    this.nextHealthAtMs = now + spec.phase * deps.healthPeriodMs;
    this.nextPhysicsAtMs = now + spec.phase * PHYSICS_PERIOD_MS;
    this.lastTickMs = now;
  }

  get status(): ControllerStatus {
    return this.currentStatus;
  }

  /** What this controller's (skewed) clock reads, in Unix seconds. */
  timeS(nowMs: number): number {
    return Math.floor(nowMs / 1000) + this.spec.skewS;
  }

  /** An MQTT message for this controller; faults (drop, latency) apply before the model sees it. */
  receive(kind: 'command' | 'schedule', payload: string): void {
    if (this.currentStatus !== 'active') return;
    const { clock, faults } = this.deps;
    const receivedAtMs = clock.now();
    if (faults.dropMessage()) {
      const topic = kind === 'command' ? topics.command(this.spec.serial) : topics.schedule(this.spec.serial);
      this.deps.record({
        type: 'message-dropped',
        serial: this.spec.serial,
        atMs: receivedAtMs,
        direction: 'in',
        topic,
      });
      return;
    }
    const handle = (): void => {
      if (this.currentStatus !== 'active') return;
      if (kind === 'command') this.handleCommand(payload, receivedAtMs);
      else this.handleSchedule(payload);
    };
    const latency = faults.settings.latencyMs;
    if (latency <= 0) {
      handle();
      return;
    }
    const timer = clock.setTimeout(() => {
      this.pending.delete(timer);
      handle();
    }, latency);
    this.pending.add(timer);
  }

  /**
   * When `tick` next has something to do: a report, a physics step, the lease's lapse or a health
   * call (an answer owed is due at once); never, once the controller is no longer active.
   */
  nextDueMs(): number {
    if (this.currentStatus !== 'active') return Number.POSITIVE_INFINITY;
    if (this.feedbackOwed) return this.lastTickMs;
    let due = Math.min(this.nextFeedbackAtMs, this.nextPhysicsAtMs);
    const deadline = this.model.leaseDeadlineMs;
    if (deadline !== undefined) due = Math.min(due, deadline);
    if (this.deps.listener !== undefined) due = Math.min(due, this.nextHealthAtMs);
    return due;
  }

  /** Advances the model and sends whatever is due. Called by the fleet's shared tick. */
  tick(nowMs: number): void {
    if (this.currentStatus !== 'active') return;
    const dtMs = nowMs - this.lastTickMs;
    this.lastTickMs = nowMs;
    if (this.deps.faults.offboardWithin(dtMs)) {
      this.offboard(nowMs, 'external signal removed by the installer');
      return;
    }
    const periodic = nowMs >= this.nextFeedbackAtMs;
    if (periodic) {
      // Keep the phase; after a long stall (debugger, fake clock jump) skip missed periods instead of bursting.
      this.nextFeedbackAtMs += this.deps.feedbackPeriodMs;
      if (this.nextFeedbackAtMs <= nowMs) this.nextFeedbackAtMs = nowMs + this.deps.feedbackPeriodMs;
    }
    // Step the physics at least once a second, and whenever something is about to be reported or the
    // lease lapses; not on every tick, which at 10,000 controllers would quadruple the work for nothing.
    const deadline = this.model.leaseDeadlineMs;
    const report = periodic || this.feedbackOwed;
    if (report || nowMs >= this.nextPhysicsAtMs || (deadline !== undefined && nowMs >= deadline)) {
      this.model.advanceTo(nowMs);
      this.nextPhysicsAtMs = Math.max(this.nextPhysicsAtMs + PHYSICS_PERIOD_MS, nowMs + 1);
    }
    if (report) {
      this.feedbackOwed = false;
      this.send(topics.feedback(this.spec.serial), this.model.feedback(this.timeS(nowMs)));
    }
    if (this.deps.listener !== undefined && nowMs >= this.nextHealthAtMs) {
      this.nextHealthAtMs = Math.max(this.nextHealthAtMs + this.deps.healthPeriodMs, nowMs + 1);
      this.sendHealth(nowMs);
    }
  }

  /** Calls the onboarding endpoint (at fleet start). */
  async onboard(): Promise<void> {
    const listener = this.deps.listener;
    if (listener === undefined) return;
    const now = this.deps.clock.now();
    this.logHttp('onboarding', now, await listener.onboard(this.spec, now));
  }

  /** Removes the external signal: goes quiet on MQTT and tells the listener. */
  offboard(nowMs: number, reason: string): void {
    if (this.currentStatus !== 'active') return;
    this.currentStatus = 'offboarded';
    this.clearPending();
    this.deps.record({ type: 'offboarded', serial: this.spec.serial, atMs: nowMs });
    this.deps.onOffboarded(this.spec.serial);
    const listener = this.deps.listener;
    if (listener !== undefined) {
      void listener.offboard(this.spec, reason, nowMs).then((r) => this.logHttp('offboarding', nowMs, r));
    }
  }

  /** Stops without offboarding: an interrupted controller just goes quiet. */
  stop(): void {
    if (this.currentStatus === 'active') this.currentStatus = 'stopped';
    this.clearPending();
  }

  private handleCommand(payload: string, receivedAtMs: number): void {
    const nowMs = this.deps.clock.now();
    const forced = this.deps.faults.rejectCode();
    const outcome = this.model.handleCommand(payload, {
      receivedAtMs,
      nowMs,
      ...(forced !== undefined ? { forcedRejectCode: forced } : {}),
    });
    // Expired commands get no answer of their own; everything else is answered on the next tick (< 1 s).
    if (outcome.responseCode !== undefined) this.feedbackOwed = true;
    // The answer owed, or a new lease's lapse, may come before the time the fleet has for us.
    this.deps.dueChanged?.(this);
  }

  private handleSchedule(payload: string): void {
    const nowMs = this.deps.clock.now();
    const ack = this.model.handleSchedule(payload, nowMs, this.timeS(nowMs));
    this.send(topics.scheduleFeedback(this.spec.serial), ack);
  }

  private send(topic: string, payload: Record<string, unknown>): void {
    if (this.deps.faults.dropMessage()) {
      this.deps.record({
        type: 'message-dropped',
        serial: this.spec.serial,
        atMs: this.deps.clock.now(),
        direction: 'out',
        topic,
      });
      return;
    }
    this.deps.publish(this.spec.serial, topic, JSON.stringify(payload));
  }

  private sendHealth(nowMs: number): void {
    const listener = this.deps.listener;
    // A health call still retrying is not stacked with another: the listener is struggling already.
    if (listener === undefined || this.healthInFlight) return;
    const next = nextHealthReport(
      this.spec,
      this.episode,
      this.deps.rng,
      this.deps.faults.settings.healthErrorRate,
    );
    this.episode = next.episode;
    this.healthInFlight = true;
    void listener.health(this.spec, next.report, nowMs).then((r) => {
      this.healthInFlight = false;
      this.logHttp('health', nowMs, r);
    });
  }

  private logHttp(endpoint: HttpRecord['endpoint'], atMs: number, r: CallResult): void {
    this.deps.record({
      type: 'http',
      serial: this.spec.serial,
      atMs,
      endpoint,
      ok: r.ok,
      attempts: r.attempts,
      eventId: r.eventId,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
    });
  }

  private clearPending(): void {
    for (const t of this.pending) this.deps.clock.clearTimeout(t);
    this.pending.clear();
  }
}
