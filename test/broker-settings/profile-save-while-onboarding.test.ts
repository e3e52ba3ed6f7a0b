/**
 * A protocol profile save waits for the broker to grant the new feedback topics before it saves.
 * A controller that onboards during that wait must still get live feedback on the profile saved
 * after it: its subscription is made once the move is over, under the profile then in force,
 * instead of under the old profile and left out of the move (deaf until the next start).
 *
 * An aedes broker that holds back the SUBACK of chosen topics until released stands for a slow
 * broker (or a 10,000-topic subscribe), so the window is deterministic.
 */
import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { DEFAULT_PROFILE, feedbackTopic, type ProtocolProfile } from '../../shared/protocol/profile';
import { callCore, makeCore } from '../support/core-harness';
import { controllerClient, feedback, onboard } from './support';

/** Which subscriptions the broker holds back (`hold`), and the grants it holds. */
type SubackGate = { held: Array<() => void>; hold: (topic: string) => boolean };

async function brokerHoldingSubacks(gate: SubackGate) {
  const aedes = await Aedes.createBroker({
    authorizeSubscribe: (_client, sub, done) => {
      if (!gate.hold(sub.topic)) return done(null, sub);
      gate.held.push(() => done(null, sub));
    },
  });
  const server = createServer((socket) => aedes.handle(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))),
  };
}

function releaseAll(gate: SubackGate): void {
  gate.hold = () => false;
  for (const release of gate.held.splice(0)) release();
}

function profileWith(feedbackTemplate: string, wildcard = false): ProtocolProfile {
  const profile = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  profile.topics.feedback = feedbackTemplate;
  profile.wildcardFeedback = wildcard;
  return profile;
}

const DEFAULT_TEMPLATE = DEFAULT_PROFILE.topics.feedback;
const defaultTopic = (serial: string) => feedbackTopic(DEFAULT_PROFILE, serial);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A core connected to a broker that holds back SUBACKs on cue, and a controller on that broker. */
async function sceneWithSlowBroker(allowWildcard = false) {
  const gate: SubackGate = { held: [], hold: () => false };
  const broker = await brokerHoldingSubacks(gate);
  cleanups.push(() => broker.close());
  const controller = await controllerClient(broker.url);
  cleanups.push(() => controller.close());
  const core = makeCore(undefined, undefined, undefined, undefined, {
    broker: { id: 'cli', name: 'lab', url: broker.url, allowWildcard },
  });
  await core.start();
  cleanups.push(() => core.stop());
  return { gate, controller, core };
}

async function publishUntilSeen(core: Core, publish: () => Promise<unknown>, serial: string, value: number) {
  await vi.waitFor(
    async () => {
      await publish();
      await new Promise((r) => setTimeout(r, 50));
      expect(core.services().live.get(serial)?.values.storageW, `live value of ${serial}`).toBe(value);
    },
    { timeout: 6_000, interval: 200 },
  );
}

describe('a protocol profile save while a controller onboards', () => {
  it('a controller onboarded while the new feedback topics await their SUBACK gets live feedback on the new topic', async () => {
    const { gate, controller, core } = await sceneWithSlowBroker();
    await onboard(core, 'RACE-A');
    await publishUntilSeen(
      core,
      () => controller.publish(defaultTopic('RACE-A'), feedback(11)),
      'RACE-A',
      11,
    );

    gate.hold = (topic) => topic.startsWith('lab/');
    const saving = core.call('settings.update', { protocolProfile: profileWith('lab/{serial}/feedback') });
    await vi.waitFor(() => expect(gate.held.length).toBeGreaterThan(0));
    await onboard(core, 'RACE-B');
    releaseAll(gate);
    expect(await saving).toMatchObject({ ok: true });

    await publishUntilSeen(core, () => controller.publish('lab/RACE-A/feedback', feedback(22)), 'RACE-A', 22);
    await publishUntilSeen(core, () => controller.publish('lab/RACE-B/feedback', feedback(33)), 'RACE-B', 33);
  });

  it('a controller onboarded while wildcard feedback is being turned off gets its own subscription', async () => {
    const { gate, controller, core } = await sceneWithSlowBroker(true);
    await callCore(core, 'settings.update', { protocolProfile: profileWith(DEFAULT_TEMPLATE, true) });
    await onboard(core, 'RACE-A');
    await publishUntilSeen(
      core,
      () => controller.publish(defaultTopic('RACE-A'), feedback(11)),
      'RACE-A',
      11,
    );

    gate.hold = (topic) => topic.endsWith('/RACE-A');
    const saving = core.call('settings.update', { protocolProfile: profileWith(DEFAULT_TEMPLATE, false) });
    await vi.waitFor(() => expect(gate.held.length).toBeGreaterThan(0));
    await onboard(core, 'RACE-B');
    releaseAll(gate);
    expect(await saving).toMatchObject({ ok: true });

    await publishUntilSeen(
      core,
      () => controller.publish(defaultTopic('RACE-B'), feedback(44)),
      'RACE-B',
      44,
    );
  });
});
