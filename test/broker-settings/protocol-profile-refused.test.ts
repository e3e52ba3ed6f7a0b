/**
 * A protocol profile change is saved only once the broker granted its feedback topics: feedback is
 * decoded with the saved profile, so a profile whose topics the broker refuses would leave the desk
 * deaf. aedes refuses like an ACL (SUBACK 128); mosquitto 2.0's ACL grants the subscription and
 * only withholds the messages, which no client can tell.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { Settings } from '../../shared/domain/settings';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';
import { startAedes, type AedesBroker } from '../broker/support/aedes-broker';
import { callCore, makeCore } from '../support/core-harness';
import { controllerClient, feedback, onboard } from './support';

const SERIAL = 'PPR-0001';
const OLD_TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const NEW_TOPIC = `lab/${SERIAL}/feedback`;

let acl: AedesBroker;
let open: AedesBroker;
let controller: Awaited<ReturnType<typeof controllerClient>>;
let openController: Awaited<ReturnType<typeof controllerClient>>;
const cores: Core[] = [];

beforeAll(async () => {
  // Reading lab/… is not allowed on this broker.
  acl = await startAedes({ deny: (topic) => topic.startsWith('lab/') });
  open = await startAedes();
  controller = await controllerClient(acl.url);
  openController = await controllerClient(open.url);
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await controller?.close();
  await openController?.close();
  await acl?.close();
  await open?.close();
});

async function startedCore(): Promise<Core> {
  const core = makeCore();
  cores.push(core);
  await core.start();
  await onboard(core, SERIAL);
  return core;
}

/** Publishes until the core shows the value: the subscription may still be on its way. */
async function publishUntilSeen(
  core: Core,
  by: typeof controller,
  topic: string,
  value: number,
): Promise<void> {
  await vi.waitFor(
    async () => {
      await by.publish(topic, feedback(value));
      await new Promise((r) => setTimeout(r, 50));
      expect(core.services().live.get(SERIAL)?.values.storageW).toBe(value);
    },
    { timeout: 15_000, interval: 100 },
  );
}

function labProfile(): ProtocolProfile {
  const profile = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  profile.topics.feedback = 'lab/{serial}/feedback';
  return profile;
}

describe('saving a protocol profile whose feedback topics the broker refuses', () => {
  it('is refused with the broker’s reason, keeps the profile in force, and live feedback keeps coming', async () => {
    const core = await startedCore();
    await callCore(core, 'broker.connect', { url: acl.url });
    await publishUntilSeen(core, controller, OLD_TOPIC, 1111);

    const answer = await core.call('settings.update', { protocolProfile: labProfile() });

    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(
          new RegExp(`not changed: the broker refused the subscription to ${NEW_TOPIC} \\(does its ACL`),
        ),
      },
    });
    expect(core.services().settings.get().protocolProfile).toBeNull();
    // The refused topic is not kept either: only the installation's current topic is subscribed.
    expect(core.services().broker.diagnostics().subscriptions).toEqual({
      total: 1,
      confirmed: 1,
      refused: [],
    });
    await publishUntilSeen(core, controller, OLD_TOPIC, 2222);
  });

  it('is saved while the broker link is down: the new topics are asked for at the next connection', async () => {
    const core = await startedCore();
    const saved = await callCore<Settings>(core, 'settings.update', { protocolProfile: labProfile() });
    expect(saved.protocolProfile?.topics.feedback).toBe('lab/{serial}/feedback');
    // Only the new topic waits in the link's set: the old one went with the change.
    expect(core.services().broker.diagnostics().subscriptions.total).toBe(1);

    await callCore(core, 'broker.connect', { url: open.url });
    await publishUntilSeen(core, openController, NEW_TOPIC, 3333);
  });
});
