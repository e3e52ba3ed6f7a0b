import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import {
  rolloutDecision,
  type RolloutOptions,
  type RolloutTally,
  type RolloutPlan,
} from '../../../shared/domain/control/rollout-plan';
import type { RolloutState, RolloutView } from '../../../shared/domain/control/rollout-view';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import type { ControlContext } from './control-context';
import { notSentDrafts } from './admission';
import { dispatch, type DispatchContext } from './dispatcher';
import { releaseReason } from './release-reason';
import { RolloutGrid, type RolloutGridRow } from './rollout-grid';

/** The actor of what the rollout decides by itself. */
const SYSTEM_ACTOR = 'control';

export type RolloutInit = {
  id: string;
  plan: RolloutPlan;
  cmd: ControlCommand;
  actor: string;
  reason: string;
};

/**
 * A staged bulk send (product.md, Control page): the first small batch, the next only once enough
 * confirm, a pause on a failure rate. Paced by the service's pacer (≤ 1 command/s per controller, a
 * global cap). Per-target states go to the UI batched. Operator actions are journaled.
 */
export class Rollout {
  private readonly grid: RolloutGrid;
  private state: RolloutState = 'running';
  private reason: string | undefined;
  private batchesStarted = 0;
  private wake: Array<() => void> = [];
  /** The operator continued after a pause: the current gate lets the plan go on. */
  private proceed = false;
  /** The plan's batches are still being worked through (a retry then joins them). */
  private planRunning = false;
  /**
   * Targets sent again by Retry failed. Until they settle the gate does not let the plan go on: a
   * retry re-sends the failed, it does not start the next batch (their being in flight would
   * otherwise hide the failures that paused it).
   */
  private retried = new Set<string>();
  /** The targets of the batch started last: with the retried ones, what the gate judges. */
  private current: readonly string[] = [];
  private readonly unobserve: () => void;
  private readonly startedAt: number;
  private finished!: (view: RolloutView) => void;
  /** Settles when the rollout completes or is aborted (a retry may run it again). */
  done: Promise<RolloutView>;

  constructor(
    private readonly ctx: ControlContext,
    private readonly init: RolloutInit,
  ) {
    this.startedAt = ctx.deps.clock.now();
    this.grid = new RolloutGrid(
      init.plan,
      ctx.deps.clock,
      ctx.options.eventBatchMs,
      (changed) => ctx.emitter.emit({ type: 'rollout', rollout: this.view(), changed }),
      () => this.wakeAll(),
    );
    this.unobserve = ctx.state.observe((record) => {
      if (record.info.rolloutId === this.id) this.grid.follow(record);
    });
    this.done = new Promise((resolve) => (this.finished = resolve));
  }

  get id(): string {
    return this.init.id;
  }

  /** What the rollout was started with, for the UI: its options, the command and the reason. */
  get terms(): { options: RolloutOptions; cmd: ControlCommand; reason: string } {
    return { options: this.init.plan.options, cmd: this.init.cmd, reason: this.init.reason };
  }

  /** Runs the plan from its first batch (called once by the service). */
  start(): void {
    void this.run(this.init.plan.batches.map((_, i) => i));
  }

  /** Goes on after a pause: the operator decided the failures are acceptable. */
  continue(): void {
    if (this.state !== 'paused') return;
    this.record('resumed', `continued by ${this.ctx.deps.operator()}`);
    this.proceed = true;
    this.setState('running');
  }

  /**
   * Stops starting batches; commands already sent stay as they are (release them separately).
   * `why` says what made the operator stop it, when that was not the Abort button.
   */
  abort(why?: string): void {
    if (this.state === 'aborted' || this.state === 'completed') return;
    this.record('aborted', `aborted by ${this.ctx.deps.operator()}${why !== undefined ? ` (${why})` : ''}`);
    this.setState('aborted', why ?? 'aborted by the operator');
  }

  /** Sends again to every target whose command was rejected, expired, not delivered or refused. */
  retryFailed(): number {
    if (this.state === 'running') return 0;
    const failed = this.grid.failed();
    if (failed.length === 0) return 0;
    this.record('retrying', `${failed.length} failed targets sent again by ${this.ctx.deps.operator()}`);
    this.retried = new Set(failed);
    if (this.planRunning) {
      // Paused mid-plan: the plan's own gate judges the retried targets with the rest.
      this.setState('running');
      void this.sendAll(failed);
    } else {
      this.done = new Promise((resolve) => (this.finished = resolve));
      this.setState('running');
      void this.runBatch(failed, true);
    }
    return failed.length;
  }

  /**
   * Aborts the rollout if it is still going (a release that let later batches start would hand
   * control straight back), then releases every installation it still controls. More than one
   * needs a reason, checked before anything is stopped.
   */
  async releaseAll(reason?: string): Promise<number> {
    const actor = this.ctx.deps.operator();
    // Its commands not ended, drafts included: one still being recorded would be sent after the release.
    const controlled = this.grid
      .serials()
      .filter((serial) => this.ctx.state.liveOf(serial).some((c) => c.info.rolloutId === this.id));
    const why = releaseReason(controlled.length, reason);
    this.abort();
    let released = 0;
    for (const serial of controlled) {
      if ((await this.ctx.keeper.release(serial, actor, why)) !== null) released += 1;
    }
    this.record(
      'released',
      `${released} installations released by ${actor}${why ? ` (reason: ${why})` : ''}`,
    );
    return released;
  }

  view(): RolloutView {
    const retrying = this.retrying();
    return {
      rolloutId: this.id,
      kind: this.init.cmd.kind,
      state: this.state,
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
      actor: this.init.actor,
      startedAt: this.startedAt,
      batches: this.init.plan.batches.length,
      batchesStarted: this.batchesStarted,
      tally: this.grid.tally(),
      ...(this.state === 'running' || this.state === 'paused' ? { gate: this.gateTally() } : {}),
      ...(retrying > 0 ? { retrying } : {}),
    };
  }

  /** The live grid: every target, its state and when that last changed. */
  targets(): RolloutGridRow[] {
    return this.grid.targets();
  }

  stop(): void {
    this.unobserve();
    this.grid.stop();
    this.wakeAll();
  }

  private async run(batches: number[]): Promise<void> {
    this.planRunning = true;
    try {
      for (const b of batches) {
        this.batchesStarted = Math.max(this.batchesStarted, b + 1);
        if (!(await this.runBatch(this.init.plan.batches[b] ?? [], b === batches.length - 1))) return;
      }
    } finally {
      this.planRunning = false;
    }
  }

  /**
   * Sends one batch and waits at its gate; after the last, completes, unless targets were never
   * started (a Retry failed after an abort: the rollout stays aborted); false when aborted.
   */
  private async runBatch(serials: string[], last: boolean): Promise<boolean> {
    this.current = serials;
    await this.sendAll(serials);
    const ok = await this.gate(last);
    if (ok && last && this.state === 'running') {
      const { notStarted } = this.grid.tally();
      if (notStarted === 0) this.complete();
      else this.setState('aborted', `aborted earlier: ${notStarted} targets were never sent`);
    }
    return ok;
  }

  private async sendAll(serials: string[]): Promise<void> {
    const who = {
      actor: this.init.actor,
      reason: this.init.reason,
      rolloutId: this.id,
      cancelled: () => this.state === 'aborted',
    };
    await Promise.all(serials.map((s) => this.send(s, who)));
    const refused = this.grid.refusedAmong(serials);
    if (refused.length > 0) this.journalRefused(refused);
  }

  private async send(serial: string, who: DispatchContext): Promise<void> {
    if (this.state === 'aborted' || !this.grid.attempt(serial)) return;
    const result = await dispatch(this.ctx, serial, this.init.cmd, who);
    if (!result.ok) this.grid.notSent(serial, result.reason, result.cancelled === true);
  }

  /**
   * Waits until the plan says go on (true) or the rollout is aborted (false). After the last batch
   * "go on" also needs every target settled. An operator's continue overrides one gate's pause.
   */
  private async gate(last: boolean): Promise<boolean> {
    let overridden = false;
    for (;;) {
      if (this.state === 'aborted') return false;
      if (this.state === 'running') {
        if (this.proceed) [this.proceed, overridden] = [false, true];
        const tally = this.grid.tally();
        const decision = overridden
          ? { kind: 'continue' as const }
          : rolloutDecision(this.gateTally(), this.init.plan.options, tally);
        if (decision.kind === 'pause') this.pause(decision.reason);
        else if (decision.kind === 'continue' && this.retrying() === 0 && (!last || tally.pending === 0)) {
          // Settled and judged: the next gate judges its own batch alone.
          this.retried.clear();
          return true;
        }
      }
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private gateTally(): RolloutTally {
    const { started, confirmed, failed, pending } = this.grid.tallyAmong(
      this.retried.size === 0 ? this.current : new Set([...this.current, ...this.retried]),
    );
    return { started, confirmed, failed, pending };
  }

  private retrying(): number {
    return this.retried.size === 0 ? 0 : this.grid.inFlightAmong(this.retried);
  }

  private pause(reason: string): void {
    this.record('paused', reason, SYSTEM_ACTOR);
    this.setState('paused', reason);
  }

  private complete(): void {
    this.record(
      'completed',
      `${this.grid.tally().confirmed} of ${this.grid.size} targets confirmed`,
      SYSTEM_ACTOR,
    );
    this.setState('completed');
  }

  private setState(state: RolloutState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.grid.touched();
    this.wakeAll();
    if (state === 'completed' || state === 'aborted') this.finished(this.view());
  }

  private wakeAll(): void {
    for (const resolve of this.wake.splice(0)) resolve();
  }

  /**
   * Journals a change of the rollout. An operator's action names the operator; the gate's own
   * decisions (paused on a failure rate, completed) are Fleetdesk's (`control`, as restart
   * recovery's), not whoever is signed in when they happen.
   */
  private record(
    state: Extract<JournalDraft, { type: 'rollout.changed' }>['state'],
    detail: string,
    actor = this.ctx.deps.operator(),
  ): void {
    const at = this.ctx.deps.clock.now();
    this.ctx.journal.behind([{ type: 'rollout.changed', at, actor, rolloutId: this.id, state, detail }]);
  }

  private journalRefused(refused: Array<{ serial: string; reason: string }>): void {
    const drafts = notSentDrafts(refused, this.init.actor, this.ctx.deps.clock.now());
    this.ctx.journal.behind(drafts.map((draft) => ({ ...draft, rolloutId: this.id })));
  }
}
