/**
 * QA: after a restart, one reading made uPlot's time axis span Jan 2027 to Jul 2029, and the first
 * x label overlapped the date line under it. The chart model now fixes the x window to at least the
 * last hour, whatever the reading count, and labels each tick on one line.
 */
import dayjs from 'dayjs';
import type uPlot from 'uplot';
import { describe, expect, it, vi } from 'vitest';
import type { PowerHistory } from '../../shared/domain/live/power-history';
import {
  chartData,
  chartOptions,
  WINDOW_S,
  xRange,
  xTickLabels,
} from '../../renderer/src/features/installation/power-chart-model';
import { emptyHistory } from './fake-live';
import { fakeCanvas } from './fake-canvas';

const T0 = Date.UTC(2026, 10, 28, 9, 30, 0);
const NOW_S = T0 / 1000 + 120;

const withTimes = (times: number[]): PowerHistory => ({
  ...emptyHistory('SG1-000001'),
  times,
  storageW: times.map(() => 2000),
  socPct: times.map(() => 50),
  solarW: times.map(() => 0),
  gridW: times.map(() => 100),
  responseCode: times.map(() => 0),
  readings: times.length,
  oldestAt: times[0] ?? null,
});

/**
 * The x range for this history: the options' range function fed what uPlot's auto range passes it
 * (the data's bounds; for a single point uPlot's own span of 86,400,000 s, the years on the axis).
 */
function xRangeOf(h: PowerHistory): [number, number] {
  const xs = chartData(h)[0] as number[];
  const range = chartOptions(600, 260, 'light').scales?.x?.range;
  if (typeof range !== 'function') throw new Error('the x scale has no range function');
  const min = xs.length === 0 ? null : xs[0]!;
  const max = xs.length === 0 ? null : xs.length === 1 ? xs[0]! + 86_400_000 : xs[xs.length - 1]!;
  return range({ data: [xs] } as unknown as uPlot, min as number, max as number, 'x') as [number, number];
}

describe('power chart x window', () => {
  it('shows the last hour up to the only reading, not years', () => {
    const [from, to] = xRangeOf(withTimes([T0]));
    expect(to).toBe(T0 / 1000);
    expect(to - from).toBe(WINDOW_S);
  });

  it('shows the last hour with two readings a few seconds apart', () => {
    const [from, to] = xRangeOf(withTimes([T0, T0 + 10_000]));
    expect(to).toBe(T0 / 1000 + 10);
    expect(to - from).toBe(WINDOW_S);
  });

  it('shows the hour up to now when there is no reading', () => {
    const realNow = Date.now;
    Date.now = () => NOW_S * 1000;
    try {
      expect(xRangeOf(withTimes([]))).toEqual([NOW_S - WINDOW_S, NOW_S]);
    } finally {
      Date.now = realNow;
    }
  });

  it('shows every reading when the history reaches back further than an hour', () => {
    const first = T0 - 3 * 3600_000;
    expect(xRangeOf(withTimes([first, T0]))).toEqual([first / 1000, T0 / 1000]);
  });

  it("keeps the operator's drag-zoom", () => {
    const xs = [T0 / 1000, T0 / 1000 + 10, T0 / 1000 + 20];
    expect(xRange(xs, T0 / 1000 + 5, T0 / 1000 + 15, NOW_S)).toEqual([T0 / 1000 + 5, T0 / 1000 + 15]);
  });

  it('labels each tick on one line (no date line to overlap the next label)', () => {
    const ticks = [T0 / 1000, T0 / 1000 + 600, T0 / 1000 + 615];
    const labels = xTickLabels(ticks);
    expect(labels).toEqual([
      dayjs(T0).format('HH:mm'),
      dayjs(T0 + 600_000).format('HH:mm'),
      dayjs(T0 + 615_000).format('HH:mm:ss'),
    ]);
    expect(labels.every((l) => !l.includes('\n'))).toBe(true);
    const xAxis = chartOptions(600, 260, 'light').axes?.[0];
    expect(typeof xAxis?.values).toBe('function');
  });
});

describe('power chart x window, as uPlot draws it', () => {
  it('spans an hour for one reading (it spanned years)', async () => {
    const { default: UPlot } = await import('uplot');
    fakeCanvas();
    try {
      const u = new UPlot(
        chartOptions(600, 260, 'light'),
        chartData(withTimes([T0])),
        document.createElement('div'),
      );
      // uPlot ranges its scales in a microtask after construction.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const { min, max } = u.scales.x!;
      expect(max! - min!).toBe(WINDOW_S);
      u.destroy();
    } finally {
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    }
  });
});
