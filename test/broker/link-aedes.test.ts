import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startAedes } from './support/aedes-broker';
import { freePort } from './support/custom-mosquitto';
import { connected, makeLink, profile, subscribed, waitFor } from './support/links';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function link() {
  const made = makeLink();
  cleanups.push(() => made.link.disconnect());
  return made;
}

describe('BrokerLink on aedes (MQTT 3.1.1 only)', () => {
  it('falls back from MQTT 5 to 3.1.1, keeps 3.1.1 for reconnects, and works end to end', async () => {
    const connects: number[] = [];
    let broker = await startAedes({ connects });
    cleanups.push(() => broker.close());
    const logged: Array<{ level: number; msg: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const made = makeLink({ log });
    cleanups.push(() => made.link.disconnect());
    const sender = made.link;
    const { link: receiver } = link();
    const state = await sender.connect(profile(broker.url));
    expect(state).toMatchObject({ kind: 'connected', protocolVersion: 4 });
    expect(sender.diagnostics().protocolVersion).toBe(4);
    expect(sender.diagnostics().lastError).toMatch(/does not speak this MQTT version; trying MQTT 3.1.1/);
    expect(connects).toEqual([5, 4]);
    // The version step is logged as what it is, not as the link going down.
    expect(logged.filter((l) => l.level >= 40)).toEqual([]);
    expect(logged.map((l) => l.msg)).toEqual(['broker link retrying at once', 'broker link connected']);

    await receiver.connect(profile(broker.url, { protocol: 4 }));
    const got: string[] = [];
    receiver.onMessage((m) => got.push(m.payload.toString()));
    await receiver.subscribe(['t/aedes']);
    await subscribed(receiver);
    expect(await sender.publish('t/aedes', 'one', { deadlineMs: 2000, expirySeconds: 10 })).toMatchObject({
      kind: 'acked',
    });
    await waitFor('delivery', () => got.includes('one'));

    // Restart on the same port: the link comes back speaking 3.1.1 straight away.
    connects.length = 0;
    const port = broker.port;
    await broker.close();
    await waitFor('link down', () => sender.state().kind === 'reconnecting');
    broker = await startAedes({ connects, port });
    await connected(sender);
    await subscribed(receiver);
    expect(connects.every((v) => v === 4)).toBe(true);
    expect(sender.diagnostics().reconnects).toBe(1);
    expect(await sender.publish('t/aedes', 'two', { deadlineMs: 2000 })).toMatchObject({ kind: 'acked' });
    await waitFor('delivery after restart', () => got.includes('two'));
  });

  it('also falls back when a 3.1.1-only broker just hangs up on an MQTT 5 CONNECT', async () => {
    const connects: number[] = [];
    const broker = await startAedes({ hangUpOnV5: true, connects });
    cleanups.push(() => broker.close());
    const { link: l } = link();
    expect(await l.connect(profile(broker.url))).toMatchObject({ kind: 'connected', protocolVersion: 4 });
    expect(l.diagnostics().lastError).toBe(
      `the broker at ${broker.url} closed the connection before accepting it; trying MQTT 3.1.1`,
    );
    expect(connects).toEqual([4]);
  });

  it('a profile pinned to MQTT 5 does not fall back, and says why', async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.close());
    const { link: l } = link();
    const state = await l.connect(profile(broker.url, { protocol: 5 }));
    expect(state).toMatchObject({
      kind: 'reconnecting',
      lastError: 'the broker does not speak this MQTT version',
    });
  });

  it('reports a subscription the broker refuses (SUBACK 128) and keeps the others', async () => {
    const broker = await startAedes({ deny: (topic) => topic.startsWith('denied/') });
    cleanups.push(() => broker.close());
    const { link: l } = link();
    await l.connect(profile(broker.url));
    const report = await l.addSubscriptions(['allowed/a', 'denied/b']);
    expect(report).toEqual({ granted: ['allowed/a'], refused: ['denied/b'], pending: [] });
    expect(l.diagnostics().subscriptions).toEqual({ total: 2, confirmed: 1, refused: ['denied/b'] });
  });

  it('subscribe() and confirmed() reject a topic the broker refused, also one already in the set', async () => {
    const broker = await startAedes({ deny: (topic) => topic.startsWith('denied/') });
    cleanups.push(() => broker.close());
    const { link: l } = link();
    // Offline: the topic joins the set, but nothing is granted yet.
    await expect(l.subscribe(['denied/b'])).rejects.toThrow(/not connected to the broker/);
    await l.connect(profile(broker.url));
    await waitFor('restore answered', () => l.diagnostics().subscriptions.refused.length === 1);
    // A second subscriber of the refused topic hears the refusal too (the set already held it).
    await expect(l.subscribe(['denied/b'])).rejects.toThrow(
      /the broker refused the subscription to denied\/b/,
    );
    await expect(l.confirmed(['denied/b'])).rejects.toMatchObject({ refused: ['denied/b'] });
    await expect(l.subscribe(['allowed/a'])).resolves.toBeUndefined();
    await expect(l.confirmed(['allowed/a'])).resolves.toBeUndefined();
    await expect(l.confirmed(['allowed/other'])).rejects.toThrow(/not subscribed to allowed\/other/);
    expect(l.diagnostics().subscriptions).toEqual({ total: 2, confirmed: 1, refused: ['denied/b'] });
  });

  it('tries the port-80 backup (here a WebSocket) after the primary fails, and says so', async () => {
    const backup = await startAedes({ transport: 'ws' });
    cleanups.push(() => backup.close());
    const closed = `mqtt://127.0.0.1:${await freePort()}`;
    const { link: l, states } = link();
    await l.connect(profile(closed, { fallbackUrl: backup.url }));
    await connected(l);
    expect(l.state()).toMatchObject({
      kind: 'connected',
      url: backup.url,
      usingFallback: true,
      protocolVersion: 4,
    });
    const down = states.filter((s) => s.kind === 'reconnecting');
    expect(down[0]).toMatchObject({ lastError: `connection refused at ${closed} (is the broker running?)` });
    expect(
      down.some(
        (s) => s.kind === 'reconnecting' && s.lastError.includes(`trying the backup address ${backup.url}`),
      ),
    ).toBe(true);
    expect(await l.publish('t/ws', 'x', { deadlineMs: 2000 })).toMatchObject({ kind: 'acked' });
  });
});
