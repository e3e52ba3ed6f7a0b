import type { Columns } from '../../../shared/domain/live/downsample';

/**
 * Readings per slab, whatever the block size: 23,040 readings of 28 bytes = 630 KB, large enough
 * that malloc maps it on its own.
 */
const SLAB_READINGS = 23_040;

/**
 * Fixed-size blocks of readings (a Float64 time and `width` Float32 values each) cut from large
 * slabs, so an installation's history costs no typed arrays of its own. Blocks are never given
 * back: a history keeps every installation that ever reported (there is no removal), so a freed
 * block would have no taker.
 */
export class BlockPool {
  readonly times: Float64Array[] = [];
  readonly values: Float32Array[] = [];
  /** Blocks cut from one slab. */
  readonly slabBlocks: number;
  private count = 0;

  constructor(
    readonly blockSize: number,
    readonly width: number,
  ) {
    this.slabBlocks = Math.max(1, Math.floor(SLAB_READINGS / blockSize));
  }

  /** A new block's id: slab `id / slabBlocks`, block `id % slabBlocks` within it. */
  take(): number {
    const id = this.count++;
    if (id % this.slabBlocks === 0) {
      const readings = this.slabBlocks * this.blockSize;
      // Times first (8-byte aligned), then the values, in one buffer per slab.
      const buffer = new ArrayBuffer(readings * (8 + this.width * 4));
      this.times.push(new Float64Array(buffer, 0, readings));
      this.values.push(new Float32Array(buffer, readings * 8, readings * this.width));
    }
    return id;
  }
}

/**
 * A ring of one installation's readings that grows block by block up to `limit`, then overwrites
 * the oldest; `shift` drops the oldest ahead of that (readings that aged out). Physical slot `p` is
 * reading `p % blockSize` of the ring's block `p / blockSize`.
 */
export class Ring {
  private readonly blocks: number[] = [];
  capacity = 0;
  /** Next slot to write. */
  head = 0;
  size = 0;
  dropped = 0;

  constructor(
    private readonly pool: BlockPool,
    readonly limit: number,
  ) {
    this.addBlock();
  }

  /** True when the next push overwrites the oldest reading. */
  get full(): boolean {
    return this.size === this.limit;
  }

  /**
   * Takes one more block (up to the limit), appended after the slots in use: a full ring whose
   * oldest reading is not in slot 0 (readings were shifted out) is first put back in order.
   */
  private addBlock(): void {
    if (this.size > 0 && this.head !== 0) this.unwrap();
    this.blocks.push(this.pool.take());
    this.head = this.capacity;
    this.capacity = Math.min(this.capacity + this.pool.blockSize, this.limit);
  }

  /** Rewrites a full ring oldest-first from slot 0 (at most once per block it grows by). */
  private unwrap(): void {
    const { width } = this.pool;
    const times = Float64Array.from({ length: this.size }, (_, i) => this.time(i));
    const values = new Float32Array(this.size * width);
    for (let i = 0; i < this.size; i++)
      for (let s = 0; s < width; s++) values[i * width + s] = this.value(i, s);
    for (let p = 0; p < this.size; p++) {
      const { slab, at } = this.locate(p);
      this.pool.times[slab]![at] = times[p]!;
      this.pool.values[slab]!.set(values.subarray(p * width, (p + 1) * width), at * width);
    }
    this.head = 0;
  }

  /** Slab and index within it of physical slot `slot`. */
  private locate(slot: number): { slab: number; at: number } {
    const size = this.pool.blockSize;
    const id = this.blocks[Math.floor(slot / size)]!;
    const { slabBlocks } = this.pool;
    return { slab: Math.floor(id / slabBlocks), at: (id % slabBlocks) * size + (slot % size) };
  }

  private timeAt(slot: number): number {
    const { slab, at } = this.locate(slot);
    return this.pool.times[slab]![at]!;
  }

  private valueAt(slot: number, s: number): number {
    const { slab, at } = this.locate(slot);
    return this.pool.values[slab]![at * this.pool.width + s]!;
  }

  push(at: number, row: ArrayLike<number | null>): void {
    if (this.size === this.capacity && this.capacity < this.limit) this.addBlock();
    // Receipt times only grow: the chart and the `since` search need ordered times, and a wall
    // clock stepped back (NTP) must not reorder the history.
    const last = this.size > 0 ? this.timeAt((this.head - 1 + this.capacity) % this.capacity) : -Infinity;
    if (this.size === this.capacity) this.dropped += 1;
    else this.size += 1;
    const { slab, at: index } = this.locate(this.head);
    this.pool.times[slab]![index] = Math.max(at, last);
    const values = this.pool.values[slab]!;
    const width = this.pool.width;
    for (let s = 0; s < width; s++) values[index * width + s] = row[s] ?? NaN;
    this.head = (this.head + 1) % this.capacity;
  }

  /** Drops the `count` oldest readings. */
  shift(count = 1): void {
    this.size -= Math.min(count, this.size);
  }

  /** Physical slot of logical reading `i` (0 = oldest kept). */
  slot(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  time(i: number): number {
    return this.timeAt(this.slot(i));
  }

  /** Value of series `s` at logical reading `i` (NaN: none). */
  value(i: number, s: number): number {
    return this.valueAt(this.slot(i), s);
  }

  /** Overwrites series `s` of logical reading `i` in place. */
  setValue(i: number, s: number, v: number): void {
    const { slab, at } = this.locate(this.slot(i));
    this.pool.values[slab]![at * this.pool.width + s] = v;
  }

  /** Moves logical reading `i` to a later time; only the newest, so times stay non-decreasing. */
  setTime(i: number, t: number): void {
    const { slab, at } = this.locate(this.slot(i));
    this.pool.times[slab]![at] = t;
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

  /** Logical readings `from`…end as columns (the first `seriesCount` series), read in place. */
  columns(from: number, seriesCount = this.pool.width): Columns {
    return {
      length: this.size - from,
      seriesCount,
      time: (i) => this.time(from + i),
      value: (s, i) => this.valueAt(this.slot(from + i), s),
    };
  }
}
