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

/** History columns to uPlot's aligned data: x in Unix seconds (uPlot's time unit), then each series. */
export function chartData(h: PowerHistory): uPlot.AlignedData {
  return [h.times.map((t) => t / 1000), ...SERIES.map((s) => (s.kilo ? h[s.key].map(toKw) : h[s.key]))];
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
    scales: { x: { time: true }, '%': { range: [0, 100] } },
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
      axis,
      { ...axis, scale: 'kW', label: 'kW', values: (_u, ticks) => ticks.map((t) => `${t}`) },
      { ...axis, scale: '%', label: 'SoC %', side: 1, grid: { show: false } },
    ],
  };
}

/** What the operator should know about what the chart leaves out ("nothing cut without a marker"). */
export function coverageNote(h: PowerHistory): string {
  const parts = [`${h.readings} reading${h.readings === 1 ? '' : 's'}`];
  if (h.times.length < h.readings) parts.push(`drawn as ${h.times.length} points (min/max per pixel)`);
  if (h.fullResolutionFrom !== null)
    parts.push(`before ${dayjs(h.fullResolutionFrom).format('HH:mm')} as each minute's min and max`);
  if (h.dropped > 0)
    parts.push(
      `the history reaches ${Math.round((h.capacity * 10) / 60)} min back, older readings were dropped`,
    );
  return parts.join(' · ');
}
