import type { Environment } from './environment';
import type { EvPolicy, HvacPolicy, SolarPolicy, StoragePolicy } from './profile';
import type { ModelSpec } from './spec';

/** What the controller currently asks of each group (already resolved: live > schedule > local). */
export interface PhysicsControl {
  storage: { policy: StoragePolicy; setpointW?: number };
  solar: { policy: SolarPolicy; setpointW?: number };
  ev?: { policy: EvPolicy; setpointW?: number };
  hvac?: { policy: HvacPolicy };
  importLimitW?: number;
  exportLimitW?: number;
}

/** Energy counters since local midnight (Wh). */
export interface DayCounters {
  importedWh: number;
  exportedWh: number;
  chargedWh: number;
  dischargedWh: number;
  pvWh: number;
}

/** Instantaneous state of the site. Powers in W; battery positive = discharge; grid positive = import. */
export interface PhysicsState {
  tMs: number;
  socWh: number;
  batteryW: number;
  pvW: number;
  loadW: number;
  evW: number;
  hvacW: number;
  gridW: number;
  day: number;
  today: DayCounters;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EV_EVENING = { from: 18, to: 21 };
const NIGHT_CHARGE = { from: 0, to: 6 };
const HVAC_DEFAULT_DUTY = 0.4;

const zeroCounters = (): DayCounters => ({
  importedWh: 0,
  exportedWh: 0,
  chargedWh: 0,
  dischargedWh: 0,
  pvWh: 0,
});
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const localDay = (env: Environment, tMs: number): number =>
  Math.floor((tMs - env.localHour(tMs) * HOUR_MS) / DAY_MS + 0.5);

/** The state at start: battery idle at its initial state of charge. */
export function initialPhysics(spec: ModelSpec, tMs: number, env: Environment): PhysicsState {
  const loadW = env.householdLoadW(tMs);
  const pvW = env.pvAvailableW(tMs);
  return {
    tMs,
    socWh: (spec.storage.capacityWh * spec.storage.initialSocPerc) / 100,
    batteryW: 0,
    pvW,
    loadW,
    evW: 0,
    hvacW: 0,
    gridW: loadW - pvW,
    day: localDay(env, tMs),
    today: zeroCounters(),
  };
}

/**
 * Advances the site by `dtS` seconds (pure). Callers keep steps short (≤ 1 s) because the ramp and the
 * state-of-charge bounds are evaluated once per step.
 */
export function stepPhysics(
  spec: ModelSpec,
  s: PhysicsState,
  control: PhysicsControl,
  env: Environment,
  dtS: number,
): PhysicsState {
  const tMs = s.tMs + dtS * 1000;
  const hour = env.localHour(tMs);
  const evW = evPower(spec, control, hour);
  const hvacW = hvacPower(spec, control);
  const loadW = env.householdLoadW(tMs) + evW + hvacW;
  const pvCapW = solarCap(control, env.pvAvailableW(tMs));

  const nominal = spec.storage.nominalPowerW;
  const netLoadW = loadW - pvCapW;
  const wantedW = storageTarget(control, netLoadW, nominal, hour);
  const target = clamp(withinSiteLimits(control, wantedW, netLoadW), -nominal, nominal);

  const maxStep = spec.storage.rampWPerS * dtS;
  let batteryW = s.batteryW + clamp(target - s.batteryW, -maxStep, maxStep);
  // No discharge below 0 % and no charge above 100 %: cap the power at what this step can still move.
  const maxDischargeW = (s.socWh * 3600) / dtS;
  const maxChargeW = ((spec.storage.capacityWh - s.socWh) * 3600) / dtS;
  // `|| 0` turns the -0 of a clamp at an empty/full battery into 0, which reads better in feedback and logs.
  batteryW = clamp(batteryW, -Math.min(nominal, maxChargeW), Math.min(nominal, maxDischargeW)) || 0;

  const pvW = Math.max(0, Math.min(pvCapW, exportCap(control, loadW - batteryW)));
  const gridW = loadW - pvW - batteryW;
  const socWh = clamp(s.socWh - (batteryW * dtS) / 3600, 0, spec.storage.capacityWh);

  const day = localDay(env, tMs);
  const today = integrate(day === s.day ? s.today : zeroCounters(), batteryW, pvW, gridW, dtS);
  return { tMs, socWh, batteryW, pvW, loadW, evW, hvacW, gridW, day, today };
}

function storageTarget(control: PhysicsControl, deficitW: number, nominal: number, hour: number): number {
  switch (control.storage.policy) {
    case 'setpoint':
      return control.storage.setpointW ?? 0;
    case 'cost':
      // A crude tariff strategy: charge at half power in the cheap night hours, self-consume otherwise.
      return hour >= NIGHT_CHARGE.from && hour < NIGHT_CHARGE.to ? -nominal / 2 : deficitW;
    case 'self-consumption':
      return deficitW;
  }
}

/**
 * Bends the battery target so the grid stays within the schedule's site limits, whoever asked for it
 * (a live setpoint too: the limits model the connection contract, see control-resolver.ts). Grid = net
 * load - battery, with net load counting all available PV.
 * - Import <= limit needs battery >= net - importLimit: the battery must discharge, nothing else can.
 * - Export <= limit needs battery <= net + exportLimit, but only a discharge is held back: solar
 *   surplus is curtailed by exportCap() instead, so the battery is never made to charge against the
 *   operator's setpoint, and a discharge never pushes out solar that would then be curtailed.
 */
function withinSiteLimits(control: PhysicsControl, targetW: number, netLoadW: number): number {
  let target = targetW;
  if (control.importLimitW !== undefined) target = Math.max(target, netLoadW - control.importLimitW);
  if (control.exportLimitW !== undefined) {
    target = Math.min(target, Math.max(0, netLoadW + control.exportLimitW));
  }
  return target;
}

function solarCap(control: PhysicsControl, availableW: number): number {
  if (control.solar.policy === 'curtail') return Math.min(availableW, control.solar.setpointW ?? 0);
  return availableW;
}

/** Highest PV production that keeps export within the policy's and the schedule's export limits. */
function exportCap(control: PhysicsControl, netLoadW: number): number {
  let limit = control.exportLimitW ?? Number.POSITIVE_INFINITY;
  if (control.solar.policy === 'feed-in-restriction') limit = Math.min(limit, control.solar.setpointW ?? 0);
  return netLoadW + limit;
}

function evPower(spec: ModelSpec, control: PhysicsControl, hour: number): number {
  if (spec.ev === undefined || control.ev === undefined) return 0;
  switch (control.ev.policy) {
    case 'off':
      return 0;
    case 'setpoint':
      return clamp(control.ev.setpointW ?? 0, 0, spec.ev.nominalPowerW);
    case 'default':
      return hour >= EV_EVENING.from && hour < EV_EVENING.to ? spec.ev.nominalPowerW : 0;
  }
}

function hvacPower(spec: ModelSpec, control: PhysicsControl): number {
  if (spec.hvac === undefined || control.hvac === undefined) return 0;
  switch (control.hvac.policy) {
    case 'off':
      return 0;
    case 'on':
      return spec.hvac.nominalPowerW;
    case 'default':
      return spec.hvac.nominalPowerW * HVAC_DEFAULT_DUTY;
  }
}

function integrate(c: DayCounters, batteryW: number, pvW: number, gridW: number, dtS: number): DayCounters {
  const h = dtS / 3600;
  return {
    importedWh: c.importedWh + Math.max(0, gridW) * h,
    exportedWh: c.exportedWh + Math.max(0, -gridW) * h,
    chargedWh: c.chargedWh + Math.max(0, -batteryW) * h,
    dischargedWh: c.dischargedWh + Math.max(0, batteryW) * h,
    pvWh: c.pvWh + pvW * h,
  };
}
