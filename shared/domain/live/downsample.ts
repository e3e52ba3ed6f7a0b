/**
 * Column-oriented readings, read through accessors so a ring buffer of typed arrays can be
 * downsampled in place, without copying it into arrays first.
 */
export interface Columns {
  readonly length: number;
  readonly seriesCount: number;
  /** Time of reading `i`; non-decreasing in `i`. */
  time(i: number): number;
  /** Value of `series` at reading `i`; NaN (any non-finite number) when there is none. */
  value(series: number, i: number): number;
}

export interface Downsampled {
  times: number[];
  /** One array per series, aligned with `times`; null where there was no value. */
  series: Array<Array<number | null>>;
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Reduces readings to at most `maxPoints` rows for a chart `maxPoints` pixels wide, keeping every
 * peak: time is cut into `maxPoints / 2` equal buckets, and each bucket gives two rows (its first and
 * last time) that carry, per series, that bucket's minimum and maximum in the order they occurred.
 * A spike one reading wide therefore survives any zoom level, which averaging or picking every n-th
 * reading would hide. Input that already fits is returned as is. Pure; never throws for n ≥ 0.
 */
export function downsampleMinMax(cols: Columns, maxPoints: number): Downsampled {
  const n = cols.length;
  const out: Downsampled = { times: [], series: Array.from({ length: cols.seriesCount }, () => []) };
  if (n <= Math.max(maxPoints, 2)) {
    for (let i = 0; i < n; i++) pushRow(out, cols, i, (s) => cols.value(s, i));
    return out;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const t0 = cols.time(0);
  const span = cols.time(n - 1) - t0;
  // A zero span (all readings at one instant) or a broken clock falls back to equal counts per bucket.
  const bucketOf = (i: number): number => {
    const share = span > 0 ? (cols.time(i) - t0) / span : i / n;
    return Math.min(buckets - 1, Math.max(0, Math.floor(share * buckets)));
  };
  let start = 0;
  while (start < n) {
    const b = bucketOf(start);
    let end = start + 1;
    while (end < n && bucketOf(end) === b) end++;
    emitBucket(out, cols, start, end);
    start = end;
  }
  return out;
}

function emitBucket(out: Downsampled, cols: Columns, start: number, end: number): void {
  if (end - start === 1) {
    pushRow(out, cols, start, (s) => cols.value(s, start));
    return;
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let s = 0; s < cols.seriesCount; s++) {
    let min = NaN;
    let max = NaN;
    let minAt = -1;
    let maxAt = -1;
    for (let i = start; i < end; i++) {
      const v = cols.value(s, i);
      if (!Number.isFinite(v)) continue;
      if (minAt < 0 || v < min) [min, minAt] = [v, i];
      if (maxAt < 0 || v > max) [max, maxAt] = [v, i];
    }
    // Whichever extreme came first in time goes in the bucket's first row.
    const minFirst = minAt <= maxAt;
    first.push(minFirst ? min : max);
    second.push(minFirst ? max : min);
  }
  pushRow(out, cols, start, (s) => first[s] as number);
  pushRow(out, cols, end - 1, (s) => second[s] as number);
}

function pushRow(out: Downsampled, cols: Columns, i: number, valueOf: (series: number) => number): void {
  out.times.push(cols.time(i));
  out.series.forEach((column, s) => column.push(orNull(valueOf(s))));
}
