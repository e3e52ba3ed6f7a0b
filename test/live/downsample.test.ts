import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax, type Columns } from '../../shared/domain/live/downsample';

/** Columns over plain arrays; null becomes NaN as in the history's typed arrays. */
function columns(times: number[], series: Array<Array<number | null>>): Columns {
  return {
    length: times.length,
    seriesCount: series.length,
    time: (i) => times[i]!,
    value: (s, i) => series[s]![i] ?? NaN,
  };
}

describe('downsampleMinMax', () => {
  it('returns input that fits unchanged, with missing values as null', () => {
    const out = downsampleMinMax(columns([1, 2, 3], [[5, null, 7]]), 10);
    expect(out).toEqual({ times: [1, 2, 3], series: [[5, null, 7]] });
  });

  it('keeps a one-reading spike among 10,000 flat readings in 100 points', () => {
    const times = Array.from({ length: 10_000 }, (_, i) => i * 10_000);
    const flat = times.map(() => 1000);
    flat[4321] = 9000;
    flat[8765] = -7000;
    const out = downsampleMinMax(columns(times, [flat]), 100);
    expect(out.times.length).toBeLessThanOrEqual(100);
    expect(Math.max(...(out.series[0] as number[]))).toBe(9000);
    expect(Math.min(...(out.series[0] as number[]))).toBe(-7000);
  });

  it('orders each bucket’s extremes as they happened and keeps times ascending', () => {
    // One bucket: the maximum comes before the minimum.
    const out = downsampleMinMax(columns([0, 1, 2, 3, 4], [[1, 9, 5, -3, 2]]), 2);
    expect(out).toEqual({ times: [0, 4], series: [[9, -3]] });
  });

  it('gives null for a series with no value in a bucket, leaving the others', () => {
    const out = downsampleMinMax(
      columns(
        [0, 1, 2, 3],
        [
          [null, null, null, null],
          [4, 1, 8, 2],
        ],
      ),
      2,
    );
    expect(out.series).toEqual([
      [null, null],
      [1, 8],
    ]);
  });

  it('for any input: at most maxPoints rows, ascending times, every series’ extremes kept', () => {
    const value = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), value, value), { maxLength: 600 }),
        fc.integer({ min: 2, max: 300 }),
        (rows, maxPoints) => {
          let t = 0;
          const times = rows.map(([dt]) => (t += dt));
          const a = rows.map((r) => r[1]);
          const b = rows.map((r) => r[2]);
          const out = downsampleMinMax(columns(times, [a, b]), maxPoints);
          expect(out.times.length).toBeLessThanOrEqual(Math.max(maxPoints, 2));
          for (let i = 1; i < out.times.length; i++)
            expect(out.times[i]!).toBeGreaterThanOrEqual(out.times[i - 1]!);
          [a, b].forEach((input, s) => {
            const present = input.filter((v): v is number => v !== null);
            const kept = out.series[s]!.filter((v): v is number => v !== null);
            expect(kept.length > 0).toBe(present.length > 0);
            if (present.length === 0) return;
            expect(Math.max(...kept)).toBe(Math.max(...present));
            expect(Math.min(...kept)).toBe(Math.min(...present));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
