import { randomUUID } from 'node:crypto';
import { summarizeDryRun, type ControlCommand, type DryRun } from '../../../shared/domain/control/dry-run';
import type { LeaseView } from '../../../shared/domain/control/lease';
import {
  DEFAULT_ROLLOUT,
  planRollout,
  type RolloutOptions,
} from '../../../shared/domain/control/rollout-plan';
import type { RolloutView } from '../../../shared/domain/control/rollout-view';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { admit, notSentDrafts, refusedDraft, type Refusal, type SendOptions } from './admission';
import type { CommandView } from './command-record';
import { makeDryRunContext, type ControlContext } from './control-context';
import { ControlEmitter, type ControlListener, type LeaseAtRisk } from './control-events';
import { ControlJournal } from './control-journal';
import { DEFAULT_CONTROL_OPTIONS, type ControlDeps, type ControlOptions } from './control-options';
import { ControlProtocol } from './control-protocol';
import { ControlState } from './control-state';
import { dispatch, type DispatchResult } from './dispatcher';
import { dryRunTarget } from './dry-run-builder';
import { handleFeedback } from './feedback-handler';
import { FeedbackWatch } from './feedback-watch';
import { LeaseKeeper, type Released } from './lease-keeper';
import { linkRefusal } from './link-reason';
import { Pacer } from './pacer';
import { releaseReason } from './release-reason';
import { restoreReconcileDrafts } from './restore-reconcile';
import { recoverAfterRestart, type LeaseMarks, type Recovered } from './restart-recovery';
import { Rollout } from './rollout';

export type SendResult = { ok: true; dryRun: DryRun; results: DispatchResult[] } | Refusal;
export type RolloutStart = { ok: true; rollout: Rollout; dryRun: DryRun } | Refusal;

/** Journal entries that can change whether, or how long, an installation may be held. */
const CHANGES_CONTROL: ReadonlySet<JournalEntry['type']> = new Set([
  'callback.onboarding',
  'callback.offboarding',
  'inbox.rejected',
  'installation.fallbackSet',
]);

/**
 * Live control of the fleet: dry-run, send, leases, release and staged rollouts. Everything the
 * operator does is checked here (not only in the UI) and journaled; every command is journaled
 * before it is published. See README.md in this folder for the lifecycle and the numbers.
 */
export class ControlService {
  private readonly ctx: ControlContext;
  private readonly offLink: () => void;
  private readonly rolloutsById = new Map<string, Rollout>();

  constructor(deps: ControlDeps) {
    const options = withLiveLimits({ ...DEFAULT_CONTROL_OPTIONS, ...deps.options }, deps);
    const emitter = new ControlEmitter(deps.log);
    const protocol = new ControlProtocol(deps.profile);
    const journal = new ControlJournal(deps.commit, deps.log);
    const pacer = new Pacer(deps.clock, {
      perControllerMs: options.perControllerMs,
      // Read at every pass of the pacer: a new limit in Settings applies to the next publish.
      get globalPerSecond() {
        return options.globalPerSecond;
      },
    });
    const watch = new FeedbackWatch({
      broker: deps.broker,
      protocol,
      log: deps.log,
      onFeedback: (f) => handleFeedback(this.ctx, f),
      answerWithinMs: options.confirmDeadlineMs,
    });
    const state = new ControlState({ clock: deps.clock, log: deps.log, journal, emitter, watch, ...options });
    const keeper = new LeaseKeeper(() => this.ctx);
    const base = { deps, options, protocol, pacer, watch, journal, state, keeper, emitter };
    this.ctx = { ...base, dryRunContext: (now) => makeDryRunContext(base, now) };
    this.offLink = deps.broker.onState((link) => keeper.onLink(link));
  }

  /** Per target the exact topic and payload, errors and warnings; totals and the confirmation rule. */
  dryRun(serials: readonly string[], cmd: ControlCommand): DryRun {
    const now = this.ctx.deps.clock.now();
    const context = this.ctx.dryRunContext(now);
    const targets = [...new Set(serials)].map((serial) => dryRunTarget(serial, cmd, context));
    return summarizeDryRun(targets, now, {
      thresholds: this.ctx.options.thresholds,
      blockedBy: linkRefusal(this.ctx.deps.broker.state(), now),
    });
  }

  /**
   * Sends a command to each target (paced), after the checks of `admit`. Resolves once every
   * publish has settled (accepted by the broker, or not delivered); confirmations follow as events.
   */
  async send(
    serials: readonly string[],
    cmd: ControlCommand,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const admitted = this.admitted(serials, cmd, options);
    if (!admitted.ok) return admitted;
    const who = {
      actor: this.ctx.deps.operator(),
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
    };
    const results = await this.dispatchInBatches(admitted.serials, cmd, who);
    const notSent = results.flatMap((r) => (r.ok ? [] : [{ serial: r.serial, reason: r.reason }]));
    if (notSent.length > 0) this.ctx.journal.behind(notSentDrafts(notSent, who.actor, this.now()));
    return { ok: true, dryRun: admitted.dryRun, results };
  }

  /** Starts a staged rollout after the same checks as `send` (for all its targets at once). */
  async startRollout(
    serials: readonly string[],
    cmd: ControlCommand,
    options: SendOptions & { plan?: Partial<RolloutOptions> } = {},
  ): Promise<RolloutStart> {
    const admitted = this.admitted(serials, cmd, options);
    if (!admitted.ok) return admitted;
    const plan = planRollout(admitted.serials, { ...DEFAULT_ROLLOUT, ...options.plan });
    const id = randomUUID();
    const actor = this.ctx.deps.operator();
    const reason = options.reason ?? '';
    await this.ctx.journal.write([
      {
        type: 'rollout.started',
        at: this.now(),
        actor,
        rolloutId: id,
        kind: cmd.kind,
        command: cmd.command,
        hold: cmd.hold,
        targets: admitted.serials,
        batches: plan.batches.length,
        options: plan.options,
        reason,
      },
    ]);
    const rollout = new Rollout(this.ctx, { id, plan, cmd, actor, reason });
    this.rolloutsById.set(id, rollout);
    rollout.start();
    return { ok: true, rollout, dryRun: admitted.dryRun };
  }

  /**
   * Stops refreshing one installation, or every one ('all': the kill switch); journaled per
   * installation, with the reason, which more than one installation requires (`releaseReason`).
   */
  async release(target: string | 'all', reason?: string): Promise<Released[]> {
    const actor = this.ctx.deps.operator();
    const { state } = this.ctx;
    const drafting = new Set(state.serialsWithDrafts());
    const serials = target === 'all' ? [...new Set([...state.leases.keys(), ...drafting])] : [target];
    const held = serials.filter((s) => state.leases.get(s)?.empty === false || drafting.has(s));
    const why = releaseReason(held.length, reason);
    // The kill switch stops rollouts too: their commands still waiting for a pacing slot, and
    // their later batches, would otherwise take control straight back after the release.
    if (target === 'all')
      for (const rollout of this.rolloutsById.values()) rollout.abort('stopped by Release all');
    const released = await Promise.all(held.map((s) => this.ctx.keeper.release(s, actor, why)));
    return released.filter((r): r is Released => r !== null);
  }

  /**
   * After inventory changes: a callback or an inbox decision may have made an installation
   * uncontrollable (offboarded, rejected) or changed its fallback timeout, and a restore may have
   * changed any. Their leases are released, or re-planned at once (lease-keeper.ts `replan`);
   * after a restore, the journal is told again which commands are in force (restore-reconcile.ts).
   */
  onInventoryChanged(entries: readonly JournalEntry[]): void {
    const restored = entries.some((e) => e.type === 'backup.restored');
    const openInJournal = restored ? this.ctx.deps.inventory.openCommands?.() : undefined;
    if (openInJournal !== undefined)
      this.ctx.journal.behind(
        restoreReconcileDrafts(this.ctx.state.commands, openInJournal, this.ctx.deps.clock.now()),
      );
    const serials = restored
      ? [...this.ctx.state.leases.keys(), ...this.ctx.state.serialsWithDrafts()]
      : entries.flatMap((e) => (CHANGES_CONTROL.has(e.type) && e.serial !== undefined ? [e.serial] : []));
    for (const serial of new Set(serials)) this.ctx.keeper.replan(serial);
  }

  /**
   * At start-up, before the UI is served: ends what the previous run left in force (`lapsed`) or
   * unsettled (`expired`), from the journal and the lease marks (EC-3; restart-recovery.ts).
   */
  recoverAfterRestart(
    entries: Parameters<typeof recoverAfterRestart>[1],
    marks: LeaseMarks,
  ): Promise<Recovered[]> {
    return recoverAfterRestart(this.ctx, entries, marks);
  }

  command(commandId: string): CommandView | undefined {
    return this.ctx.state.commands.get(commandId)?.view();
  }

  /** Commands in memory (newest last), optionally of one installation. */
  commands(serial?: string): CommandView[] {
    const records = [...this.ctx.state.commands.values()];
    // One installation's page asks at every control change: build views of its commands only.
    const mine = serial === undefined ? records : records.filter((c) => c.info.serial === serial);
    return mine.map((c) => c.view());
  }

  /** Resolves once the command is confirmed or ended. */
  settled(commandId: string): Promise<CommandView> {
    const record = this.ctx.state.commands.get(commandId);
    return record === undefined
      ? Promise.reject(new Error(`unknown command ${commandId}`))
      : record.settled();
  }

  /** Every lease in force (held, unheld, or released and not yet back on local control), with when it lapses. */
  leases(): LeaseView[] {
    return this.ctx.state.leaseViews();
  }

  /** What the installation's controller follows of ours (see `leases`); undefined on local control. */
  lease(serial: string): LeaseView | undefined {
    return this.ctx.state.viewOf(serial);
  }

  /** While the link is down: held leases and when each lapses to local control (the banner). */
  leasesAtRisk(): LeaseAtRisk[] {
    return this.ctx.keeper.atRisk();
  }

  rollout(id: string): Rollout | undefined {
    return this.rolloutsById.get(id);
  }

  rollouts(): RolloutView[] {
    return [...this.rolloutsById.values()].map((r) => r.view());
  }

  /** Control events for the UI (batched); returns the unsubscribe function. */
  on(listener: ControlListener): () => void {
    return this.ctx.emitter.on(listener);
  }

  /**
   * Stops timers and subscriptions. Leases are not released: without refreshes each controller
   * returns to local control at its fallback timeout, which is the safe end (EC-3).
   */
  stop(): void {
    this.offLink();
    for (const r of this.rolloutsById.values()) r.stop();
    this.ctx.pacer.stop();
    this.ctx.watch.stop();
    this.ctx.state.stop();
  }

  /**
   * Dispatches `auditBatch` targets at a time: the next batch starts once every command of this one
   * is durable in the journal (or did not get that far), so one group commit covers a batch and the
   * first publishes leave while later batches are still being written. Pacing applies as ever.
   */
  private async dispatchInBatches(
    serials: readonly string[],
    cmd: ControlCommand,
    who: { actor: string; reason?: string },
  ): Promise<DispatchResult[]> {
    const size = Math.max(1, this.ctx.options.auditBatch);
    const all: Promise<DispatchResult>[] = [];
    for (let i = 0; i < serials.length; i += size) {
      const batch = serials.slice(i, i + size).map((serial) => {
        let audited: () => void = () => undefined;
        const written = new Promise<void>((resolve) => (audited = resolve));
        const result = dispatch(this.ctx, serial, cmd, { ...who, audited }).finally(audited);
        // Handled here so a throw waits for the final Promise.all without an unhandled rejection.
        result.catch(() => undefined);
        all.push(result);
        return written;
      });
      await Promise.all(batch);
    }
    return Promise.all(all);
  }

  private admitted(serials: readonly string[], cmd: ControlCommand, options: SendOptions) {
    const dryRun = this.dryRun(serials, cmd);
    const result = admit(dryRun, options);
    if (!result.ok) {
      this.ctx.journal.behind([
        refusedDraft([...new Set(serials)], result, this.ctx.deps.operator(), this.now()),
      ]);
      return result;
    }
    return { ...result, dryRun };
  }

  private now(): number {
    return this.ctx.deps.clock.now();
  }
}

/**
 * `options` whose fleet-wide rate and confirmation thresholds follow Settings (`deps.limits`) at
 * every read, unless the caller fixed them in `deps.options`.
 */
function withLiveLimits(options: ControlOptions, deps: ControlDeps): ControlOptions {
  const { limits } = deps;
  if (limits === undefined) return options;
  const fixed = deps.options ?? {};
  return Object.defineProperties(options, {
    globalPerSecond: {
      enumerable: true,
      get: () => fixed.globalPerSecond ?? limits().globalPerSecond,
    },
    thresholds: {
      enumerable: true,
      get: () => fixed.thresholds ?? limits().thresholds,
    },
  });
}
