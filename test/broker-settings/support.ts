import mqtt from 'mqtt';
import type { Core } from '../../electron/core/create-core';
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
