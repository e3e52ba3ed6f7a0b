import type { FleetOptions } from '../../../electron/simulator';
import { startReadyChild } from './ready-child';

/**
 * The benchmarks' simulated fleet: `count` controllers in one child process sharing one MQTT
 * connection (lib/sim-child.ts), with the given extra fleet options.
 */
export function startSharedSimulator(
  brokerUrl: string,
  fleet: { count: number; seed: number; serialStart: number; fallbackTimeoutS: number },
  more: Partial<FleetOptions> = {},
) {
  return startReadyChild('test/bench/lib/sim-child.ts', [
    JSON.stringify({
      controllers: fleet.count,
      seed: fleet.seed,
      serialStart: fleet.serialStart,
      brokerUrl,
      sharedConnection: true,
      fallbackTimeoutS: fleet.fallbackTimeoutS,
      ...more,
    }),
  ]);
}
