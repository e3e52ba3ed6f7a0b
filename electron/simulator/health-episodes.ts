import { chance, randomInt, type Rng } from './prng';
import type { ModelSpec } from './spec';

export type HealthStatus = 'ok' | 'warning' | 'error';

export interface HealthFault {
  device: 'storage' | 'solar' | 'meter' | 'ev' | 'hvac';
  code: string;
  message: string;
  status: Exclude<HealthStatus, 'ok'>;
}

/** The body content of a health call (listener-api.md), minus ids. */
export interface HealthReport {
  status: HealthStatus;
  errors: { device: string; code: string; message: string }[];
  devices: { type: string; status: HealthStatus }[];
}

/** An ongoing problem: reported on this many more health calls before it clears. */
export interface HealthEpisode {
  fault: HealthFault;
  remaining: number;
}

/** The faults a simulated controller can report. */
export const HEALTH_FAULTS: readonly HealthFault[] = [
  { device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery', status: 'error' },
  {
    device: 'storage',
    code: 'OVER_TEMPERATURE',
    message: 'Battery temperature high, power derated',
    status: 'warning',
  },
  {
    device: 'solar',
    code: 'INVERTER_FAULT',
    message: 'Inverter reports an isolation fault',
    status: 'error',
  },
  { device: 'solar', code: 'COMM_LOST', message: 'Inverter not responding, retrying', status: 'warning' },
  { device: 'meter', code: 'METER_TIMEOUT', message: 'No data from the grid meter', status: 'error' },
  { device: 'ev', code: 'CHARGER_OFFLINE', message: 'EV charger offline', status: 'warning' },
  { device: 'hvac', code: 'COMM_LOST', message: 'Lost connection with the heat pump', status: 'warning' },
];

/** Device types of a site as the listener API names them (a meter is always there). */
export function deviceTypes(spec: ModelSpec): HealthFault['device'][] {
  const types: HealthFault['device'][] = ['storage', 'solar', 'meter'];
  if (spec.ev !== undefined) types.push('ev');
  if (spec.hvac !== undefined) types.push('hvac');
  return types;
}

/**
 * The next health report. With probability `errorRate` per report a healthy controller starts an episode
 * (a fault of one of its devices lasting 1-4 reports), so errors come and go like real ones.
 */
export function nextHealthReport(
  spec: ModelSpec,
  episode: HealthEpisode | undefined,
  rng: Rng,
  errorRate: number,
): { report: HealthReport; episode: HealthEpisode | undefined } {
  const types = deviceTypes(spec);
  let current = episode;
  if (current === undefined && chance(rng, errorRate)) {
    const candidates = HEALTH_FAULTS.filter((f) => types.includes(f.device));
    const fault = candidates[Math.floor(rng() * candidates.length)];
    if (fault !== undefined) current = { fault, remaining: randomInt(rng, 1, 4) };
  }
  if (current === undefined) {
    return {
      report: { status: 'ok', errors: [], devices: types.map((type) => ({ type, status: 'ok' })) },
      episode,
    };
  }
  const { fault } = current;
  const report: HealthReport = {
    status: fault.status,
    errors: [{ device: fault.device, code: fault.code, message: fault.message }],
    devices: types.map((type) => ({ type, status: type === fault.device ? fault.status : 'ok' })),
  };
  const remaining = current.remaining - 1;
  return { report, episode: remaining > 0 ? { fault, remaining } : undefined };
}
