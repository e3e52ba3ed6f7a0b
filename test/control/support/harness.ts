import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerLink } from '../../../electron/core/broker/broker-link';
import type { BrokerPort } from '../../../electron/core/broker/broker-port';
import { systemClock } from '../../../electron/core/clock';
import { ControlService } from '../../../electron/core/control';
import type { ControlEvent, ControlOptions } from '../../../electron/core/control';
import type { Inventory } from '../../../electron/core/inventory/inventory';
import { createLogger } from '../../../electron/core/logger';
import {
  constantEnvironment,
  startFleet,
  type Fleet,
  type FleetOptions,
  type RunRecord,
} from '../../../electron/simulator';
import type { ControllerSpec } from '../../../electron/simulator/spec';
import type { JournalDraft, JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { Device } from '../../../shared/domain/inventory/installation';
import { DEFAULT_PROFILE } from '../../../shared/protocol/profile';
import { makeLink, profile } from '../../broker/support/links';
import { openInventory } from '../../inventory/fixtures/open-inventory';
import { tempDir } from '../../support/temp-dir';

export const OPERATOR = 'Ada Operator';

/** The devices a controller reports at onboarding, as the inventory would record them. */
export function devicesOf(spec: ControllerSpec): Device[] {
  return [
    {
      type: 'storage',
      model: spec.storage.model,
      nominalPowerW: spec.storage.nominalPowerW,
      capacityWh: spec.storage.capacityWh,
    },
    { type: 'solar', model: spec.solar.model, nominalPowerW: spec.solar.peakW },
    ...(spec.ev !== undefined ? [{ type: 'ev' as const, nominalPowerW: spec.ev.nominalPowerW }] : []),
    ...(spec.hvac !== undefined ? [{ type: 'hvac' as const, nominalPowerW: spec.hvac.nominalPowerW }] : []),
  ];
}

/** The onboarding entry the listener would journal for a simulated controller. */
export function onboarding(spec: ControllerSpec, at: number): JournalDraft {
  return {
    type: 'callback.onboarding',
    at,
    actor: 'listener',
    serial: spec.serial,
    requestId: `req-${spec.serial}`,
    headers: {},
    body: {
      serialNumber: spec.serial,
      siteNodeId: spec.siteNodeId,
      devices: devicesOf(spec),
      fallbackTimeoutSeconds: spec.fallbackTimeoutS,
    },
  };
}

export type Harness = {
  fleet: Fleet;
  inventory: Inventory;
  link: BrokerLink;
  service: ControlService;
  serials: string[];
  /** Every publish control asked the link for (commands and refreshes). */
  publishes: Array<{ topic: string; payload: string; at: number }>;
  /** Every run-log record of the simulator, live. */
  records: RunRecord[];
  events: ControlEvent[];
  logFile: string;
  /** The simulator's JSONL log as written so far. */
  readLog(): RunRecord[];
  journal(): Promise<JournalEntry[]>;
  stop(): Promise<void>;
};

/**
 * A real mosquitto (given), the simulated fleet, a real inventory (journal on disk), the real
 * BrokerLink and the control service: everything but the UI. Serials start at `serialStart` so tests
 * sharing one broker never talk to each other's controllers.
 */
export async function startHarness(
  brokerUrl: string,
  options: {
    controllers: number;
    serialStart: number;
    fleet?: Partial<FleetOptions>;
    control?: Partial<ControlOptions>;
    /** The limits from Settings, read at each use (ControlDeps.limits). */
    limits?: () => Pick<ControlOptions, 'globalPerSecond' | 'thresholds'>;
  },
): Promise<Harness> {
  const dir = tempDir('fleetdesk-control-');
  const logFile = join(dir.path, 'simulator.jsonl');
  const records: RunRecord[] = [];
  const fleet = await startFleet({
    controllers: options.controllers,
    serialStart: options.serialStart,
    seed: options.serialStart,
    brokerUrl,
    fallbackTimeoutS: 3,
    feedbackPeriodS: 2,
    tickMs: 100,
    logFile,
    onRecord: (r) => records.push(r),
    environment: () => constantEnvironment(2000, 1000),
    ...options.fleet,
  });
  const { inventory } = await openInventory(join(dir.path, 'data'));
  const now = Date.now();
  await inventory.commit(fleet.controllers.map((c) => onboarding(c.spec, now)));
  const { link } = makeLink({ latencyProbe: false });
  await link.connect(profile(brokerUrl));
  const publishes: Harness['publishes'] = [];
  const port: BrokerPort = {
    state: () => link.state(),
    onState: (l) => link.onState(l),
    publish: (topic, payload, o) => {
      publishes.push({ topic, payload, at: Date.now() });
      return link.publish(topic, payload, o);
    },
    subscribe: (t) => link.subscribe(t),
    confirmed: (t) => link.confirmed(t),
    unsubscribe: (t) => link.unsubscribe(t),
    onMessage: (l) => link.onMessage(l),
  };
  const service = new ControlService({
    broker: port,
    profile: () => DEFAULT_PROFILE,
    inventory,
    commit: (drafts) => inventory.commit(drafts),
    clock: systemClock,
    log: createLogger('silent'),
    operator: () => OPERATOR,
    options: { eventBatchMs: 50, ...options.control },
    ...(options.limits !== undefined && { limits: options.limits }),
  });
  const events: ControlEvent[] = [];
  service.on((e) => events.push(e));
  return {
    fleet,
    inventory,
    link,
    service,
    serials: fleet.controllers.map((c) => c.spec.serial),
    publishes,
    records,
    events,
    logFile,
    readLog: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as RunRecord),
    journal: () => inventory.journalSince(0),
    async stop() {
      service.stop();
      await link.disconnect();
      await fleet.stop();
      await inventory.close();
      dir.remove();
    },
  };
}
