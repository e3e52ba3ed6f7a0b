/**
 * Live feedback with the protocol profile's `wildcardFeedback` (one `+` subscription for the whole
 * fleet), against a real mosquitto: the `+` filter needs a broker profile that allows wildcards, and
 * the link only knows that profile once it connects.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { startAedes } from '../broker/support/aedes-broker';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { controllerClient, feedback, feedbackScene, onboard } from '../broker-settings/support';

const SERIAL = 'WCF-0001';
const TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;

const scene = feedbackScene();
const { cores, dirs } = scene;

function wildcardProfile(): ProtocolProfile {
  const profile = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  profile.wildcardFeedback = true;
  return profile;
}

/** Publishes feedback until the core shows it, or fails after `timeout`. */
async function publishUntilSeen(
  core: Core,
  value: number,
  timeout = 6_000,
  by: Awaited<ReturnType<typeof controllerClient>> = scene.controller,
): Promise<void> {
  await vi.waitFor(
    async () => {
      await by.publish(TOPIC, feedback(value));
      await new Promise((r) => setTimeout(r, 50));
      expect(core.services().live.get(SERIAL)?.values.storageW).toBe(value);
    },
    { timeout, interval: 200 },
  );
}

describe('wildcard feedback subscriptions (protocol profile wildcardFeedback)', () => {
  it('after a restart, with wildcards allowed by the broker profile too, live feedback still arrives', async () => {
    const dir = tempDir('fleetdesk-wildcard-feedback-');
    dirs.push(dir);
    // First run, no broker yet: the operator turns wildcard feedback on; the installation is onboarded.
    const first = makeCore(dir.path);
    await first.start();
    await callCore(first, 'settings.update', { protocolProfile: wildcardProfile() });
    await onboard(first, SERIAL);
    await first.stop();

    // Second run: the installations are watched before the broker profile (which allows `+`) is
    // applied; the `+` subscription refused then must be made once it is.
    const second = makeCore(dir.path, undefined, undefined, undefined, {
      broker: { id: 'cli', name: 'lab', url: scene.broker.url, allowWildcard: true },
    });
    cores.push(second);
    await second.start();
    expect(second.services().broker.state().kind).toBe('connected');
    await publishUntilSeen(second, 1234);
    expect(second.services().broker.diagnostics().subscriptions).toMatchObject({ total: 1, confirmed: 1 });
  });

  it('turning wildcard feedback on while the broker profile forbids `+` is refused with the reason; live feedback keeps coming', async () => {
    const core = makeCore();
    cores.push(core);
    await core.start();
    await onboard(core, SERIAL);
    await callCore(core, 'broker.connect', { url: scene.broker.url }); // allowWildcard: false (default)
    await publishUntilSeen(core, 1111, 15_000);

    const answer = await core.call('settings.update', { protocolProfile: wildcardProfile() });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/does not allow \+ subscriptions/) },
    });
    expect(core.services().settings.get().protocolProfile?.wildcardFeedback ?? false).toBe(false);
    await publishUntilSeen(core, 2222);
  });

  it('keeps live feedback when the operator connects another broker: quickly, or with a profile that forbids `+`', async () => {
    const core = makeCore(undefined, undefined, undefined, undefined, {
      broker: { id: 'cli', name: 'lab', url: scene.broker.url, allowWildcard: true },
    });
    cores.push(core);
    await core.start();
    await onboard(core, SERIAL);
    await callCore(core, 'settings.update', { protocolProfile: wildcardProfile() });
    await publishUntilSeen(core, 5555, 15_000);

    // The Control page's quick connect (no wildcard box): the `+` subscription stays.
    await callCore(core, 'broker.connect', { url: scene.broker.url });
    await publishUntilSeen(core, 6666, 15_000);

    // A saved profile that forbids `+`: refused with the reason, the link stays as it was.
    await callCore(core, 'broker.saveProfile', {
      profile: { id: 'strict', name: 'Strict', url: scene.broker.url },
    });
    const answer = await core.call('broker.connectProfile', { id: 'strict' });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/"Strict" does not allow \+ subscriptions/) },
    });
    expect(core.services().settings.get().activeBrokerProfileId).not.toBe('strict');
    await publishUntilSeen(core, 7777);
  });

  it('turning wildcard feedback off drops the `+` subscription, so each feedback message is taken once', async () => {
    const other = 'WCF-0002';
    const core = makeCore();
    cores.push(core);
    await core.start();
    await callCore(core, 'settings.update', { protocolProfile: wildcardProfile() });
    await callCore(core, 'broker.connect', { url: scene.broker.url }); // + allowed: the profile asks for it
    // Two controllers onboard while wildcard feedback is on: one `+` filter serves both.
    await onboard(core, SERIAL);
    await onboard(core, other);
    await publishUntilSeen(core, 100, 15_000);

    await callCore(core, 'settings.update', { protocolProfile: null });
    await vi.waitFor(() => {
      const { confirmed, total } = core.services().broker.diagnostics().subscriptions;
      expect(confirmed).toBe(total);
    });
    const before = core.services().live.counts().total;
    // A second copy (MQTT 5 delivers once per matching subscription) of the first message arrives
    // before the second message on that subscription: once the second is seen, 2 means no copy.
    await scene.controller.publish(TOPIC, feedback(200));
    await scene.controller.publish(TOPIC, feedback(201));
    await vi.waitFor(() => expect(core.services().live.get(SERIAL)?.values.storageW).toBe(201));
    expect({
      received: core.services().live.counts().total - before,
      protocol: core.services().broker.diagnostics().protocolVersion,
    }).toEqual({ received: 2, protocol: 5 });
    expect(core.services().broker.diagnostics().subscriptions.total, 'one topic per installation').toBe(2);
  });

  it('turning wildcard feedback on is refused when the broker refuses the `+` subscription (ACL); the per-installation ones stay', async () => {
    // The broker profile allows `+`, but the broker's ACL refuses it (SUBACK 128).
    const acl = await startAedes({ deny: (topic) => topic.includes('+') });
    const other = await controllerClient(acl.url);
    try {
      const core = makeCore(undefined, undefined, undefined, undefined, {
        broker: { id: 'cli', name: 'acl', url: acl.url, allowWildcard: true },
      });
      cores.push(core);
      await core.start();
      await onboard(core, SERIAL);
      await publishUntilSeen(core, 3333, 15_000, other);

      const answer = await core.call('settings.update', { protocolProfile: wildcardProfile() });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/broker refused the subscription to .*\/\+/),
        },
      });
      expect(core.services().settings.get().protocolProfile).toBeNull();
      await publishUntilSeen(core, 4444, 6_000, other);
      expect(core.services().broker.diagnostics().subscriptions).toEqual({
        total: 1,
        confirmed: 1,
        refused: [],
      });
    } finally {
      for (const c of cores.splice(0)) await c.stop();
      await other.close();
      await acl.close();
    }
  });

  it('refuses wildcard feedback before any broker profile is connected (the link takes no `+` then), and says what to do', async () => {
    const core = makeCore();
    cores.push(core);
    await core.start();
    await onboard(core, SERIAL);
    const answer = await core.call('settings.update', { protocolProfile: wildcardProfile() });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(
          /no broker profile is connected yet.*Connect a broker profile that allows \+ wildcards/,
        ),
      },
    });
    expect(core.services().settings.get().protocolProfile).toBeNull();
    // The installation's own topic stays, asked for at the first connection.
    expect(core.services().broker.diagnostics().subscriptions.total).toBe(1);
  });
});
