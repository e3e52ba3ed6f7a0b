import dayjs from 'dayjs';
import type uPlot from 'uplot';
import type { PowerHistory } from '../../../../shared/domain/live/power-history';

/** The series as drawn: powers in kW on the left axis, SoC in % on the right. */
export const SERIES = [
  { key: 'storageW', label: 'Battery kW (+ discharge)', scale: 'kW', kilo: true, color: '#12b886' },
  { key: 'solarW', label: 'Solar kW', scale: 'kW', kilo: true, color: '#f59f00' },
  { key: 'gridW', label: 'Grid kW (+ import)', scale: 'kW', kilo: true, color: '#4c6ef5' },
  { key: 'socPct', label: 'SoC %', scale: '%', kilo: false, color: '#868e96' },
] as const;

const toKw = (w: number | null): number | null => (w === null ? null : w / 1000);

/**
 * A pause between two points longer than this, and than GAP_INTERVALS of the usual interval
 * between points, is an outage: drawn as a break, not as a straight line across it that looks like
 * feedback. Two minutes: the minute tier's points are up to about a minute apart.
 */
export const GAP_MIN_MS = 2 * 60_000;
const GAP_INTERVALS = 3;

/**
 * History columns to uPlot's aligned data: x in Unix seconds (uPlot's time unit), then each series.
 * A point without values goes in each pause in feedback (see GAP_MIN_MS), where uPlot breaks the lines.
 */
export function chartData(h: PowerHistory): uPlot.AlignedData {
  const columns = SERIES.map((s) => (s.kilo ? h[s.key].map(toKw) : h[s.key]));
  const gapMs = Math.max(GAP_MIN_MS, GAP_INTERVALS * medianInterval(h.times));
  const xs: number[] = [];
  const ys: Array<Array<number | null>> = columns.map(() => []);
  h.times.forEach((t, i) => {
    const before = h.times[i - 1];
    if (before !== undefined && t - before > gapMs) {
      xs.push((before + t) / 2000);
      ys.forEach((y) => y.push(null));
    }
    xs.push(t / 1000);
    ys.forEach((y, s) => y.push(columns[s]![i] ?? null));
  });
  return [xs, ...ys];
}

/** The median time between consecutive points (0 for fewer than two). */
function medianInterval(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** The history holds about an hour (360 readings every 10 s): the chart always spans at least that. */
export const WINDOW_S = 60 * 60;

/**
 * The x window in Unix seconds: the hour up to the newest reading, or all readings when they reach
 * further back; the hour up to now without any. `min`/`max` are the data's bounds, null when none.
 */
export function xWindow(min: number | null, max: number | null, nowS: number): [number, number] {
  const end = max ?? nowS;
  return [Math.min(min ?? end, end - WINDOW_S), end];
}

/**
 * The x scale's range as uPlot asks for it. uPlot's own auto range turns a single point into
 * [t, t + 86,400 / 1e-3 s], about 2.7 years (it adds a day in milliseconds to seconds): that was
 * the multi-year axis after a restart. So whenever uPlot offers its auto range (the data's bounds,
 * or that single-point span) we answer with xWindow; any other range is the operator's drag-zoom,
 * kept as asked.
 */
export function xRange(xs: ArrayLike<number>, initMin: number | null, initMax: number | null, nowS: number) {
  const n = xs.length;
  if (n === 0 || initMin === null || initMax === null) return xWindow(null, null, nowS);
  const first = xs[0]!;
  const last = xs[n - 1]!;
  const auto = initMin === first && (initMax === last || first === last);
  return auto ? xWindow(first, last, nowS) : ([initMin, initMax] as [number, number]);
}

/**
 * One line per x tick: uPlot's default adds a date line under the first tick, which overlapped the
 * next label. The window is about an hour, so the time alone is unambiguous; seconds only when a
 * tick falls between minutes.
 */
export function xTickLabels(ticksS: readonly number[]): string[] {
  return ticksS.map((t) => dayjs(t * 1000).format(t % 60 === 0 ? 'HH:mm' : 'HH:mm:ss'));
}

/** Chart colours for the Mantine colour scheme: axis text and grid lines that read on either. */
function axisColors(scheme: 'light' | 'dark') {
  return scheme === 'dark'
    ? { stroke: '#c1c2c5', grid: 'rgba(255,255,255,0.08)' }
    : { stroke: '#495057', grid: 'rgba(0,0,0,0.08)' };
}

/** uPlot options for one chart size and colour scheme. */
export function chartOptions(width: number, height: number, scheme: 'light' | 'dark'): uPlot.Options {
  const { stroke, grid } = axisColors(scheme);
  const axis = { stroke, grid: { stroke: grid }, ticks: { stroke: grid } };
  return {
    width,
    height,
    scales: {
      x: {
        time: true,
        range: (u, min, max) => xRange(u.data[0], min, max, Date.now() / 1000),
      },
      '%': { range: [0, 100] },
    },
    series: [
      {},
      ...SERIES.map((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: s.color,
        width: 1.5,
        ...(s.scale === '%' && { dash: [6, 4] }),
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : v.toFixed(s.kilo ? 2 : 1)),
      })),
    ],
    axes: [
      { ...axis, values: (_u, ticks) => xTickLabels(ticks) },
      { ...axis, scale: 'kW', label: 'kW', values: (_u, ticks) => ticks.map((t) => `${t}`) },
      { ...axis, scale: '%', label: 'SoC %', side: 1, grid: { show: false } },
    ],
  };
}

/** The unit of PowerHistory `capacity`: readings at the controllers' default 10 s feedback cadence. */
const CAPACITY_CADENCE_S = 10;

/**
 * What the operator should know about what the chart leaves out ("nothing cut without a marker").
 * `readings` counts the readings received in the window, a minute's all included, not the rows
 * kept; the reach is a time (the core keeps the hour whatever the feedback cadence).
 */
export function coverageNote(h: PowerHistory): string {
  const parts = [`${h.readings} reading${h.readings === 1 ? '' : 's'} received`];
  if (h.times.length < h.readings) parts.push(`drawn as ${h.times.length} points (peaks kept)`);
  if (h.fullResolutionFrom !== null)
    parts.push(`before ${dayjs(h.fullResolutionFrom).format('HH:mm')} as each minute's min and max`);
  if (h.dropped > 0) {
    const reachMin = Math.round((h.capacity * CAPACITY_CADENCE_S) / 60);
    parts.push(`the history reaches ${reachMin} min back, older readings were dropped`);
  }
  return parts.join(' · ');
}
