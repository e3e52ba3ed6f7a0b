/**
 * What the site does on its own: sunshine on the panels and the household's consumption. Kept behind an
 * interface so model tests can use constant values and reason about exact numbers.
 */
export interface Environment {
  /** PV power the panels could produce right now, before any curtailment (W). */
  pvAvailableW(tMs: number): number;
  /** Household consumption without the controllable EV and HVAC loads (W). */
  householdLoadW(tMs: number): number;
  /** Local hour of day, 0..24 (fractional). */
  localHour(tMs: number): number;
}

/** Parameters of the default daily curves. */
export interface CurveParams {
  peakW: number;
  cloudFactor: number;
  baseLoadW: number;
  /** Fixed UTC offset of the site; a constant +1 h approximates Europe/Brussels without per-tick Intl calls. */
  utcOffsetH?: number;
}

const HOUR_MS = 3_600_000;
const SUNRISE_H = 6;
const SUNSET_H = 20;

/** Local hour of day for a fixed UTC offset. */
export function localHourOf(tMs: number, utcOffsetH: number): number {
  const h = ((tMs + utcOffsetH * HOUR_MS) % (24 * HOUR_MS)) / HOUR_MS;
  return h < 0 ? h + 24 : h;
}

/** Daylight sine: zero at night, peak at solar noon (13:00 local). */
export function pvCurve(hour: number, peakW: number): number {
  if (hour <= SUNRISE_H || hour >= SUNSET_H) return 0;
  return peakW * Math.sin((Math.PI * (hour - SUNRISE_H)) / (SUNSET_H - SUNRISE_H));
}

/** Base load with a morning bump and a larger evening peak. */
export function loadCurve(hour: number, baseLoadW: number): number {
  return baseLoadW * (1 + 0.8 * bump(hour, 7.5, 1) + 1.6 * bump(hour, 19, 1.8));
}

/** Gaussian bump around `centre` hours (module level: this runs 10,000 times a second). */
function bump(hour: number, centre: number, width: number): number {
  return Math.exp(-(((hour - centre) / width) ** 2) / 2);
}

/** The default environment built from the daily curves. */
export function defaultEnvironment(params: CurveParams): Environment {
  const offset = params.utcOffsetH ?? 1;
  return {
    pvAvailableW: (t) => pvCurve(localHourOf(t, offset), params.peakW * params.cloudFactor),
    householdLoadW: (t) => loadCurve(localHourOf(t, offset), params.baseLoadW),
    localHour: (t) => localHourOf(t, offset),
  };
}

/** An environment with constant PV and load, for tests. */
export function constantEnvironment(pvW: number, loadW: number, hour = 12): Environment {
  return { pvAvailableW: () => pvW, householdLoadW: () => loadW, localHour: () => hour };
}
