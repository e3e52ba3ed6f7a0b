import type { FeedbackValues } from '../../../shared/protocol/profile';
import { downsampleMinMax, type Columns } from '../../../shared/domain/live/downsample';
import type { PowerHistory } from '../../../shared/domain/live/power-history';

/**
 * Readings kept per installation: one hour at the controllers' 10 s feedback cadence (less time
 * if one reports faster; the answer says how many were dropped).
 *
 * Memory bound: a reading is 8 bytes of receipt time (Float64) + 5 values × 4 bytes (Float32) =
 * 28 bytes, so a full history is 360 × 28 = 10,080 bytes per installation. A ring starts with one
 * block of BLOCK readings and takes another as it fills, so memory follows the data actually
 * received. Blocks come from shared slabs (BlockPool), never copied into a bigger array: with an
 * array pair per installation that doubled as it filled, 10,000 full histories fed as a fleet
 * feeds them (every installation in turn) measured 164 MiB of RSS for 96 MiB of readings (the
 * outgrown arrays stay behind as freed heap, and every installation has typed arrays of its own);
 * in slabs, 117 MiB (test/live/history-memory.ts). Two hours (720, doubling arrays) measured
 * 212 MiB for 10,000 installations, too close to the core's 250 MB budget; one hour is half the
 * readings. Float32 keeps 7 significant digits (0.0625 W at 1 MW): plenty for a chart; the live
 * value shown as a number keeps full precision in LiveValues.
 */
export const HISTORY_CAPACITY = 360;
/** One block of readings: 15 minutes at 10 s, so a fleet that just connected costs little. */
const BLOCK = 90;
/** Blocks per slab: 256 × 90 readings = 630 KB, large enough that malloc maps it on its own. */
const SLAB_BLOCKS = 256;

/** The series in the order they are stored and downsampled. */
const SERIES = ['storageW', 'socPct', 'solarW', 'gridW', 'responseCode'] as const;
const WIDTH = SERIES.length;

/** One stored reading, as read back (values at Float32 precision). */
export type HistoryReading = { at: number } & Record<(typeof SERIES)[number], number | null>;

/**
 * Fixed-size blocks of readings cut from large slabs, so an installation's history costs no
 * typed arrays of its own. Blocks are never given back: a history keeps every installation that
 * ever reported (there is no removal), so a freed block would have no taker.
 */
class BlockPool {
  readonly times: Float64Array[] = [];
  readonly values: Float32Array[] = [];
  private count = 0;

  constructor(readonly blockSize: number) {}

  /** A new block's id: slab `id / SLAB_BLOCKS`, block `id % SLAB_BLOCKS` within it. */
  take(): number {
    const id = this.count++;
    if (id % SLAB_BLOCKS === 0) {
      const readings = SLAB_BLOCKS * this.blockSize;
      // Times first (8-byte aligned), then the values, in one buffer per slab.
      const buffer = new ArrayBuffer(readings * (8 + WIDTH * 4));
      this.times.push(new Float64Array(buffer, 0, readings));
      this.values.push(new Float32Array(buffer, readings * 8, readings * WIDTH));
    }
    return id;
  }
}

/**
 * A ring of one installation's readings that grows block by block up to `limit`, then overwrites
 * the oldest. Physical slot `p` is reading `p % blockSize` of the ring's block `p / blockSize`.
 */
class Ring {
  private readonly blocks: number[] = [];
  capacity = 0;
  /** Next slot to write. */
  head = 0;
  size = 0;
  dropped = 0;

  constructor(
    private readonly pool: BlockPool,
    private readonly limit: number,
  ) {
    this.addBlock();
  }

  /** Takes one more block (up to the limit). Only while not yet wrapped, so slots stay in order. */
  private addBlock(): void {
    this.blocks.push(this.pool.take());
    this.head = this.capacity;
    this.capacity = Math.min(this.capacity + this.pool.blockSize, this.limit);
  }

  /** Slab and index within it of physical slot `slot`. */
  private locate(slot: number): { slab: number; at: number } {
    const size = this.pool.blockSize;
    const id = this.blocks[Math.floor(slot / size)]!;
    return { slab: Math.floor(id / SLAB_BLOCKS), at: (id % SLAB_BLOCKS) * size + (slot % size) };
  }

  private timeAt(slot: number): number {
    const { slab, at } = this.locate(slot);
    return this.pool.times[slab]![at]!;
  }

  private valueAt(slot: number, s: number): number {
    const { slab, at } = this.locate(slot);
    return this.pool.values[slab]![at * WIDTH + s]!;
  }

  push(at: number, row: ReadonlyArray<number | null>): void {
    if (this.size === this.capacity && this.capacity < this.limit) this.addBlock();
    // Receipt times only grow: the chart and the `since` search need ordered times, and a wall
    // clock stepped back (NTP) must not reorder the history.
    const last = this.size > 0 ? this.timeAt((this.head - 1 + this.capacity) % this.capacity) : -Infinity;
    if (this.size === this.capacity) this.dropped += 1;
    else this.size += 1;
    const { slab, at: index } = this.locate(this.head);
    this.pool.times[slab]![index] = Math.max(at, last);
    const values = this.pool.values[slab]!;
    for (let s = 0; s < WIDTH; s++) values[index * WIDTH + s] = row[s] ?? NaN;
    this.head = (this.head + 1) % this.capacity;
  }

  /** Physical slot of logical reading `i` (0 = oldest kept). */
  slot(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  time(i: number): number {
    return this.timeAt(this.slot(i));
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
      value: (s, i) => this.valueAt(this.slot(from + i), s),
    };
  }
}

/** Bounded recent feedback for every installation that sent some (see HISTORY_CAPACITY). */
export class FeedbackHistory {
  private readonly rings = new Map<string, Ring>();
  private readonly pool: BlockPool;

  constructor(readonly capacity = HISTORY_CAPACITY) {
    this.pool = new BlockPool(Math.min(BLOCK, capacity));
  }

  push(serial: string, at: number, values: FeedbackValues, responseCode: number | null): void {
    let ring = this.rings.get(serial);
    if (ring === undefined) {
      ring = new Ring(this.pool, this.capacity);
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
