import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { connected, makeLink, profile, subscribed, waitFor } from './support/links';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});

/** Live handles of this process by kind (sockets, timers, pipes), as Node counts them. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('BrokerLink under repeated broker restarts', () => {
  it('20 quick restarts: reconnects every time, restores subscriptions, leaks no socket, timer or listener', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const before = resources();
    const { link } = makeLink();
    const got: string[] = [];
    link.onMessage((m) => got.push(m.payload.toString()));
    await link.connect(profile(broker.url));
    await link.subscribe(['feedback/one', 'feedback/two']);
    await subscribed(link);
    await waitFor('latency', () => link.diagnostics().latencyMs);
    const steady = resources();
    const steadyTimers = link.diagnostics().pending.timers;

    for (let i = 1; i <= 20; i += 1) {
      await broker.restart();
      await waitFor(
        `reconnect ${i}`,
        () => link.diagnostics().reconnects === i && link.state().kind === 'connected',
        10_000,
        5,
      );
      await subscribed(link);
      // Every other round, prove traffic flows (the link publishes to a topic it subscribes to).
      if (i % 2 === 0) {
        expect(await link.publish('feedback/two', `round-${i}`, { deadlineMs: 2000 })).toMatchObject({
          kind: 'acked',
        });
        await waitFor(`round ${i} delivered`, () => got.includes(`round-${i}`));
      }
    }
    await waitFor('latency after the restarts', () => link.diagnostics().latencyMs);
    const after = resources();
    expect(after['TCPSocketWrap'] ?? 0).toBeLessThanOrEqual(steady['TCPSocketWrap'] ?? 0);
    expect(after['Timeout'] ?? 0).toBeLessThanOrEqual((steady['Timeout'] ?? 0) + 1);
    expect(link.diagnostics().pending).toEqual({ publishes: 0, timers: steadyTimers });
    expect(link.diagnostics().subscriptions).toEqual({ total: 2, confirmed: 2, refused: [] });
    // No restart caught mid-handshake made the link settle for MQTT 3.1.1.
    expect(link.state()).toMatchObject({ kind: 'connected', protocolVersion: 5 });

    await link.disconnect();
    // Closing a socket completes on the next turns of the event loop: poll, then compare.
    await waitFor(
      'sockets closed',
      () => (resources()['TCPSocketWrap'] ?? 0) <= (before['TCPSocketWrap'] ?? 0),
    );
    expect(link.diagnostics().pending).toEqual({ publishes: 0, timers: 0 });
    expect(resources()['Timeout'] ?? 0).toBeLessThanOrEqual(before['Timeout'] ?? 0);
    process.off('warning', onWarning);
    expect(warnings.map((w) => w.message)).toEqual([]);
  }, 60_000);

  it('a link whose broker never comes back keeps retrying at the capped back-off and stops cleanly', async () => {
    const { link, states } = makeLink({ backoff: { initialMs: 20, maxMs: 100, switchAfter: 3 } });
    await link.connect(profile(broker.url));
    await connected(link);
    broker.kill();
    await waitFor('several failed attempts', () => {
      const s = link.state();
      return s.kind === 'reconnecting' && s.attempt >= 6;
    });
    expect(
      states
        .filter((s) => s.kind === 'reconnecting')
        .every((s) => s.kind === 'reconnecting' && /refused|lost|reset/.test(s.lastError)),
    ).toBe(true);
    await link.disconnect();
    expect(link.diagnostics().pending).toEqual({ publishes: 0, timers: 0 });
    await broker.restart();
  });
});
