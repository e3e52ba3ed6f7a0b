import type { FleetCounters, FleetRow } from '../../../shared/domain/fleet/fleet-row';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Settings } from '../../../shared/domain/settings';
import type { Inventory } from '../inventory/inventory';
import type { CoreEvents } from '../events';
import { monotonicNow, type Clock } from '../clock';
import { localControlBy, type LeaseView } from '../../../shared/domain/control/lease';
import { countRow, emptyCounters, fleetRow, sameRow, type FleetControl, type RowContext } from './fleet-rows';
import { PeriodLearner, type LearnedPeriod, type LearningWeights } from './period-learner';
import { ReceivedMarks } from './received-marks';

export type FleetViewDeps = {
  inventory: Inventory;
  settings: () => Settings;
  clock: Clock;
  events: CoreEvents;
  live?: RowContext['live'];
  /** Since when the broker link is up; undefined while it is down (no link: MQTT is not expected). */
  linkUpSince?: () => number | undefined;
  /** The health cadences the previous run learned (learned-periods-file.ts), to start from. */
  learnedHealthPeriods?: ReadonlyMap<string, LearnedPeriod>;
};

/** How often changes reach the UI (at most), and how often staleness is re-checked. */
const FLUSH_MS = 250;
const SWEEP_MS = 15_000;
/**
 * Rows recomputed per flush at most; the rest wait for the next one. The sweep marks all 10,000
 * rows at once, and recomputing them in one go held the event loop for ~100 ms every 15 s, which
 * alone put the listener's p99 at a fixed 1,000 callbacks/s over its 50 ms target.
 */
const ROWS_PER_FLUSH = 2_000;
/**
 * Rows recomputed in one turn of the event loop; a flush runs in such slices, with I/O served
 * between them. 2,000 rows in one turn held the loop for 16-19 ms (ingest benchmark, 10,000
 * installations); 250 take about 2 ms.
 */
export const ROWS_PER_SLICE = 250;

/**
 * How the MQTT feedback cadence is learned. Besides its periodic messages a controller answers
 * each command within a second, so short gaps come in bursts: they lower the learned period
 * slowly, and a long gap raises it at once, so a busy minute of commands does not make the next
 * ordinary gap look like silence.
 */
export const FEEDBACK_LEARNING: LearningWeights = { longer: 0.5, shorter: 0.02 };

/**
 * The fleet table's rows, kept current from journal commits and pushed to the UI in batches a few
 * times a second whatever the callback rate; a periodic sweep turns silent installations stale
 * (no health call, or no MQTT feedback while the link is up, for a few expected periods).
 */
export class FleetView {
  private readonly rowsBySerial = new Map<string, FleetRow>();
  private readonly dirty = new Set<string>();
  /**
   * Rows recomputed and stored but not yet sent to the UI. A read (list, health) refreshes the
   * dirty rows it needs at once; those that changed wait here for the next batch, or the flush
   * would find them equal to what is stored and drop them: the table never saw them change.
   */
  private readonly unsent = new Map<string, FleetRow>();
  /** Kept in step with every row set, so a flush costs its changed rows, not the whole fleet. */
  private counters: FleetCounters = emptyCounters();
  private readonly learner: PeriodLearner;
  /** When each health call of this run arrived in elapsed time: staleness survives a clock jump. */
  private readonly healthReceived = new ReceivedMarks();
  /** The cadence of each installation's MQTT feedback, learned from the readings. */
  private readonly feedbackLearner = new PeriodLearner(() => Infinity, FEEDBACK_LEARNING);
  /** Installations whose controller follows a command of ours, as control last said. */
  private control: ReadonlyMap<string, FleetControl> = new Map();
  private flushTimer: unknown;
  private sweepTimer: unknown;
  private stopped = false;

  constructor(private readonly deps: FleetViewDeps) {
    this.learner = new PeriodLearner(() => deps.settings().healthPeriodSeconds * 1000);
    for (const installation of deps.inventory.listInstallations()) {
      const { serial } = installation;
      if (installation.lastSeen.health !== undefined)
        this.learner.seed(serial, installation.lastSeen.health, deps.learnedHealthPeriods?.get(serial));
      this.setRow(fleetRow(installation, this.context()));
    }
    this.scheduleSweep();
  }

  list(): { rows: FleetRow[]; counters: FleetCounters } {
    this.refreshDirty(Infinity);
    // The rows it refreshed still go out with the next batch (to every other window and page).
    if (this.unsent.size > 0) this.scheduleFlush();
    return { rows: [...this.rowsBySerial.values()], counters: { ...this.counters } };
  }

  /**
   * One installation's fleet row, brought up to date alone; undefined if unknown. The installation
   * page reads it at every refetch: refreshing every dirty row there (10,000 after each sweep) did
   * the whole flush in one turn, undoing its slicing, and copied the whole fleet for one row.
   */
  row(serial: string): FleetRow | undefined {
    if (this.dirty.delete(serial)) {
      this.refreshRow(serial, this.context());
      // A refreshed row still goes out with the next batch (to every other window and page).
      if (this.unsent.size > 0) this.scheduleFlush();
    }
    return this.rowsBySerial.get(serial);
  }

  /** An installation's health as its fleet row shows it (stale included); undefined if unknown. */
  health(serial: string): FleetRow['health'] | undefined {
    return this.row(serial)?.health;
  }

  /**
   * Feed of durable commits; contract imports touch every linked row (customer names). Only a
   * health call that took effect teaches the period: a repeated delivery of one event (a retry
   * seconds later) is not a report of its own, and learning from it made one missed call stale.
   */
  onCommitted(entries: readonly JournalEntry[]): void {
    // Read once a batch is durable, a moment after its calls came in: they turn stale that much later.
    const elapsed = monotonicNow(this.deps.clock);
    for (const entry of entries) {
      // A repeated delivery of one event has no effect (apply-entry.ts): `lastSeen.health` keeps the
      // first delivery's time, so the mark must too, or staleness falls back to the wall clock.
      if (entry.type === 'callback.health' && !this.deps.inventory.isRepeat(entry)) {
        this.healthReceived.record(entry.serial, entry.at, elapsed);
        this.learnHealthPeriod(entry.serial, entry.at);
      }
      if (entry.type === 'contract.imported')
        for (const serial of this.rowsBySerial.keys()) this.dirty.add(serial);
      else if (entry.serial !== undefined) this.dirty.add(entry.serial);
    }
    this.scheduleFlush();
  }

  /**
   * Control's leases changed (every installation whose controller follows a command of ours). Rows
   * whose state changed go out with the next batch; a held lease's time is not on its row, so a
   * refresh that keeps it held changes no row.
   */
  leasesChanged(leases: readonly LeaseView[]): void {
    const next = new Map<string, FleetControl>();
    for (const l of leases) next.set(l.serial, { control: l.status, localBy: localControlBy(l) });
    for (const [serial, c] of next) {
      const was = this.control.get(serial);
      if (was?.control !== c.control || was.localBy !== c.localBy) this.dirty.add(serial);
    }
    for (const serial of this.control.keys()) if (!next.has(serial)) this.dirty.add(serial);
    this.control = next;
    this.scheduleFlush();
  }

  /** A live value of one installation changed (MQTT feedback): its row goes out with the next batch. */
  touch(serial: string): void {
    const at = this.deps.live?.(serial)?.at;
    if (at !== undefined) this.learnCadence(serial, at);
    this.dirty.add(serial);
    this.scheduleFlush();
  }

  /** The health cadences learned so far, to keep for the next run (services.ts saves them). */
  learnedHealthPeriods(): Map<string, LearnedPeriod> {
    return this.learner.learnedPeriods();
  }

  /**
   * Learns the health cadence from the gap before a call at `at`, unless the installation was
   * stale by then: a night Fleetdesk was closed, or a day the controller was offline, is an
   * outage, not its cadence. Learned, one such gap made the period hours long, and a controller
   * that stopped calling soon after showed ok for hours. Three such gaps in a row are learned: the
   * cadence did change (`PeriodLearner.observe`).
   */
  private learnHealthPeriod(serial: string, at: number): void {
    const period = this.learner.averageMs(serial) ?? this.deps.settings().healthPeriodSeconds * 1000;
    this.learner.observe(serial, at, period * this.deps.settings().stalePeriods);
  }

  /**
   * Learns the feedback cadence from the gap before a reading at `at`, unless the gap is an
   * outage: one spanning a link outage (the silence was ours) or one after which the installation
   * was already stale. Learned, such a gap raised the period at once (FEEDBACK_LEARNING) and kept
   * a controller that went silent after the outage from turning stale for many minutes.
   */
  private learnCadence(serial: string, at: number): void {
    const prev = this.feedbackLearner.lastAt(serial);
    if (prev === undefined || at <= prev) return this.feedbackLearner.observe(serial, at);
    const upSince = this.deps.linkUpSince?.();
    if (upSince !== undefined && prev < upSince) return this.feedbackLearner.restart(serial, at);
    const learned = this.feedbackLearner.learnedMs(serial);
    const staleAfter = learned === undefined ? Infinity : learned * this.deps.settings().stalePeriods;
    this.feedbackLearner.observe(serial, at, staleAfter);
  }

  /** Rebuilds every row (after a restore replaced the data) and pushes them all. */
  reset(): void {
    this.rowsBySerial.clear();
    // The restored calls are judged by their own wall times, as those from before the start are.
    this.healthReceived.clear();
    // Every row goes out below.
    this.unsent.clear();
    this.counters = emptyCounters();
    const ctx = this.context();
    for (const installation of this.deps.inventory.listInstallations())
      this.setRow(fleetRow(installation, ctx));
    this.deps.events.emit('fleet.changed', {
      upserts: [...this.rowsBySerial.values()],
      counters: { ...this.counters },
      reset: true,
    });
  }

  stop(): void {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.flushTimer);
    this.deps.clock.clearTimeout(this.sweepTimer);
  }

  private context(): RowContext {
    const settings = this.deps.settings();
    const now = { wall: this.deps.clock.now(), elapsed: monotonicNow(this.deps.clock) };
    return {
      inventory: this.deps.inventory,
      now: now.wall,
      healthSilentMs: (serial, at) => this.healthReceived.silentMs(serial, at, now),
      periodMs: (s) => this.learner.periodMs(s),
      feedbackPeriodMs: (s) => this.feedbackLearner.learnedMs(s),
      linkUpSince: this.deps.linkUpSince?.(),
      stalePeriods: settings.stalePeriods,
      live: this.deps.live ?? (() => undefined),
      control: (serial) => this.control.get(serial),
    };
  }

  /** Recomputes up to `max` dirty rows (oldest marks first); those that really changed await sending. */
  private refreshDirty(max: number): void {
    const ctx = this.context();
    let done = 0;
    for (const serial of this.dirty) {
      if (done >= max) break;
      done += 1;
      this.dirty.delete(serial);
      this.refreshRow(serial, ctx);
    }
  }

  /** Recomputes one row; if it really changed, it awaits sending. */
  private refreshRow(serial: string, ctx: RowContext): void {
    const installation = this.deps.inventory.getInstallation(serial);
    if (!installation) return;
    const row = fleetRow(installation, ctx);
    if (sameRow(row, this.rowsBySerial.get(serial))) return;
    this.setRow(row);
    this.unsent.set(serial, row);
  }

  private setRow(row: FleetRow): void {
    const before = this.rowsBySerial.get(row.serial);
    if (before) countRow(this.counters, before, -1);
    countRow(this.counters, row, 1);
    this.rowsBySerial.set(row.serial, row);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.stopped) return;
    this.flushTimer = this.deps.clock.setTimeout(() => this.flushSlice(0), FLUSH_MS);
  }

  /**
   * One slice of a flush: up to ROWS_PER_SLICE rows, then the next slice on a fresh turn, until
   * ROWS_PER_FLUSH rows are done or none is left; every changed row not yet sent (a read's too)
   * then goes out as one batch.
   */
  private flushSlice(done: number): void {
    this.flushTimer = undefined;
    const before = this.dirty.size;
    this.refreshDirty(Math.min(ROWS_PER_SLICE, ROWS_PER_FLUSH - done));
    const total = done + before - this.dirty.size;
    if (this.dirty.size > 0 && total < ROWS_PER_FLUSH && !this.stopped) {
      this.flushTimer = this.deps.clock.setTimeout(() => this.flushSlice(total), 0);
      return;
    }
    if (this.unsent.size > 0) {
      const upserts = [...this.unsent.values()];
      this.unsent.clear();
      this.deps.events.emit('fleet.changed', { upserts, counters: { ...this.counters } });
    }
    if (this.dirty.size > 0) this.scheduleFlush();
  }

  private scheduleSweep(): void {
    if (this.stopped) return;
    this.sweepTimer = this.deps.clock.setTimeout(() => {
      for (const serial of this.rowsBySerial.keys()) this.dirty.add(serial);
      this.scheduleFlush();
      this.scheduleSweep();
    }, SWEEP_MS);
  }
}
