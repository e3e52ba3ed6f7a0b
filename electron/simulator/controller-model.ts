import { parseCommand } from './command-parser';
import { resolveControl, toPhysicsControl, type ResolvedControl } from './control-resolver';
import type { Environment } from './environment';
import { buildFeedback } from './feedback';
import { applyChanges, leaseDeadline, type LiveLease } from './live-control';
import { initialPhysics, stepPhysics, type PhysicsControl, type PhysicsState } from './physics';
import type { CommandOutcomeKind, CommandRecord, RecordSink } from './run-record';
import { handleScheduleRequest } from './schedule-handler';
import { ScheduleStore } from './schedule-store';
import type { ModelSpec } from './spec';

export interface ControllerModelOptions {
  spec: ModelSpec;
  env: Environment;
  startMs: number;
  record?: RecordSink;
  /** Longest physics step; shorter steps track the ramp and SoC bounds more closely. */
  maxStepS?: number;
}

/** How the model answers one command; `responseCode` is absent for commands it ignored as expired. */
export interface CommandOutcome {
  kind: CommandOutcomeKind;
  responseCode?: number;
}

export interface CommandContext {
  /** When the message reached the controller (before any injected latency). */
  receivedAtMs: number;
  /** When it is being handled (now). */
  nowMs: number;
  /** Fault injection: answer with this code instead of applying a valid command. */
  forcedRejectCode?: number;
}

const REMEMBERED_COMMAND_IDS = 256;

/**
 * One simulated controller: live-control lease with fallback, schedules, and the site physics. Pure with
 * respect to time: it only moves when told (`advanceTo`), so tests drive it with explicit timestamps.
 */
export class ControllerModel {
  readonly spec: ModelSpec;
  readonly schedules: ScheduleStore;
  private readonly env: Environment;
  private readonly record: RecordSink;
  private readonly maxStepMs: number;
  private physics: PhysicsState;
  private lease: LiveLease | undefined;
  private lastCode = 0;
  private readonly seenIds = new Map<string, number>();
  // Resolving control on every step is the hot path at 10,000 controllers: cache it until something changes.
  private cached: { control: ResolvedControl; physics: PhysicsControl; validUntilMs: number } | undefined;

  constructor(options: ControllerModelOptions) {
    this.spec = options.spec;
    this.env = options.env;
    this.record = options.record ?? (() => undefined);
    this.maxStepMs = (options.maxStepS ?? 1) * 1000;
    this.schedules = new ScheduleStore(options.spec);
    this.physics = initialPhysics(options.spec, options.startMs, options.env);
  }

  /** Current physical state (at the model's time). */
  get state(): PhysicsState {
    return this.physics;
  }

  /** Response code of the last command handled (0 before any). */
  get responseCode(): number {
    return this.lastCode;
  }

  /** When live control lapses, or undefined when no lease is held. */
  get leaseDeadlineMs(): number | undefined {
    return this.lease === undefined ? undefined : leaseDeadline(this.lease, this.spec.fallbackTimeoutS);
  }

  /** The control in force at the model's current time. */
  control(): ResolvedControl {
    return this.currentControl().control;
  }

  /**
   * Steps the physics up to `tMs`, splitting steps at the lease deadline and schedule boundaries so the
   * fallback happens exactly at last command + timeout, whatever the caller's tick rate.
   */
  advanceTo(tMs: number): void {
    while (this.physics.tMs < tMs) {
      const from = this.physics.tMs;
      const deadline = this.leaseDeadlineMs;
      let to = Math.min(tMs, from + this.maxStepMs);
      if (deadline !== undefined && deadline > from) to = Math.min(to, deadline);
      const boundary = this.schedules.nextBoundaryAfter(from);
      if (boundary !== undefined) to = Math.min(to, boundary);
      this.physics = stepPhysics(
        this.spec,
        this.physics,
        this.currentControl().physics,
        this.env,
        (to - from) / 1000,
      );
      this.checkLease(tMs);
    }
    this.checkLease(tMs);
  }

  /** Handles one live command payload; see protocol.md §2 and the validUntil rule of the simulator. */
  handleCommand(raw: string, ctx: CommandContext): CommandOutcome {
    this.advanceTo(ctx.nowMs);
    const parsed = parseCommand(raw, this.spec);
    const base: CommandRecord = {
      type: 'command',
      serial: this.spec.serial,
      outcome: 'rejected',
      receivedAtMs: ctx.receivedAtMs,
      handledAtMs: ctx.nowMs,
      payload: parsed.meta.payload,
      ...(parsed.meta.validUntil !== undefined ? { validUntil: parsed.meta.validUntil } : {}),
      ...(parsed.meta.commandId !== undefined ? { commandId: parsed.meta.commandId } : {}),
    };
    const validUntilMs = parsed.meta.validUntil === undefined ? undefined : parsed.meta.validUntil * 1000;
    if (validUntilMs !== undefined && (ctx.receivedAtMs > validUntilMs || ctx.nowMs > validUntilMs)) {
      const kind = ctx.receivedAtMs > validUntilMs ? 'expired-on-arrival' : 'expired-before-apply';
      this.record({ ...base, outcome: kind });
      return { kind };
    }
    const id = parsed.meta.commandId;
    const seen = id === undefined ? undefined : this.seenIds.get(id);
    if (seen !== undefined) {
      // A QoS 1 redelivery: answer again, but never apply twice (no second effect, no lease renewal).
      this.lastCode = seen;
      this.record({ ...base, outcome: 'duplicate', responseCode: seen });
      return { kind: 'duplicate', responseCode: seen };
    }
    let outcome: CommandOutcome;
    if (!parsed.ok) {
      outcome = { kind: 'rejected', responseCode: parsed.code };
      this.record({ ...base, responseCode: parsed.code, reason: parsed.reason });
    } else if (ctx.forcedRejectCode !== undefined) {
      outcome = { kind: 'rejected', responseCode: ctx.forcedRejectCode };
      this.record({ ...base, responseCode: ctx.forcedRejectCode, reason: 'injected rejection' });
    } else {
      this.lease = applyChanges(this.lease, parsed.changes, ctx.nowMs);
      this.cached = undefined;
      outcome = { kind: 'applied', responseCode: 0 };
      this.record({ ...base, outcome: 'applied', appliedAtMs: ctx.nowMs, responseCode: 0 });
    }
    this.lastCode = outcome.responseCode ?? this.lastCode;
    if (id !== undefined) this.rememberId(id, this.lastCode);
    return outcome;
  }

  /** Handles a schedule-topic message and returns the ack payload to publish. */
  handleSchedule(raw: string, nowMs: number, timeS: number): Record<string, unknown> {
    this.advanceTo(nowMs);
    const reply = handleScheduleRequest(raw, this.spec, this.schedules, nowMs, timeS);
    const result = reply.result;
    if (result !== undefined) {
      this.cached = undefined;
      this.record(
        result.ok
          ? {
              type: 'schedules-set',
              serial: this.spec.serial,
              atMs: nowMs,
              responseCode: 0,
              scheduleIds: result.scheduleIds,
              deletedIds: result.deletedIds,
            }
          : {
              type: 'schedules-rejected',
              serial: this.spec.serial,
              atMs: nowMs,
              responseCode: result.code,
              error: result.error,
            },
      );
    }
    return reply.payload;
  }

  /** The feedback payload for the current state; `timeS` is what the controller's clock reads. */
  feedback(timeS: number): Record<string, unknown> {
    return buildFeedback(this.spec, this.physics, this.control(), this.lastCode, timeS);
  }

  private currentControl(): { control: ResolvedControl; physics: PhysicsControl } {
    const t = this.physics.tMs;
    if (this.cached === undefined || t >= this.cached.validUntilMs) {
      this.schedules.prune(t);
      const control = resolveControl(this.spec, this.lease, this.schedules.active(t));
      const boundary = this.schedules.nextBoundaryAfter(t) ?? Number.POSITIVE_INFINITY;
      this.cached = { control, physics: toPhysicsControl(control), validUntilMs: boundary };
    }
    return this.cached;
  }

  private checkLease(detectedAtMs: number): void {
    const deadline = this.leaseDeadlineMs;
    if (this.lease === undefined || deadline === undefined || this.physics.tMs < deadline) return;
    this.record({
      type: 'fallback',
      serial: this.spec.serial,
      lastCommandAtMs: this.lease.lastCommandAtMs,
      fallbackAtMs: deadline,
      detectedAtMs,
      timeoutS: this.spec.fallbackTimeoutS,
    });
    this.lease = undefined;
    this.cached = undefined;
  }

  private rememberId(id: string, code: number): void {
    this.seenIds.set(id, code);
    if (this.seenIds.size > REMEMBERED_COMMAND_IDS) {
      const oldest = this.seenIds.keys().next().value;
      if (oldest !== undefined) this.seenIds.delete(oldest);
    }
  }
}
