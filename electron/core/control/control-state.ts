import { isTerminal, type CommandEvent } from '../../../shared/domain/control/lifecycle';
import { stillFollowsUntil, type LeaseView } from '../../../shared/domain/control/lease';
import { monotonicNow, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { CommandRecord } from './command-record';
import { Batcher, type ControlEmitter } from './control-events';
import { outcomeDraft, type ControlJournal } from './control-journal';
import type { FeedbackWatch } from './feedback-watch';
import { SerialLease } from './serial-lease';

type Deps = {
  clock: Clock;
  log: Logger;
  journal: ControlJournal;
  emitter: ControlEmitter;
  watch: FeedbackWatch;
  eventBatchMs: number;
  keepEnded: number;
};

/**
 * How a transition is recorded: by default its outcome is journaled behind, by `actor`.
 * `signalRemoved`: the command ends because its installation was offboarded, so the controller
 * follows nothing of ours any more and no releasing view is kept for it.
 */
export type TransitionOptions = { journal?: boolean; actor?: string; signalRemoved?: boolean };

/**
 * Every command and lease in memory, and the one place their state changes: `transition` runs the
 * pure lifecycle and then its consequences (audit record, UI event, the lease giving up the
 * command's groups, the feedback subscription ending when nothing is left to watch).
 */
export class ControlState {
  readonly commands = new Map<string, CommandRecord>();
  readonly leases = new Map<string, SerialLease>();
  /**
   * Leases that ended while their controller still follows the last command we delivered (there is
   * no release message): shown as releasing until their fallback timeout runs out, never as local.
   */
  private readonly releasing = new Map<string, { view: LeaseView; timer: unknown }>();
  /** Commands not ended, per serial. */
  private readonly live = new Map<string, Set<CommandRecord>>();
  private readonly observers = new Set<(record: CommandRecord) => void>();
  /** Records, not views: the view is built once per flush rather than at every change of a bulk send. */
  private readonly commandEvents: Batcher<CommandRecord>;
  private readonly leaseEvents: Batcher<true>;
  private isStopped = false;

  constructor(private readonly deps: Deps) {
    this.commandEvents = new Batcher(deps.clock, deps.eventBatchMs, (records) =>
      deps.emitter.emit({ type: 'commands', commands: records.map((r) => r.view()) }),
    );
    this.leaseEvents = new Batcher(deps.clock, deps.eventBatchMs, () =>
      deps.emitter.emit({ type: 'leases', leases: this.leaseViews() }),
    );
  }

  /**
   * The serial's lease, made on first use; its fallback timeout is set again with each command, so
   * `fallbackS` must be read just before the call: an older reading would undo a change made since.
   */
  leaseFor(serial: string, fallbackS: number): SerialLease {
    const lease = this.leases.get(serial) ?? new SerialLease(serial, fallbackS);
    lease.fallbackS = fallbackS;
    this.leases.set(serial, lease);
    return lease;
  }

  add(record: CommandRecord): void {
    this.commands.set(record.id, record);
    const set = this.live.get(record.info.serial) ?? new Set();
    set.add(record);
    this.live.set(record.info.serial, set);
    this.changed(record);
  }

  /** Commands of the serial that have not ended. */
  liveOf(serial: string): CommandRecord[] {
    return [...(this.live.get(serial) ?? [])];
  }

  /** Serials with a command still being recorded (a draft): a release must stop those too. */
  serialsWithDrafts(): string[] {
    return [...this.live]
      .filter(([, set]) => [...set].some((c) => c.state.state === 'draft'))
      .map(([s]) => s);
  }

  /** Called with every command that changed (the rollouts follow their targets this way). */
  observe(fn: (record: CommandRecord) => void): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  /** Applies `event`; returns false (and logs) when the lifecycle refuses it. */
  transition(record: CommandRecord, event: CommandEvent, options: TransitionOptions = {}): boolean {
    const result = record.apply(event);
    if (!result.ok) {
      this.deps.log.debug(
        { commandId: record.id, event: event.type, error: result.error },
        'command event ignored',
      );
      return false;
    }
    const state = record.state;
    const journal = options.journal ?? true;
    const actor = options.actor ?? 'control';
    if (state.state === 'confirmed' && event.type === 'confirm') {
      this.deps.clock.clearTimeout(record.deadline);
      if (journal) this.deps.journal.behind([outcomeDraft(record, actor)]);
    }
    if (isTerminal(state)) this.end(record, journal, actor, options.signalRemoved === true);
    this.changed(record);
    return true;
  }

  /** Something about the command changed that the UI shows (e.g. why it is still waiting). */
  changed(record: CommandRecord): void {
    this.commandEvents.add(record.id, record);
    for (const fn of this.observers) fn(record);
  }

  leaseChanged(): void {
    this.leaseEvents.add('leases', true);
  }

  /** Every installation whose controller follows a command of ours: held, unheld or releasing. */
  leaseViews(): LeaseView[] {
    const views: LeaseView[] = [];
    for (const l of this.leases.values()) {
      const view = this.viewOf(l.serial);
      if (view !== undefined) views.push(view);
    }
    for (const [serial, r] of this.releasing) if (!this.leases.has(serial)) views.push(r.view);
    return views;
  }

  /**
   * What the serial's controller follows now. A new command not delivered yet does not replace a
   * releasing one: until it is, the controller still runs the old command.
   */
  viewOf(serial: string): LeaseView | undefined {
    const lease = this.leases.get(serial);
    const releasing = this.releasing.get(serial)?.view;
    if (lease === undefined || lease.empty) return releasing;
    return lease.lastDeliveredAt === undefined && releasing !== undefined ? releasing : lease.view();
  }

  /** Flushes pending UI events (tests, shutdown). */
  flushEvents(): void {
    this.commandEvents.flushNow();
    this.leaseEvents.flushNow();
  }

  /** True once stop() ran: nothing arms a timer or publishes after it. */
  get stopped(): boolean {
    return this.isStopped;
  }

  stop(): void {
    this.isStopped = true;
    this.commandEvents.stop();
    this.leaseEvents.stop();
    for (const r of this.commands.values()) this.deps.clock.clearTimeout(r.deadline);
    for (const l of this.leases.values()) this.clearLeaseTimers(l);
    for (const r of this.releasing.values()) this.deps.clock.clearTimeout(r.timer);
  }

  clearLeaseTimers(lease: SerialLease): void {
    this.deps.clock.clearTimeout(lease.refreshTimer);
    this.deps.clock.clearTimeout(lease.lapseTimer);
    lease.refreshTimer = undefined;
    lease.lapseTimer = undefined;
  }

  private end(record: CommandRecord, journal: boolean, actor: string, signalRemoved: boolean): void {
    const serial = record.info.serial;
    this.deps.clock.clearTimeout(record.deadline);
    const lease = this.leases.get(serial);
    const held = lease !== undefined && [...lease.holders.values()].includes(record);
    lease?.drop(record);
    if (journal) this.deps.journal.behind([outcomeDraft(record, actor, held ? lease?.refreshes : undefined)]);
    const set = this.live.get(serial);
    set?.delete(record);
    if (lease?.empty === true) {
      // Nothing is in force any more: stop refreshing; the controller falls back on its own.
      this.clearLeaseTimers(lease);
      this.leases.delete(serial);
      this.keepReleasing(lease, record, signalRemoved);
    }
    if (lease !== undefined) this.leaseChanged();
    if (set?.size === 0 && !this.leases.has(serial)) {
      this.live.delete(serial);
      this.deps.watch.unwatch(serial);
    }
    this.prune();
  }

  /** Remembers an ended lease whose controller still follows its last command, until it no longer does. */
  private keepReleasing(lease: SerialLease, last: CommandRecord, signalRemoved: boolean): void {
    const ending = last.state;
    if (!isTerminal(ending)) return;
    const follows = (lastDeliveredAt: number | undefined, now: number) =>
      stillFollowsUntil({
        ending: ending.state,
        lastDeliveredAt,
        refreshes: lease.refreshes,
        fallbackS: lease.fallbackS,
        now,
        signalRemoved,
      });
    // Shown on the wall clock, but timed on the monotonic one: the wall clock may have been set
    // back or forward since the last delivery.
    const until = follows(lease.lastDeliveredAt, this.deps.clock.now());
    const mono = monotonicNow(this.deps.clock);
    const untilMono = follows(lease.lastDeliveredMono, mono);
    if (until !== null && untilMono !== null) this.followsUntil(lease.releasingView(until), untilMono - mono);
  }

  /**
   * The serial's controller is on local control now (its external signal was removed): an earlier
   * release it was still following until its fallback timeout is no longer shown as releasing.
   */
  localControlNow(serial: string): void {
    const releasing = this.releasing.get(serial);
    if (releasing === undefined) return;
    this.deps.clock.clearTimeout(releasing.timer);
    this.releasing.delete(serial);
    this.leaseChanged();
  }

  /**
   * Shows `view` (status `releasing`) until its `lapsesAt`: its controller still follows a command
   * nothing refreshes any more (a released lease, or one the previous run held: restart recovery).
   * A later lapse already known for the serial wins. `inMs`: how long until then in elapsed time,
   * when known (this run's deliveries); otherwise counted on the wall clock.
   */
  followsUntil(view: LeaseView, inMs?: number): void {
    const until = view.lapsesAt;
    const before = this.releasing.get(view.serial);
    if (this.isStopped || until === null || (before?.view.lapsesAt ?? 0) >= until) return;
    const ms = inMs ?? until - this.deps.clock.now();
    if (ms <= 0) return;
    this.deps.clock.clearTimeout(before?.timer);
    const timer = this.deps.clock.setTimeout(() => {
      // Its fallback timeout ran out: the controller is back on local control.
      this.releasing.delete(view.serial);
      this.leaseChanged();
    }, ms);
    this.releasing.set(view.serial, { view, timer });
    this.leaseChanged();
  }

  /** Forgets the oldest ended commands beyond `keepEnded` (the journal has them). */
  private prune(): void {
    if (this.commands.size <= this.deps.keepEnded) return;
    for (const [id, r] of this.commands) {
      if (this.commands.size <= this.deps.keepEnded) break;
      if (r.ended) this.commands.delete(id);
    }
  }
}
