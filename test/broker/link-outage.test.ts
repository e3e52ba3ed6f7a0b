import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerLink } from '../../electron/core/broker/broker-link';
import type { LinkState } from '../../electron/core/broker/broker-port';
import { startCustomMosquitto, type CustomMosquitto } from './support/custom-mosquitto';
import { connected, makeLink, observe, profile, subscribed, waitFor } from './support/links';

let broker: CustomMosquitto;
beforeAll(async () => {
  broker = await startCustomMosquitto(() => ['allow_anonymous true']);
});
afterAll(async () => {
  await broker.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  broker.thaw();
  while (cleanups.length > 0) await cleanups.pop()?.();
  // A failed test may leave the broker dead; the next one starts with it up.
  if (!broker.running()) await broker.restart();
});

async function linkUp(keepaliveSeconds = 30): Promise<{ link: BrokerLink; states: LinkState[] }> {
  const made = makeLink();
  cleanups.push(() => made.link.disconnect());
  expect((await made.link.connect(profile(broker.url, { keepaliveSeconds }))).kind).toBe('connected');
  return made;
}

/** A second link that records what it receives on `topics`. */
async function receiver(topics: string[]): Promise<{ link: BrokerLink; got: string[] }> {
  const { link } = await linkUp();
  const got: string[] = [];
  link.onMessage((m) => got.push(m.payload.toString()));
  await link.subscribe(topics);
  await subscribed(link);
  return { link, got };
}

describe('BrokerLink when the broker goes away', () => {
  it('refuses a publish at once while down and never delivers it after the reconnect', async () => {
    const { link } = await linkUp();
    const sub = await receiver(['t/offline']);
    broker.kill();
    await waitFor('link down', () => link.state().kind === 'reconnecting');
    const started = Date.now();
    const outcome = await link.publish('t/offline', 'stale', { deadlineMs: 5000 });
    expect(Date.now() - started).toBeLessThan(50);
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^not connected/) });

    await broker.restart();
    await connected(link);
    await subscribed(sub.link);
    // QoS 1 from one client arrives in order: had "stale" been queued and replayed on reconnect,
    // it would arrive before the marker. So waiting for the marker proves the negative, no sleep.
    expect((await link.publish('t/offline', 'marker', { deadlineMs: 2000 })).kind).toBe('acked');
    await waitFor('marker', () => sub.got.includes('marker'));
    expect(sub.got).toEqual(['marker']);
  });

  it('settles a publish before its deadline when the broker is killed right after it', async () => {
    const { link } = await linkUp();
    // Frozen first, so the broker cannot slip a PUBACK out in the instant before SIGKILL lands.
    broker.freeze();
    const started = Date.now();
    const pending = link.publish('t/killed', 'x', { deadlineMs: 3000 });
    broker.kill();
    const outcome = await pending;
    expect(['timeout', 'refused']).toContain(outcome.kind);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(link.diagnostics().pending.publishes).toBe(0);
    await broker.restart();
    await connected(link);
  });

  it('answers timeout at the deadline when a frozen broker holds the socket open and never acks', async () => {
    const { link } = await linkUp();
    const other = await observe(broker.url, ['t/frozen']);
    cleanups.push(() => other.close());
    broker.freeze();
    const started = Date.now();
    const outcome = await link.publish('t/frozen', 'late', { deadlineMs: 400 });
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1000);
    expect(link.diagnostics().pending.publishes).toBe(0);
    // `timeout` means "fate unknown", not "not delivered": the bytes were in the broker's socket,
    // and a broker that wakes up forwards them. Commands carry validUntil for exactly this case.
    broker.thaw();
    await waitFor('late delivery', () => other.received.find((m) => m.payload === 'late'));
    expect(link.state().kind).toBe('connected');
  });

  it('notices a silent broker by keep-alive and says so', async () => {
    const { link } = await linkUp(5);
    broker.freeze();
    // mqtt.js declares the link dead after 1.5 x keepalive (7.5 s) without traffic.
    await waitFor('link down', () => link.state().kind === 'reconnecting', 12_000, 100);
    expect(link.diagnostics().lastError).toMatch(/stopped answering \(keep-alive timeout\)/);
    broker.thaw();
    await connected(link);
  }, 20_000);

  it('after a restart goes reconnecting -> connected, restores its subscriptions and receives again', async () => {
    const { link, states } = await linkUp();
    const got: string[] = [];
    link.onMessage((m) => got.push(`${m.topic}=${m.payload.toString()}`));
    await link.subscribe(['feedback/A', 'feedback/B']);
    await subscribed(link);
    states.length = 0;

    await broker.restart();
    await connected(link);
    await subscribed(link);
    expect(states.map((s) => s.kind)).toEqual(expect.arrayContaining(['reconnecting', 'connected']));
    expect(states.findIndex((s) => s.kind === 'reconnecting')).toBeLessThan(
      states.findIndex((s) => s.kind === 'connected'),
    );
    expect(link.diagnostics()).toMatchObject({
      reconnects: 1,
      subscriptions: { total: 2, confirmed: 2, refused: [] },
    });
    expect(link.diagnostics().lastError).toMatch(/lost|reset|shutting down|refused/);

    const other = await observe(broker.url, []);
    cleanups.push(() => other.close());
    await other.client.publishAsync('feedback/B', 'after-restart', { qos: 1 });
    await waitFor('message after restart', () => got.includes('feedback/B=after-restart'));
  });
});
