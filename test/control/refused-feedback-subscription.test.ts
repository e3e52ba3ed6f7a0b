/**
 * A broker whose ACL refuses the supplier's feedback subscriptions (aedes, SUBACK 128): a command
 * whose answer cannot be heard must not be sent. Live values subscribed the topic first (so it is
 * already in the link's set when control asks for it), which used to hide the refusal.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { startAedes, type AedesBroker } from '../broker/support/aedes-broker';
import { callCore, makeCore } from '../support/core-harness';
import { onboard } from '../broker-settings/support';

const SERIAL = 'ACL-0001';
const FEEDBACK = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const COMMAND = `standard1/rp_one_s/remoteControlMetrics/${SERIAL}`;

let broker: AedesBroker;
let core: Core;
let controller: mqtt.MqttClient;
const commandsSeen: string[] = [];

beforeAll(async () => {
  broker = await startAedes({ deny: (topic) => topic.startsWith('standard1/outbound/') });
  controller = await mqtt.connectAsync(broker.url, { clientId: 'ctl-1', protocolVersion: 4 });
  controller.on('message', (topic) => commandsSeen.push(topic));
  await controller.subscribeAsync(COMMAND, { qos: 1 });
  core = makeCore();
  await core.start();
  await onboard(core, SERIAL);
  await callCore(core, 'broker.connect', { url: broker.url });
});

afterAll(async () => {
  await core?.stop();
  await controller?.endAsync();
  await broker?.close();
});

describe('a feedback subscription the broker refuses', () => {
  it('refuses the command with the reason instead of sending one whose outcome cannot be seen', async () => {
    // The link panel knows: the broker refused the installation's feedback topic.
    await vi.waitFor(
      () => expect(core.services().broker.diagnostics().subscriptions.refused).toContain(FEEDBACK),
      { timeout: 10_000 },
    );
    const sent = await callCore<{ ok: boolean; sent?: number; failed?: { reason: string }[] }>(
      core,
      'control.send',
      { serials: [SERIAL], command: { storage: { policy: 'setpoint', setpointW: 1000 } }, hold: false },
    );
    expect(sent.failed?.[0]?.reason).toMatch(
      /cannot subscribe to the controller's feedback, so nothing was sent: .*the broker refused the subscription/,
    );
    // A marker on the command topic after the refusal: QoS 1 from one client arrives in order, so
    // a command published before it would have reached the controller first.
    await controller.publishAsync(COMMAND, JSON.stringify({ fields: {} }), { qos: 1 });
    await vi.waitFor(() => expect(commandsSeen.length).toBeGreaterThan(0));
    expect({ sent: sent.sent, commandsAtController: commandsSeen.length }).toEqual({
      sent: 0,
      commandsAtController: 1,
    });
    // Control let go of the topic again: live values still hold it, once.
    expect(core.services().broker.diagnostics().subscriptions).toMatchObject({ total: 1, confirmed: 0 });
  });
});
