/** Small numeric helpers shared by the benchmarks. */

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** Nearest-rank percentile of an ascending array (0 for an empty one). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}

export type LatencySummary = {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
};

export function summarize(values: number[], digits = 2): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    p50: round(percentile(sorted, 0.5), digits),
    p90: round(percentile(sorted, 0.9), digits),
    p99: round(percentile(sorted, 0.99), digits),
    max: round(sorted.at(-1) ?? 0, digits),
    mean: round(sorted.length ? sum / sorted.length : 0, digits),
    samples: sorted.length,
  };
}

/** Writes a progress line for humans; stdout is reserved for the JSON result. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
