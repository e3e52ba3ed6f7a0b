import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { onboardingDraft } from '../inventory/fixtures/drafts';

/** Records an installation as onboarded (what the listener does), so the core watches its feedback. */
export async function onboard(core: Core, serial: string): Promise<void> {
  const draft = onboardingDraft(serial, Date.now(), {
    devices: [{ type: 'storage', model: 'B1', nominalPowerW: 5000, capacityWh: 10_000 }],
    fallbackTimeoutSeconds: 60,
  });
  await core.services().inventory.commit([draft]);
}

/** A feedback message in the default profile's layout (protocol.md §3), with this storage power. */
export function feedback(storageW: number): string {
  return JSON.stringify({
    time: Math.floor(Date.now() / 1000),
    fields: {
      response_code: 0,
      state: {
        storage: { active_power_W: storageW, mean_soc_perc: 50, energy_stored_Wh: 5000 },
        solar: { active_power_W: 0 },
        grid: { active_power_W: 0 },
      },
    },
  });
}

/** A plain test client on the broker: plays the controller side. */
export async function controllerClient(url: string) {
  const client = await mqtt.connectAsync(url, {
    clientId: `test-${Math.random().toString(16).slice(2, 10)}`,
  });
  return {
    client,
    publish: (topic: string, payload: string) => client.publishAsync(topic, payload, { qos: 1 }),
    close: () => client.endAsync(),
  };
}

/** Resolves once every subscription of the core's link is confirmed by a SUBACK. */
export function subscriptionsSettled(core: Core, total: number): () => boolean {
  return () => {
    const s = core.services().broker.diagnostics().subscriptions;
    return s.total === total && s.confirmed === total;
  };
}

type ControllerClient = Awaited<ReturnType<typeof controllerClient>>;

/**
 * For a test file of real cores on one mosquitto: the broker and a controller client for the whole
 * file, and the cores and temp dirs a test pushes, stopped and removed after each test.
 */
export function feedbackScene(): {
  readonly broker: MosquittoBroker;
  readonly controller: ControllerClient;
  cores: Core[];
  dirs: Array<{ remove(): void }>;
} {
  let broker: MosquittoBroker | undefined;
  let controller: ControllerClient | undefined;
  const scene = {
    get broker() {
      if (broker === undefined) throw new Error('the broker starts in beforeAll');
      return broker;
    },
    get controller() {
      if (controller === undefined) throw new Error('the controller connects in beforeAll');
      return controller;
    },
    cores: [] as Core[],
    dirs: [] as Array<{ remove(): void }>,
  };
  beforeAll(async () => {
    broker = await startMosquitto();
    controller = await controllerClient(broker.url);
  });
  afterEach(async () => {
    for (const c of scene.cores.splice(0)) await c.stop();
    scene.dirs.splice(0).forEach((d) => d.remove());
  });
  afterAll(async () => {
    await controller?.close();
    await broker?.stop();
  });
  return scene;
}
