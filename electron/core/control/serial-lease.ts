import { lapsesAt, refreshEveryMs, type LeaseView } from '../../../shared/domain/control/lease';
import type { AssetGroup, LiveCommand } from '../../../shared/domain/control/live-command';
import type { CommandRecord, Probe } from './command-record';

/**
 * One moment read on both clocks: `at`, wall time (shown, journaled, put on the wire); `mono`, the
 * monotonic reading (Clock.monotonic) that durations are measured with, because the wall clock
 * can be set back or forward while a lease runs.
 */
export type Instant = { at: number; mono: number };

/**
 * Live control of one installation: which command holds each asset group, and the lease over them.
 * A controller keeps one lease for all its groups (every accepted command renews it), so the refresh
 * re-sends every group in force in one message, and a lease lapses for the whole installation.
 */
export class SerialLease {
  /** One active command per asset group. */
  readonly holders = new Map<AssetGroup, CommandRecord>();
  /**
   * Groups whose command ended while this lease ran, with that command's id: once the lease is
   * empty they are what the controller may still follow until its fallback timeout (the releasing view).
   */
  readonly dropped = new Map<AssetGroup, string>();
  private delivered: Instant | undefined;
  private refreshCount = 0;
  private refusedCount = 0;
  private fallback: number;
  /**
   * The last view, until something it shows changes: the lease list goes to the UI a few times a
   * second, and rebuilding 10,000 unchanged views for each was a top allocation of a bulk send.
   */
  private cachedView: LeaseView | undefined;
  refreshTimer: unknown;
  lapseTimer: unknown;
  /** The serial's feedback at the last refresh publish, to judge a refusal of the refresh. */
  refreshProbe: Probe | undefined;

  constructor(
    readonly serial: string,
    fallbackS: number,
  ) {
    this.fallback = fallbackS;
  }

  /** Publish time (wall) of the last command or refresh the broker acked. */
  get lastDeliveredAt(): number | undefined {
    return this.delivered?.at;
  }

  /** The same publish on the monotonic clock: what the lapse and the next refresh are timed from. */
  get lastDeliveredMono(): number | undefined {
    return this.delivered?.mono;
  }

  /**
   * The broker acked a publish sent at `sent`. PUBACKs can arrive out of order, so the latest publish
   * wins, judged on the monotonic clock: after the wall clock was set back, the larger wall time is
   * the older publish, and keeping it put the lapse an hour late.
   */
  markDelivered(sent: Instant): void {
    if (this.delivered !== undefined && sent.mono < this.delivered.mono) return;
    if (sent.at !== this.delivered?.at) this.cachedView = undefined;
    this.delivered = sent;
  }

  /** Elapsed ms since the last delivery, on the monotonic clock; undefined before a first one. */
  sinceDeliveredMs(monoNow: number): number | undefined {
    return this.delivered === undefined ? undefined : monoNow - this.delivered.mono;
  }

  /** Ms left before the lease lapses unless delivered again (≤ 0: lapsed); undefined before a first delivery. */
  lapsesInMs(monoNow: number): number | undefined {
    const since = this.sinceDeliveredMs(monoNow);
    return since === undefined ? undefined : this.fallbackS * 1000 - since;
  }

  get refreshes(): number {
    return this.refreshCount;
  }

  set refreshes(n: number) {
    if (n !== this.refreshCount) this.cachedView = undefined;
    this.refreshCount = n;
  }

  /** Refreshes not delivered (link down, no PUBACK): never queued, only counted. */
  get refused(): number {
    return this.refusedCount;
  }

  set refused(n: number) {
    if (n !== this.refusedCount) this.cachedView = undefined;
    this.refusedCount = n;
  }

  get fallbackS(): number {
    return this.fallback;
  }

  set fallbackS(s: number) {
    if (s !== this.fallback) this.cachedView = undefined;
    this.fallback = s;
  }

  /** The distinct commands holding a group, oldest first. */
  commands(): CommandRecord[] {
    return [...new Set(this.holders.values())].sort((a, b) => a.info.createdAt - b.info.createdAt);
  }

  /** Held while any command in force asked to be held. */
  get held(): boolean {
    return this.commands().some((c) => c.info.hold);
  }

  /** What a refresh sends: every group in force, each as its holder commanded it. */
  merged(): LiveCommand {
    const command: LiveCommand = {};
    for (const [group, holder] of this.holders) {
      const g = holder.info.command[group];
      if (g !== undefined) command[group] = g;
    }
    return command;
  }

  /**
   * Gives `record` the groups it names. Returns the earlier commands that lost their last group:
   * they are superseded. An earlier command that keeps a group stays in force for it.
   */
  take(record: CommandRecord): CommandRecord[] {
    const before = this.commands();
    this.cachedView = undefined;
    for (const group of record.info.groups) {
      this.holders.set(group, record);
      this.dropped.delete(group);
    }
    const still = new Set(this.holders.values());
    return before.filter((c) => !still.has(c));
  }

  /** Earlier commands that `groups` would take a group from (for the audit record of a new command). */
  overlapping(groups: readonly AssetGroup[]): CommandRecord[] {
    return [
      ...new Set(groups.map((g) => this.holders.get(g)).filter((c): c is CommandRecord => c !== undefined)),
    ];
  }

  /** Removes an ended command from every group it held. */
  drop(record: CommandRecord): void {
    for (const [group, holder] of this.holders) {
      if (holder !== record) continue;
      this.holders.delete(group);
      this.dropped.set(group, record.id);
      this.cachedView = undefined;
    }
  }

  get empty(): boolean {
    return this.holders.size === 0;
  }

  /** When it lapses on the wall clock of its last delivery: for display and the journal only. */
  get lapsesAt(): number | undefined {
    return this.lastDeliveredAt === undefined ? undefined : lapsesAt(this.lastDeliveredAt, this.fallbackS);
  }

  /** The view once the lease ended but the controller still follows it, until `until`. */
  releasingView(until: number): LeaseView {
    return Object.freeze({
      ...this.buildView(),
      groups: [...this.dropped.keys()],
      commandIds: [...new Set(this.dropped.values())],
      held: false,
      status: 'releasing',
      lapsesAt: until,
    });
  }

  /** What the UI shows; the same (frozen) object until the lease changes. */
  view(): LeaseView {
    this.cachedView ??= Object.freeze(this.buildView());
    return this.cachedView;
  }

  private buildView(): LeaseView {
    const commands = this.commands();
    return {
      serial: this.serial,
      groups: [...this.holders.keys()],
      commandIds: commands.map((c) => c.id),
      held: this.held,
      status: this.held ? 'held' : 'unheld',
      fallbackS: this.fallbackS,
      refreshEveryMs: refreshEveryMs(this.fallbackS),
      lastDeliveredAt: this.lastDeliveredAt ?? null,
      lapsesAt: this.lapsesAt ?? null,
      refreshes: this.refreshes,
      refused: this.refused,
    };
  }
}
