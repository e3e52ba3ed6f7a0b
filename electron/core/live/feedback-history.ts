import type { FeedbackValues } from '../../../shared/protocol/profile';
import { downsampleMinMax, type Columns } from '../../../shared/domain/live/downsample';
import type { PowerHistory } from '../../../shared/domain/live/power-history';
import { BlockPool, Ring } from './history-ring';

/**
 * How far back the history reaches per installation, in readings at the controllers' 10 s
 * feedback cadence: one hour. The last FULL_RESOLUTION_READINGS (15 minutes) are kept as
 * received; older ones as each minute's minimum and maximum (two readings a minute, and how many
 * readings each minute held), so the chart keeps every peak of the hour in about half the memory.
 *
 * Memory bound: a full-resolution reading is 8 bytes of receipt time (Float64) + 5 values × 4
 * bytes (Float32) = 28 bytes; a minute is two readings of 8 + 6 × 4 = 32 bytes. A full hour is
 * 90 × 28 + 90 × 32 = 5,400 bytes per installation (360 readings as received were 10,080). Rings
 * take blocks from shared slabs as they fill, so memory follows the data actually received: with
 * an array pair per installation that doubled as it filled, 10,000 full one-hour histories
 * measured 164 MiB of RSS; in slabs, all as received, 117 MiB; in two tiers, 75 MiB
 * (test/live/history-memory.ts). Float32 keeps 7 significant digits (0.0625 W at
 * 1 MW): plenty for a chart; the live value shown as a number keeps full precision in LiveValues.
 */
export const HISTORY_CAPACITY = 360;
/** Readings kept as received: 15 minutes at 10 s; also the block size of the rings. */
export const FULL_RESOLUTION_READINGS = 90;
/** Older readings are folded into buckets of this length (each kept as its minimum and maximum). */
export const COARSE_BUCKET_MS = 60_000;
/** The cadence the capacity is counted in: controllers report feedback every 10 s. */
const CADENCE_MS = 10_000;

/** The series in the order they are stored and downsampled. */
const SERIES = ['storageW', 'socPct', 'solarW', 'gridW', 'responseCode'] as const;
const WIDTH = SERIES.length;

/** One stored reading, as read back (values at Float32 precision). */
export type HistoryReading = { at: number } & Record<(typeof SERIES)[number], number | null>;

/** Column of the coarse tier holding how many readings a minute folded (on its minimum row). */
const COUNT = WIDTH;

/** One installation's history: recent readings as received, then per-minute min/max pairs. */
class InstallationHistory {
  readonly fine: Ring;
  coarse: Ring | undefined;
  /** Readings that left the history altogether (older than it reaches). */
  dropped = 0;

  constructor(private readonly tiers: Tiers) {
    this.fine = new Ring(tiers.finePool, tiers.full);
  }

  push(at: number, row: ReadonlyArray<number | null>): void {
    const { fine } = this;
    if (fine.full) {
      if (this.tiers.coarseLimit === 0) this.dropped += 1;
      else this.fold(fine.time(0), (s) => fine.value(0, s));
    }
    fine.push(at, row);
  }

  /** Folds the oldest full-resolution reading into its minute's min/max pair. */
  private fold(at: number, value: (s: number) => number): void {
    const coarse = (this.coarse ??= new Ring(this.tiers.coarsePool, this.tiers.coarseLimit));
    const n = coarse.size;
    const minute = Math.floor(at / COARSE_BUCKET_MS);
    if (n >= 2 && Math.floor(coarse.time(n - 2) / COARSE_BUCKET_MS) === minute) {
      // Same minute: widen its pair. A missing value (NaN) never replaces one that is there.
      for (let s = 0; s < WIDTH; s++) {
        const v = value(s);
        if (Number.isNaN(v)) continue;
        const lo = coarse.value(n - 2, s);
        const hi = coarse.value(n - 1, s);
        if (Number.isNaN(lo) || v < lo) coarse.setValue(n - 2, s, v);
        if (Number.isNaN(hi) || v > hi) coarse.setValue(n - 1, s, v);
      }
      coarse.setValue(n - 2, COUNT, coarse.value(n - 2, COUNT) + 1);
      coarse.setTime(n - 1, at);
      return;
    }
    // A new minute; when the coarse tier is full its oldest minute leaves the history.
    if (coarse.full) this.dropped += coarse.value(0, COUNT);
    const row = Array.from({ length: WIDTH + 1 }, (_, s) => (s === COUNT ? 1 : value(s)));
    coarse.push(at, row);
    row[COUNT] = 0;
    coarse.push(at, row);
  }

  /** Readings at or after `since` (all when undefined), coarse minutes first, as columns. */
  columns(since: number | undefined): Columns {
    const { fine, coarse } = this;
    const fromFine = since === undefined ? 0 : fine.firstAtOrAfter(since);
    const f = fine.columns(fromFine);
    if (coarse === undefined || coarse.size === 0 || fromFine > 0) return f;
    const c = coarse.columns(since === undefined ? 0 : coarse.firstAtOrAfter(since), WIDTH);
    return {
      length: c.length + f.length,
      seriesCount: WIDTH,
      time: (i) => (i < c.length ? c.time(i) : f.time(i - c.length)),
      value: (s, i) => (i < c.length ? c.value(s, i) : f.value(s, i - c.length)),
    };
  }

  get oldestAt(): number | null {
    if (this.coarse !== undefined && this.coarse.size > 0) return this.coarse.time(0);
    return this.fine.size > 0 ? this.fine.time(0) : null;
  }

  /** Where readings as received begin, once older ones were folded into minutes; else null. */
  get fullResolutionFrom(): number | null {
    return this.coarse !== undefined && this.fine.size > 0 ? this.fine.time(0) : null;
  }
}

/** The tier sizes and the slabs their rings draw from, shared by every installation. */
type Tiers = {
  full: number;
  coarseLimit: number;
  finePool: BlockPool;
  coarsePool: BlockPool;
};

/** Bounded recent feedback for every installation that sent some (see HISTORY_CAPACITY). */
export class FeedbackHistory {
  private readonly histories = new Map<string, InstallationHistory>();
  private readonly tiers: Tiers;

  /**
   * `capacity`: how far back the history reaches, in readings at 10 s; `full`: how many of the
   * newest are kept as received (all of them when equal to `capacity`: no minute tier).
   */
  constructor(
    readonly capacity = HISTORY_CAPACITY,
    full = Math.min(capacity, FULL_RESOLUTION_READINGS),
  ) {
    // Two readings per minute for the span beyond the full-resolution readings.
    const coarseLimit = 2 * Math.ceil(((capacity - full) * CADENCE_MS) / COARSE_BUCKET_MS);
    this.tiers = {
      full,
      coarseLimit,
      finePool: new BlockPool(Math.min(FULL_RESOLUTION_READINGS, full), WIDTH),
      coarsePool: new BlockPool(Math.max(2, Math.min(FULL_RESOLUTION_READINGS, coarseLimit)), WIDTH + 1),
    };
  }

  push(serial: string, at: number, values: FeedbackValues, responseCode: number | null): void {
    let history = this.histories.get(serial);
    if (history === undefined) {
      history = new InstallationHistory(this.tiers);
      this.histories.set(serial, history);
    }
    history.push(at, [values.storageW, values.socPct, values.solarW, values.gridW, responseCode]);
  }

  /** Installations with a history. */
  get size(): number {
    return this.histories.size;
  }

  /** Every kept reading of one installation, oldest first (minutes as their min and max rows). */
  readings(serial: string): HistoryReading[] {
    const history = this.histories.get(serial);
    if (history === undefined) return [];
    const cols = history.columns(undefined);
    return Array.from({ length: cols.length }, (_, i) => {
      const reading = { at: cols.time(i) } as HistoryReading;
      SERIES.forEach((name, s) => {
        const v = cols.value(s, i);
        reading[name] = Number.isNaN(v) ? null : v;
      });
      return reading;
    });
  }

  /** Readings received at or after `sinceMs`, downsampled to at most `maxPoints` rows. */
  query(serial: string, sinceMs: number | undefined, maxPoints: number): Omit<PowerHistory, 'latest'> {
    const history = this.histories.get(serial);
    const cols = history?.columns(sinceMs);
    const { times, series } = downsampleMinMax(
      cols ?? { length: 0, seriesCount: WIDTH, time: () => NaN, value: () => NaN },
      maxPoints,
    );
    const [storageW = [], socPct = [], solarW = [], gridW = [], responseCode = []] = series;
    return {
      serial,
      times,
      storageW,
      socPct,
      solarW,
      gridW,
      responseCode,
      readings: cols?.length ?? 0,
      capacity: this.capacity,
      dropped: history?.dropped ?? 0,
      oldestAt: history?.oldestAt ?? null,
      fullResolutionFrom: history?.fullResolutionFrom ?? null,
    };
  }
}
