import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';
import type { Settings } from '../../shared/domain/settings';
import { callCore, makeCore } from '../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { controllerClient, feedback, onboard } from './support';

const SERIAL = 'PPC-0001';
const OLD_TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const NEW_TOPIC = `lab/${SERIAL}/feedback`;

let broker: MosquittoBroker;
let core: Core;
let controller: Awaited<ReturnType<typeof controllerClient>>;

beforeAll(async () => {
  broker = await startMosquitto();
  core = makeCore();
  await core.start();
  await onboard(core, SERIAL);
  await callCore(core, 'broker.connect', { url: broker.url });
  controller = await controllerClient(broker.url);
});

afterAll(async () => {
  await controller.close();
  await core.stop();
  await broker.stop();
});

const storageW = () => core.services().live.get(SERIAL)?.values.storageW;

/** Publishes until the core shows the value: the subscription may still be on its way. */
async function publishUntilSeen(topic: string, value: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await controller.publish(topic, feedback(value));
      await new Promise((r) => setTimeout(r, 50));
      expect(storageW()).toBe(value);
    },
    { timeout: 15_000, interval: 100 },
  );
}

function edited(feedbackTemplate: string): ProtocolProfile {
  const profile = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
  profile.topics.feedback = feedbackTemplate;
  return profile;
}

describe('changing the protocol profile (real mosquitto)', () => {
  it('decodes feedback on the new topic and no longer hears the old one', async () => {
    await publishUntilSeen(OLD_TOPIC, 1111);

    const saved = await callCore<Settings>(core, 'settings.update', {
      protocolProfile: edited('lab/{serial}/feedback'),
    });
    expect(saved.protocolProfile?.topics.feedback).toBe('lab/{serial}/feedback');

    await publishUntilSeen(NEW_TOPIC, 2222);

    // The old topic was unsubscribed: its message does not even reach the core any more.
    const heard: string[] = [];
    const off = core.services().broker.onMessage((m) => heard.push(m.topic));
    await controller.publish(OLD_TOPIC, feedback(3333));
    await publishUntilSeen(NEW_TOPIC, 4444);
    off();
    expect(heard).not.toContain(OLD_TOPIC);
    expect(storageW()).toBe(4444);
  });

  it('goes back to the documented default with null', async () => {
    const saved = await callCore<Settings>(core, 'settings.update', { protocolProfile: null });
    expect(saved.protocolProfile).toBeNull();
    await publishUntilSeen(OLD_TOPIC, 5555);
  });

  it('refuses an invalid profile at the API with the field and the fix', async () => {
    const bad = edited('lab/feedback');
    const result = await core.call('settings.update', { protocolProfile: bad });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toMatch(/protocolProfile\.topics\.feedback: .*\{serial\}/);
    }
    expect(core.services().settings.get().protocolProfile).toBeNull();
  });

  it('refuses a change while a command is in flight, and says why', async () => {
    const sent = await callCore<{ ok: boolean }>(core, 'control.send', {
      serials: [SERIAL],
      command: { storage: { policy: 'setpoint', setpointW: 1000 } },
      hold: false,
    });
    expect(sent.ok).toBe(true);
    const result = await core.call('settings.update', { protocolProfile: edited('lab/{serial}/fb') });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('conflict');
      expect(result.error.message).toMatch(/1 command is in flight/);
    }
    expect(core.services().settings.get().protocolProfile).toBeNull();
    // Other settings still save while commands run.
    const ok = await callCore<Settings>(core, 'settings.update', { operatorName: 'Ada' });
    expect(ok.operatorName).toBe('Ada');
  });
});
