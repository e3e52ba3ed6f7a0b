import { chance, randomInt, type Rng } from './prng';

/** Fault knobs of a run (all off by default). */
export interface FaultSettings {
  /** Share of MQTT messages lost, each direction (commands never seen, feedback never sent). */
  dropRate: number;
  /** Delay between a command reaching the controller and the controller handling it. */
  latencyMs: number;
  /** Share of valid commands answered with a random non-zero response code (1-4) instead of applied. */
  rejectRate: number;
  /** Share of health reports that start an error or warning episode. */
  healthErrorRate: number;
  /** Expected offboardings per controller per hour of run time (Poisson). */
  offboardRatePerHour: number;
}

/** Seeded fault decisions shared by the fleet, so a run with the same seed fails alike. */
export interface Faults {
  readonly settings: FaultSettings;
  dropMessage(): boolean;
  rejectCode(): number | undefined;
  offboardWithin(dtMs: number): boolean;
}

/** Creates the fault decider over a seeded stream. */
export function createFaults(settings: FaultSettings, rng: Rng): Faults {
  return {
    settings,
    dropMessage: () => chance(rng, settings.dropRate),
    rejectCode: () => (chance(rng, settings.rejectRate) ? randomInt(rng, 1, 4) : undefined),
    offboardWithin: (dtMs) =>
      settings.offboardRatePerHour > 0 &&
      chance(rng, 1 - Math.exp((-settings.offboardRatePerHour * dtMs) / 3_600_000)),
  };
}
