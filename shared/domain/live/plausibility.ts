import type { Device } from '../inventory/installation';

/**
 * Power readings no installation of this fleet can produce: a garbled or foreign message, not a
 * measurement. Such a value is dropped (shown as "no value", kept out of the history) and the message
 * confirms nothing, so a 100 MW "battery" can neither fill the chart's axis nor pass for a command in
 * effect. The bounds are generous on purpose: refusing a real reading would leave a command waiting.
 */

/** Beyond this (1 MW) no home or small business site is believed, whatever its devices say. */
export const ABSOLUTE_POWER_BOUND_W = 1_000_000;

/**
 * A rated group may show up to twice its rating plus this: inverters overshoot for seconds, meters
 * are noisy, and a rating on the inventory can be a module's rather than the stack's.
 */
export const POWER_MARGIN_W = 5_000;
export const RATING_FACTOR = 2;

/** Per value, the largest magnitude believed (W). */
export type PowerBounds = { storageW: number; solarW: number; gridW: number };

/** The power values of a reading (control's reading has no grid); other values pass through untouched. */
type PowerReading = { storageW: number | null; solarW: number | null; gridW?: number | null };

/**
 * The group's summed rating, or null when it is not known: no device of the group, or one without a
 * nominal power (the sum would then understate the group and refuse real readings).
 */
function groupRatingW(devices: readonly Device[], type: 'storage' | 'solar'): number | null {
  const group = devices.filter((d) => d.type === type);
  if (group.length === 0) return null;
  let w = 0;
  for (const d of group) {
    if (typeof d.nominalPowerW !== 'number' || !Number.isFinite(d.nominalPowerW) || d.nominalPowerW === 0)
      return null;
    w += Math.abs(d.nominalPowerW);
  }
  return w;
}

const boundFor = (ratingW: number | null): number =>
  ratingW === null
    ? ABSOLUTE_POWER_BOUND_W
    : Math.min(ABSOLUTE_POWER_BOUND_W, RATING_FACTOR * ratingW + POWER_MARGIN_W);

/**
 * Bounds from the installation's devices. The grid keeps the absolute bound: it also carries the
 * household's own load, which no device on the inventory rates, so a device-derived bound would
 * refuse real readings of a large site.
 */
export function powerBounds(devices: readonly Device[] | undefined): PowerBounds {
  const list = devices ?? [];
  return {
    storageW: boundFor(groupRatingW(list, 'storage')),
    solarW: boundFor(groupRatingW(list, 'solar')),
    gridW: ABSOLUTE_POWER_BOUND_W,
  };
}

const LABELS: Record<keyof PowerBounds, string> = {
  storageW: 'storage power',
  solarW: 'solar power',
  gridW: 'grid power',
};

/**
 * The reading with every implausible power set to null, and one problem per value dropped. The
 * other values are kept: each is measured on its own, and a battery's SoC stays worth showing
 * even when its power reading is garbage.
 */
export function dropImplausible<T extends PowerReading>(
  reading: T,
  bounds: PowerBounds,
): { reading: T; problems: string[] } {
  const problems: string[] = [];
  let out = reading;
  for (const key of Object.keys(LABELS) as (keyof PowerBounds)[]) {
    const v = reading[key];
    if (v === null || v === undefined || Math.abs(v) <= bounds[key]) continue;
    problems.push(`${LABELS[key]} ${v} W is beyond the plausible ${bounds[key]} W`);
    out = { ...out, [key]: null };
  }
  return { reading: out, problems };
}
