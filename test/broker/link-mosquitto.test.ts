import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerLink } from '../../electron/core/broker/broker-link';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { makeLink, observe, profile, subscribed, waitFor, type Observer } from './support/links';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function linkUp(): Promise<BrokerLink> {
  const { link } = makeLink();
  cleanups.push(() => link.disconnect());
  const state = await link.connect(profile(broker.url));
  expect(state.kind).toBe('connected');
  return link;
}

async function watcher(topics: string[]): Promise<Observer> {
  const o = await observe(broker.url, topics);
  cleanups.push(() => o.close());
  return o;
}

describe('BrokerLink on mosquitto (MQTT 5)', () => {
  it('connects with MQTT 5 and publishes QoS 1, not retained, acked and received by another client', async () => {
    const link = await linkUp();
    expect(link.state()).toMatchObject({
      kind: 'connected',
      protocolVersion: 5,
      url: broker.url,
      usingFallback: false,
    });
    const other = await watcher(['t/ack']);
    const outcome = await link.publish('t/ack', '{"a":1}', { deadlineMs: 2000 });
    expect(outcome.kind).toBe('acked');
    const got = await waitFor('delivery', () => other.received.find((m) => m.topic === 't/ack'));
    expect(got.payload).toBe('{"a":1}');
    expect(got.packet.qos).toBe(1);
    expect(got.packet.retain).toBe(false);
    expect(link.diagnostics()).toMatchObject({ protocolVersion: 5, pending: { publishes: 0 } });
  });

  it('sets the MQTT 5 message expiry from expirySeconds', async () => {
    const link = await linkUp();
    const other = await watcher(['t/expiry']);
    await link.publish('t/expiry', 'x', { deadlineMs: 2000, expirySeconds: 30 });
    const got = await waitFor('delivery', () => other.received.find((m) => m.topic === 't/expiry'));
    // mosquitto forwards the remaining lifetime: 30 s, or 29 if a second boundary passed in transit.
    expect(got.packet.properties?.messageExpiryInterval).toBeGreaterThanOrEqual(29);
    expect(got.packet.properties?.messageExpiryInterval).toBeLessThanOrEqual(30);
  });

  it('refuses # always and + unless the profile allows wildcards, adding nothing to the set', async () => {
    const link = await linkUp();
    await expect(link.subscribe(['#'])).rejects.toThrow(/# subscriptions are refused/);
    await expect(link.subscribe(['a/#'])).rejects.toThrow(/refused/);
    await expect(link.subscribe(['a/+/b'])).rejects.toThrow(/wildcards are off/);
    expect(link.diagnostics().subscriptions.total).toBe(0);

    const { link: wild } = makeLink();
    cleanups.push(() => wild.disconnect());
    await wild.connect(profile(broker.url, { allowWildcard: true }));
    await expect(wild.addSubscriptions(['a/+/b'])).resolves.toEqual({
      granted: ['a/+/b'],
      refused: [],
      pending: [],
    });
    await expect(wild.subscribe(['#'])).rejects.toThrow(/#/);
  });

  it('delivers messages on subscribed topics to onMessage, checked by SUBACK', async () => {
    const link = await linkUp();
    const report = await link.addSubscriptions(['feedback/SG1-1', 'feedback/SG1-2']);
    expect(report).toEqual({ granted: ['feedback/SG1-1', 'feedback/SG1-2'], refused: [], pending: [] });
    const seen: string[] = [];
    link.onMessage((m) => seen.push(`${m.topic}=${m.payload.toString()}`));
    const other = await watcher([]);
    await other.client.publishAsync('feedback/SG1-2', 'hello', { qos: 1 });
    await waitFor('message', () => seen.includes('feedback/SG1-2=hello'));
    expect(link.diagnostics().subscriptions).toEqual({ total: 2, confirmed: 2, refused: [] });
  });

  it('counts payloads that are not UTF-8 and still delivers them; unsubscribe stops delivery', async () => {
    const link = await linkUp();
    const seen: Buffer[] = [];
    link.onMessage((m) => seen.push(m.payload));
    await link.subscribe(['t/bytes', 't/other']);
    const other = await watcher([]);
    await other.client.publishAsync('t/bytes', Buffer.from([0xff, 0xfe, 0x00]), { qos: 1 });
    await waitFor('binary message', () => seen.length === 1);
    expect(link.diagnostics().malformed).toBe(1);
    await link.unsubscribe(['t/bytes']);
    expect(link.diagnostics().subscriptions).toEqual({ total: 1, confirmed: 1, refused: [] });
    // The broker keeps per-client order: "marker" on t/other arriving alone shows t/bytes is off.
    await other.client.publishAsync('t/bytes', 'after', { qos: 1 });
    await other.client.publishAsync('t/other', 'marker', { qos: 1 });
    await waitFor('marker', () => seen.some((p) => p.toString() === 'marker'));
    expect(seen.map((p) => p.toString())).not.toContain('after');
  });

  it('connect() with another profile replaces the connection and keeps the subscription set', async () => {
    const { link, states } = makeLink();
    cleanups.push(() => link.disconnect());
    await link.connect(profile(broker.url, { protocol: 4 }));
    await link.subscribe(['t/switch']);
    const second = await link.connect(profile(broker.url, { protocol: 5, keepaliveSeconds: 10 }));
    expect(second).toMatchObject({ kind: 'connected', protocolVersion: 5 });
    await subscribed(link);
    expect(link.diagnostics()).toMatchObject({ reconnects: 0, subscriptions: { total: 1, confirmed: 1 } });
    expect(states.map((s) => s.kind)).toEqual(['connecting', 'connected', 'connecting', 'connected']);
  });

  it('a second connect() while the first is still trying answers both', async () => {
    const { link } = makeLink();
    cleanups.push(() => link.disconnect());
    const [a, b] = await Promise.all([
      link.connect(profile('mqtt://127.0.0.1:1')),
      link.connect(profile(broker.url)),
    ]);
    expect(a.kind).not.toBe('unconfigured');
    expect(b).toMatchObject({ kind: 'connected', url: broker.url });
  });

  it('measures the round trip through the broker on its private ping topic, hidden from onMessage', async () => {
    const { link } = makeLink();
    cleanups.push(() => link.disconnect());
    const topics: string[] = [];
    link.onMessage((m) => topics.push(m.topic));
    await link.connect(profile(broker.url));
    // A measured latency means an echo came back; had it leaked to the listeners it would be in `topics`.
    const latency = await waitFor('latency', () => link.diagnostics().latencyMs);
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(1000);
    expect(topics).toEqual([]);
    expect(link.diagnostics().subscriptions.total).toBe(0);
  });

  it('refuses a publish with a wildcard topic or no deadline without sending it', async () => {
    const link = await linkUp();
    expect(await link.publish('a/+', 'x', { deadlineMs: 100 })).toMatchObject({ kind: 'refused' });
    expect(await link.publish('a', 'x', { deadlineMs: 0 })).toMatchObject({ kind: 'refused' });
  });

  it('disconnect() settles everything and leaves no timer; publish afterwards is refused at once', async () => {
    const link = await linkUp();
    await link.subscribe(['t/stop']);
    await link.disconnect();
    expect(link.state()).toEqual({ kind: 'stopped' });
    expect(link.diagnostics().pending).toEqual({ publishes: 0, timers: 0 });
    const started = Date.now();
    expect(await link.publish('t/stop', 'x', { deadlineMs: 5000 })).toMatchObject({ kind: 'refused' });
    expect(Date.now() - started).toBeLessThan(50);
  });
});
