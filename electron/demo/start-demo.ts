import { randomBytes } from 'node:crypto';
import Papa from 'papaparse';
import { startHost, type RunningHost } from '../host/start-host';
import type { Logger } from '../core/logger';
import { generateFleet, startFleet, type Fleet } from '../simulator';
import { startEmbeddedBroker, type EmbeddedBroker } from '../simulator/embedded-broker';

export type DemoOptions = {
  dataDir: string;
  controllers: number;
  uiPort: number;
  seed: number;
  rendererDir: string;
  version: string;
  log: Logger;
  /** Seconds between each controller's health calls (default 30). */
  healthPeriodS?: number;
};

export type RunningDemo = { host: RunningHost; broker: EmbeddedBroker; fleet: Fleet; stop(): Promise<void> };

/**
 * The demo fleet: Fleetdesk on its own data dir, an embedded broker on a free loopback port, the
 * supplier's contract list imported, and simulated controllers that onboard through the real
 * listener with a token made for this run. `stop()` stops everything it started, in reverse.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const token = `demo_${randomBytes(24).toString('base64url')}`;
  // The broker first, so Fleetdesk connects to it as it starts, as it would to a real one.
  const broker = await startEmbeddedBroker();
  const stack: Array<() => Promise<void>> = [() => broker.close()];
  let stopped: Promise<void> | undefined;
  // Idempotent, newest first: the controllers go quiet before the broker and the host they call.
  const unwind = () =>
    (stopped ??= (async () => {
      for (const stop of [...stack].reverse()) await stop();
    })());
  try {
    const host = await startHost(
      {
        dataDir: options.dataDir,
        uiPort: options.uiPort,
        listenerHost: '127.0.0.1',
        listenerPort: 0,
        listenerToken: token,
        broker: broker.url,
        brokerFallback: undefined,
      },
      { rendererDir: options.rendererDir, version: options.version, log: options.log, demo: true },
    );
    stack.push(() => host.stop());
    await importContracts(host, options.controllers, options.seed);
    const fleet = await startFleet({
      controllers: options.controllers,
      seed: options.seed,
      brokerUrl: broker.url,
      listenerUrl: host.listenerUrl,
      token,
      healthPeriodS: options.healthPeriodS ?? 30,
      healthErrorRate: 0.1,
      logger: options.log.child({ module: 'simulator' }),
    });
    stack.push(() => fleet.stop());
    return { host, broker, fleet, stop: unwind };
  } catch (error) {
    await unwind();
    throw error;
  }
}

/** The supplier's contract list for the demo customers, imported the way an operator would: as CSV. */
async function importContracts(host: RunningHost, controllers: number, seed: number): Promise<void> {
  const { contracts } = generateFleet({ count: controllers, seed });
  const csv = Papa.unparse(
    contracts.map((c) => ({
      'Contract number': c.contractNumber,
      'Customer name': c.customerName,
      Street: c.address.street,
      'Postal code': c.address.postalCode,
      City: c.address.city,
      Country: c.address.country,
    })),
  );
  const result = await host.core.call('contracts.import', { csv, fileName: 'demo-contracts.csv' });
  if (!result.ok) throw new Error(`demo contracts could not be imported: ${result.error.message}`);
}
