import type { RolloutPlan } from '../../../shared/domain/control/rollout-plan';
import {
  notStartedRows,
  tallyTargets,
  targetOutcome,
  type TrackedTarget,
  type RolloutTargetView,
  type RolloutView,
} from '../../../shared/domain/control/rollout-view';
import type { Clock } from '../clock';
import type { CommandRecord } from './command-record';
import { Batcher } from './control-events';

/** A row of the grid as the UI shows it: the target's view and when it last changed (null: not yet). */
export type RolloutGridRow = RolloutTargetView & { changedAt: number | null };

type Row = TrackedTarget;

/**
 * The live grid of a rollout: one row per target, following its command's state. Changes go out
 * batched (`flush` gets the changed rows, or none when only the rollout itself changed).
 */
export class RolloutGrid {
  private readonly rows: Map<string, Row>;
  private readonly events: Batcher<RolloutTargetView | null>;

  constructor(
    plan: RolloutPlan,
    private readonly clock: Clock,
    batchMs: number,
    flush: (changed: RolloutTargetView[]) => void,
    /** Called after every change (the rollout's gate re-evaluates). */
    private readonly onChange: () => void,
  ) {
    this.rows = notStartedRows(plan.batches);
    this.events = new Batcher(clock, batchMs, (changed) => flush(changed.filter((c) => c !== null)));
  }

  get size(): number {
    return this.rows.size;
  }

  serials(): string[] {
    return [...this.rows.keys()];
  }

  tally(): RolloutView['tally'] {
    return tallyTargets(this.rows.values());
  }

  /** The tally of `serials` alone (the rollout's gate judges the current batch). */
  tallyAmong(serials: Iterable<string>): RolloutView['tally'] {
    const rows: Row[] = [];
    for (const s of serials) {
      const row = this.rows.get(s);
      if (row !== undefined) rows.push(row);
    }
    return tallyTargets(rows);
  }

  targets(): RolloutGridRow[] {
    return [...this.rows.values()].map(({ everConfirmed: _e, ...row }) => row);
  }

  /** Targets failed now (`targetOutcome`, the rule the tally counts by): what Retry failed re-sends. */
  failed(): string[] {
    return [...this.rows.values()].filter((r) => targetOutcome(r) === 'failed').map((r) => r.serial);
  }

  /** How many of `serials` are started and not settled yet. */
  inFlightAmong(serials: Iterable<string>): number {
    let n = 0;
    for (const s of serials)
      if (targetOutcome(this.rows.get(s) ?? { state: 'pending' }) === 'in-flight') n += 1;
    return n;
  }

  /** Among `serials`, those refused before sending, with the reason. */
  refusedAmong(serials: readonly string[]): Array<{ serial: string; reason: string }> {
    return serials.flatMap((serial) => {
      const row = this.rows.get(serial);
      return row?.state === 'refused' ? [{ serial, reason: row.detail ?? '' }] : [];
    });
  }

  /** A new attempt starts for the target; false when it is not part of the rollout. */
  attempt(serial: string): boolean {
    const row = this.rows.get(serial);
    if (row === undefined) return false;
    row.attempts += 1;
    delete row.detail;
    // The new attempt's command is not known yet; an older attempt's record no longer speaks for the row.
    delete row.commandId;
    row.everConfirmed = false;
    this.update(row, { state: 'draft' });
    return true;
  }

  /** The target was not sent (`refused`), or its send was cancelled (back to `pending`). */
  notSent(serial: string, reason: string, cancelled: boolean): void {
    const row = this.rows.get(serial);
    if (row !== undefined)
      this.update(row, cancelled ? { state: 'pending' } : { state: 'refused', detail: reason });
  }

  /** Mirrors a command of this rollout into its target's row. */
  follow(record: CommandRecord): void {
    const row = this.rows.get(record.info.serial);
    // Only the current attempt's command: an earlier one (ended) must not overwrite or be counted again.
    if (row === undefined || (row.commandId !== undefined && row.commandId !== record.id)) return;
    if (row.commandId === undefined && row.state !== 'draft') return;
    const s = record.state;
    const detail = 'detail' in s ? s.detail : record.waiting;
    this.update(row, { state: s.state, commandId: record.id, ...(detail !== undefined ? { detail } : {}) });
  }

  /** The rollout's own state changed: send an event even if no row did. */
  touched(): void {
    this.events.add('', null);
  }

  stop(): void {
    this.events.stop();
  }

  private update(row: Row, change: Partial<RolloutTargetView>): void {
    const before = row.state;
    Object.assign(row, change);
    // "Last change" in the grid means the state moved; a repeated follow() of the same state does not count.
    if (row.state !== before || row.changedAt === null) row.changedAt = this.clock.now();
    if (row.state === 'confirmed') row.everConfirmed = true;
    const { everConfirmed: _e, changedAt: _c, ...view } = row;
    this.events.add(row.serial, view);
    this.onChange();
  }
}
