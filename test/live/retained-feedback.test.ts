/**
 * A retained feedback message is replayed by the broker to every new subscription, however old it
 * is. It is no report from the controller: it must not show as a current reading, make the
 * installation "seen on MQTT" now, or answer a command (real mosquitto, real cores).
 */
import { describe, expect, it, vi } from 'vitest';
import { callCore, makeCore } from '../support/core-harness';
import { feedback, feedbackScene, onboard, subscriptionsSettled } from '../broker-settings/support';

const SERIAL = 'RET-0001';
const TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;

const scene = feedbackScene();

describe('retained feedback replayed by the broker at subscription', () => {
  it('is counted apart, not shown as a live value nor as seen; the next real report is applied', async () => {
    // A controller (or a misconfigured bridge) left its feedback retained on the broker.
    await scene.controller.client.publishAsync(TOPIC, feedback(4321), { qos: 1, retain: true });

    const core = makeCore();
    scene.cores.push(core);
    await core.start();
    await onboard(core, SERIAL);
    await callCore(core, 'broker.connect', { url: scene.broker.url });
    await vi.waitFor(() => expect(subscriptionsSettled(core, 1)()).toBe(true));

    // The replay reaches the core right after the SUBACK; it is counted, as replayed.
    await vi.waitFor(() => expect(core.services().live.counts().total).toBe(1));
    expect(core.services().live.get(SERIAL)).toBeUndefined();
    expect(core.services().inventory.getInstallation(SERIAL)?.lastSeen.mqtt).toBeUndefined();
    expect(core.services().live.counts()).toMatchObject({ total: 1, accepted: 0, retained: 1 });

    // A live report from the controller is applied as always.
    await scene.controller.publish(TOPIC, feedback(1000));
    await vi.waitFor(() => expect(core.services().live.get(SERIAL)?.values.storageW).toBe(1000));
    expect(core.services().live.counts()).toMatchObject({ total: 2, accepted: 1, retained: 1 });

    // Leave the broker clean for other tests: an empty retained payload clears it.
    await scene.controller.client.publishAsync(TOPIC, '', { qos: 1, retain: true });
  });
});
