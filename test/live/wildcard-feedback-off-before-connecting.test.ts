/**
 * Wildcard feedback turned on and off again before the first broker connection: the installation
 * onboarded meanwhile could not take its `+` filter (no broker profile allowed it yet), so it holds
 * no topic. The profile change asks for it under the new profile once; asked again when the link
 * started, its per-installation topic was held twice, outlived the next switch to wildcard feedback
 * beside the `+` filter, and under MQTT 5 every feedback message was taken twice.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { DEFAULT_PROFILE, feedbackTopic, type ProtocolProfile } from '../../shared/protocol/profile';
import { callCore, makeCore } from '../support/core-harness';
import { feedback, feedbackScene, onboard } from '../broker-settings/support';

const SERIAL = 'WOB-0001';
const TOPIC = feedbackTopic(DEFAULT_PROFILE, SERIAL);
const scene = feedbackScene();

function profile(wildcard: boolean): ProtocolProfile {
  const p = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  p.wildcardFeedback = wildcard;
  return p;
}

async function publishUntilSeen(core: Core, value: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await scene.controller.publish(TOPIC, feedback(value));
      await new Promise((r) => setTimeout(r, 50));
      expect(core.services().live.get(SERIAL)?.values.storageW).toBe(value);
    },
    { timeout: 15_000, interval: 200 },
  );
}

describe('wildcard feedback turned off before the first broker connection, then on again', () => {
  it('takes each feedback message once, on one subscription', async () => {
    const core = makeCore();
    scene.cores.push(core);
    await core.start();
    // No broker yet, empty fleet: wildcard feedback may be turned on (nothing moves).
    await callCore(core, 'settings.update', { protocolProfile: profile(true) });
    await onboard(core, SERIAL);
    await callCore(core, 'settings.update', { protocolProfile: profile(false) });
    await callCore(core, 'broker.saveProfile', {
      profile: { id: 'lab', name: 'Lab', url: scene.broker.url, allowWildcard: true },
    });
    await callCore(core, 'broker.connectProfile', { id: 'lab' });
    await publishUntilSeen(core, 100);

    await callCore(core, 'settings.update', { protocolProfile: profile(true) });
    await vi.waitFor(() => {
      const { confirmed, total } = core.services().broker.diagnostics().subscriptions;
      expect(confirmed).toBe(total);
    });
    await publishUntilSeen(core, 150);
    const before = core.services().live.counts().total;
    // Two messages in order: once the second is seen, every copy of the first has arrived (a
    // subscription delivers in order), so a duplicate would already be counted: 3 or more, not 2.
    await scene.controller.publish(TOPIC, feedback(200));
    await scene.controller.publish(TOPIC, feedback(201));
    await vi.waitFor(() => expect(core.services().live.get(SERIAL)?.values.storageW).toBe(201));
    expect({
      received: core.services().live.counts().total - before,
      protocol: core.services().broker.diagnostics().protocolVersion,
      subscriptions: core.services().broker.diagnostics().subscriptions.total,
    }).toEqual({ received: 2, protocol: 5, subscriptions: 1 });
  });
});
