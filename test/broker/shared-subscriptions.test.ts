/**
 * Two parts of the core subscribe to the same feedback topic (live values for every installation,
 * control while a command is open). When control lets go after its command ends, live values must
 * keep receiving that installation's feedback, also after the broker restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { connected, makeLink, observe, profile, subscribed, waitFor } from './support/links';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker?.stop();
});

describe('a topic subscribed by two parts of the core', () => {
  it('stays subscribed until its last subscriber lets go, across a broker restart', async () => {
    const { link } = makeLink({ latencyProbe: false });
    await link.connect(profile(broker.url));
    await connected(link);
    const seen: string[] = [];
    link.onMessage((m) => seen.push(m.payload.toString()));
    const topic = 'standard1/outbound/remoteControlMetrics/feedback/SG1-SHARED';
    await link.subscribe([topic]); // live values
    await link.subscribe([topic]); // control, for an open command
    await link.unsubscribe([topic]); // control: the command ended
    expect(link.diagnostics().subscriptions).toMatchObject({ total: 1, confirmed: 1 });

    const other = await observe(broker.url, []);
    try {
      await other.client.publishAsync(topic, 'still-live', { qos: 1 });
      await waitFor('feedback after control let go', () => seen.includes('still-live'));

      broker.kill();
      await waitFor('link down', () => link.state().kind !== 'connected');
      await broker.restart();
      await subscribed(link);
      await waitFor('observer back', () => other.client.connected, 10_000);
      await other.client.publishAsync(topic, 'after-restart', { qos: 1 });
      await waitFor('feedback after the restart', () => seen.includes('after-restart'));

      // A second installation's feedback marks the end: the broker delivers one publisher's
      // messages in order, so once the marker is here, 'gone' would have come before it.
      const marker = 'standard1/outbound/remoteControlMetrics/feedback/SG1-MARKER';
      await link.subscribe([marker]);
      await link.unsubscribe([topic]); // live values: the installation was offboarded
      expect(link.diagnostics().subscriptions).toMatchObject({ total: 1 });
      await other.client.publishAsync(topic, 'gone', { qos: 1 });
      await other.client.publishAsync(marker, 'marker', { qos: 1 });
      await waitFor('the marker after it', () => seen.includes('marker'));
      expect(seen).not.toContain('gone');
    } finally {
      await other.close();
      await link.disconnect();
    }
  });
});
