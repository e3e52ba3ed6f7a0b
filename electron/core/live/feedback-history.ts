import type { FeedbackValues } from '../../../shared/protocol/profile';
import { downsampleMinMax, type Columns } from '../../../shared/domain/live/downsample';
import type { PowerHistory } from '../../../shared/domain/live/power-history';

/**
 * Readings kept per installation: one hour at the controllers' 10 s feedback cadence (less time
 * if one reports faster; the answer says how many were dropped).
 *
 * Memory bound: a reading is 8 bytes of receipt time (Float64) + 5 values × 4 bytes (Float32) =
 * 28 bytes, so a full history is 360 × 28 = 10,080 bytes per installation. A ring starts at
 * INITIAL_CAPACITY and doubles as it fills, so memory follows the data actually received. Two
 * hours (720) measured 212 MiB of RSS for 10,000 installations (test/live/history-memory.ts),
 * too close to the core's 250 MB budget; one hour is half that. Float32 keeps 7 significant
 * digits (0.0625 W at 1 MW): plenty for a chart; the live value shown as a number keeps full
 * precision in LiveValues.
 */
export const HISTORY_CAPACITY = 360;
/** First allocation: 15 minutes at 10 s, so a fleet that just connected costs little. */
const INITIAL_CAPACITY = 90;

/** The series in the order they are stored and downsampled. */
const SERIES = ['storageW', 'socPct', 'solarW', 'gridW', 'responseCode'] as const;
const WIDTH = SERIES.length;

/** One stored reading, as read back (values at Float32 precision). */
export type HistoryReading = { at: number } & Record<(typeof SERIES)[number], number | null>;

/** A ring of one installation's readings that grows up to `limit`, then overwrites the oldest. */
class Ring {
  times: Float64Array;
  values: Float32Array;
  capacity: number;
  /** Next slot to write. */
  head = 0;
  size = 0;
  dropped = 0;

  constructor(private readonly limit: number) {
    this.capacity = Math.min(INITIAL_CAPACITY, limit);
    this.times = new Float64Array(this.capacity);
    this.values = new Float32Array(this.capacity * WIDTH);
  }

  /** Doubles the arrays (up to the limit). Only while not yet wrapped, so slots are in order. */
  private grow(): void {
    const capacity = Math.min(this.capacity * 2, this.limit);
    const times = new Float64Array(capacity);
    const values = new Float32Array(capacity * WIDTH);
    times.set(this.times);
    values.set(this.values);
    this.times = times;
    this.values = values;
    this.head = this.capacity;
    this.capacity = capacity;
  }

  push(at: number, row: ReadonlyArray<number | null>): void {
    if (this.size === this.capacity && this.capacity < this.limit) this.grow();
    // Receipt times only grow: the chart and the `since` search need ordered times, and a wall
    // clock stepped back (NTP) must not reorder the history.
    const last = this.size > 0 ? this.times[(this.head - 1 + this.capacity) % this.capacity]! : -Infinity;
    if (this.size === this.capacity) this.dropped += 1;
    else this.size += 1;
    this.times[this.head] = Math.max(at, last);
    for (let s = 0; s < WIDTH; s++) this.values[this.head * WIDTH + s] = row[s] ?? NaN;
    this.head = (this.head + 1) % this.capacity;
  }

  /** Physical slot of logical reading `i` (0 = oldest kept). */
  slot(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  time(i: number): number {
    return this.times[this.slot(i)]!;
  }

  /** First logical index whose time is ≥ `since` (binary search; times are non-decreasing). */
  firstAtOrAfter(since: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(mid) < since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Logical readings `from`…end as columns, read in place. */
  columns(from: number): Columns {
    return {
      length: this.size - from,
      seriesCount: WIDTH,
      time: (i) => this.time(from + i),
      value: (s, i) => this.values[this.slot(from + i) * WIDTH + s]!,
    };
  }
}

/** Bounded recent feedback for every installation that sent some (see HISTORY_CAPACITY). */
export class FeedbackHistory {
  private readonly rings = new Map<string, Ring>();

  constructor(readonly capacity = HISTORY_CAPACITY) {}

  push(serial: string, at: number, values: FeedbackValues, responseCode: number | null): void {
    let ring = this.rings.get(serial);
    if (ring === undefined) {
      ring = new Ring(this.capacity);
      this.rings.set(serial, ring);
    }
    ring.push(at, [values.storageW, values.socPct, values.solarW, values.gridW, responseCode]);
  }

  /** Installations with a history. */
  get size(): number {
    return this.rings.size;
  }

  /** Every kept reading of one installation, oldest first (for tests and exports). */
  readings(serial: string): HistoryReading[] {
    const ring = this.rings.get(serial);
    if (ring === undefined) return [];
    const cols = ring.columns(0);
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
  query(serial: string, sinceMs: number | undefined, maxPoints: number): PowerHistory {
    const ring = this.rings.get(serial);
    const cols = ring?.columns(sinceMs === undefined ? 0 : ring.firstAtOrAfter(sinceMs));
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
      dropped: ring?.dropped ?? 0,
      oldestAt: ring && ring.size > 0 ? ring.time(0) : null,
    };
  }
}
