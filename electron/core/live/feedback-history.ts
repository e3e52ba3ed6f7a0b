import type { FeedbackValues } from '../../../shared/protocol/profile';
import { downsampleMinMax, type Columns } from '../../../shared/domain/live/downsample';
import type { PowerHistory } from '../../../shared/domain/live/power-history';
import { BlockPool, Ring } from './history-ring';

/**
 * How far back the history reaches per installation, in readings at the controllers' 10 s
 * feedback cadence: one hour, kept by time whatever the cadence. The last 15 minutes
 * (FULL_RESOLUTION_MS) are kept as received, at most FULL_RESOLUTION_READINGS of them; older
 * readings as each minute's minimum and maximum (two rows a minute, and how many readings each
 * minute held), so the chart keeps every peak of the hour in bounded memory. Both parts go by
 * time: sized in readings, they reached as far as the chart note said only at 10 s (feedback
 * every 2 s kept 3 minutes as received and 48 in all, while the note said 15 and 60).
 *
 * Memory bound: a reading as received is 8 bytes of receipt time (Float64) + 5 values × 4 bytes
 * (Float32) = 28 bytes; a minute is two rows of 8 + 6 × 4 = 32 bytes. Rings grow in blocks (15
 * readings, 16 minute rows) cut from shared slabs, so memory follows the data received: at 10 s,
 * 90 readings and 45 minutes, 10,000 installations measured 76 MiB of RSS (as before the tiers
 * went by time; with an array pair per installation that doubled as it filled, 164 MiB). The most
 * one installation can take, feedback every second or faster, is 180 readings and 61 minutes:
 * about 10 KB, 96 MiB for 10,000 (test/live/history-memory.ts, and at 1 s). Float32 keeps 7
 * significant digits (0.0625 W at 1 MW): plenty for a chart; the live value shown as a number
 * keeps full precision in LiveValues.
 */
export const HISTORY_CAPACITY = 360;
/** How long readings are kept as received: the README promises the last 15 minutes. */
export const FULL_RESOLUTION_MS = 15 * 60_000;
/**
 * Readings kept as received at most: 15 minutes at one every 5 s (the 10 s feedback and an answer
 * to a command every 10 s). Faster feedback keeps its last 180 as received, the rest as minutes.
 */
export const FULL_RESOLUTION_READINGS = 180;
/** Older readings are folded into buckets of this length (each kept as its minimum and maximum). */
export const COARSE_BUCKET_MS = 60_000;
/** The cadence the capacity is counted in: controllers report feedback every 10 s. */
const CADENCE_MS = 10_000;
/** Ring growth steps: readings as received, and minute rows (two per minute). */
const FINE_BLOCK = 15;
const COARSE_BLOCK = 16;

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
    const { fine, tiers } = this;
    if (tiers.coarseLimit === 0) {
      // One tier: the push overwrites the oldest reading of a full ring.
      if (fine.full) this.dropped += 1;
      fine.push(at, row);
      return;
    }
    // Receipt times never go back (the ring keeps them in order): a clock stepped back is the last time.
    const newest = fine.size > 0 ? Math.max(at, fine.time(fine.size - 1)) : at;
    // Age out before pushing, so the rings never grow past what the reach and 15 minutes need.
    this.dropOlderThan(newest - tiers.reachMs);
    while (fine.size > 0 && fine.time(0) <= newest - tiers.fullMs) this.foldOldest();
    if (fine.full) this.foldOldest();
    this.dropOlderThan(newest - tiers.reachMs);
    fine.push(at, row);
  }

  /** Moves the oldest reading as received into its minute's min/max pair. */
  private foldOldest(): void {
    const { fine } = this;
    this.fold(fine.time(0), (s) => fine.value(0, s));
    fine.shift();
  }

  /** Drops the minutes that begin before `from`, so the history reaches back as far as promised. */
  private dropOlderThan(from: number): void {
    const { coarse } = this;
    if (coarse === undefined) return;
    while (coarse.size >= 2 && minuteStart(coarse.time(0)) < from) {
      this.dropped += coarse.value(0, COUNT);
      coarse.shift(2);
    }
  }

  /** Folds a reading into its minute's min/max pair (a new pair for a new minute). */
  private fold(at: number, value: (s: number) => number): void {
    const coarse = (this.coarse ??= new Ring(this.tiers.coarsePool, this.tiers.coarseLimit));
    const n = coarse.size;
    if (n >= 2 && minuteStart(coarse.time(n - 2)) === minuteStart(at)) {
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
    // A new minute; should the minute tier be full (it holds the hour's), its oldest minute goes.
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
    const c = coarse.columns(this.fromCoarse(since), WIDTH);
    return {
      length: c.length + f.length,
      seriesCount: WIDTH,
      time: (i) => (i < c.length ? c.time(i) : f.time(i - c.length)),
      value: (s, i) => (i < c.length ? c.value(s, i) : f.value(s, i - c.length)),
    };
  }

  /**
   * How many readings were received at or after `since` (all when undefined): a minute counts
   * the readings it folded, not its two rows. A window that starts at a minute's maximum row
   * counts that row as one reading.
   */
  received(since: number | undefined): number {
    const { fine, coarse } = this;
    const fromFine = since === undefined ? 0 : fine.firstAtOrAfter(since);
    let count = fine.size - fromFine;
    if (coarse === undefined || coarse.size === 0 || fromFine > 0) return count;
    const from = this.fromCoarse(since);
    // Minute pairs start at even rows; their count is on the first row, 0 on the second.
    if (from % 2 === 1) count += 1;
    for (let i = from; i < coarse.size; i++) count += coarse.value(i, COUNT);
    return count;
  }

  private fromCoarse(since: number | undefined): number {
    return since === undefined || this.coarse === undefined ? 0 : this.coarse.firstAtOrAfter(since);
  }

  get oldestAt(): number | null {
    if (this.coarse !== undefined && this.coarse.size > 0) return this.coarse.time(0);
    return this.fine.size > 0 ? this.fine.time(0) : null;
  }

  /** Where readings as received begin, once older ones were folded into minutes; else null. */
  get fullResolutionFrom(): number | null {
    return this.coarse !== undefined && this.coarse.size > 0 && this.fine.size > 0 ? this.fine.time(0) : null;
  }
}

const minuteStart = (at: number): number => Math.floor(at / COARSE_BUCKET_MS) * COARSE_BUCKET_MS;

/** The tier sizes and the slabs their rings draw from, shared by every installation. */
type Tiers = {
  /** Readings kept as received at most. */
  full: number;
  /** How long a reading stays as received (Infinity: one tier). */
  fullMs: number;
  /** How far back the history reaches (Infinity: one tier, as far as `full` readings go). */
  reachMs: number;
  /** Rows of the minute tier at most (two a minute); 0: one tier, no minutes. */
  coarseLimit: number;
  finePool: BlockPool;
  coarsePool: BlockPool;
};

/** Bounded recent feedback for every installation that sent some (see HISTORY_CAPACITY). */
export class FeedbackHistory {
  private readonly histories = new Map<string, InstallationHistory>();
  private readonly tiers: Tiers;

  /**
   * `capacity`: how far back the history reaches, in readings at 10 s (one hour by default);
   * `full`: how many readings at most are kept as received. When `full` is the capacity there is
   * no minute tier: a plain ring of the last `capacity` readings, whatever their times.
   */
  constructor(
    readonly capacity = HISTORY_CAPACITY,
    full = Math.min(capacity, FULL_RESOLUTION_READINGS),
  ) {
    const tiered = full < capacity;
    const reachMs = tiered ? capacity * CADENCE_MS : Infinity;
    // Minutes that begin within the reach: one per minute of it, and the one it starts in.
    const coarseLimit = tiered ? 2 * (Math.ceil(reachMs / COARSE_BUCKET_MS) + 1) : 0;
    this.tiers = {
      full,
      fullMs: tiered ? Math.min(FULL_RESOLUTION_MS, reachMs) : Infinity,
      reachMs,
      coarseLimit,
      finePool: new BlockPool(Math.min(FINE_BLOCK, full), WIDTH),
      coarsePool: new BlockPool(COARSE_BLOCK, WIDTH + 1),
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
      // Readings received in the window, each minute's counted in full (not its two rows).
      readings: history?.received(sinceMs) ?? 0,
      capacity: this.capacity,
      dropped: history?.dropped ?? 0,
      oldestAt: history?.oldestAt ?? null,
      fullResolutionFrom: history?.fullResolutionFrom ?? null,
    };
  }
}
