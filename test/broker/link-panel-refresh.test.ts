/**
 * The link panel (Control page) shows subscriptions confirmed and the round-trip latency, which
 * change after the link's state does: once the restore after a (re)connect and the first ping are
 * done. It refetches on `control.changed`, so the link must say when they change.
 */
import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';
import { onboard } from '../broker-settings/support';
import { makeLink, profile, waitFor } from './support/links';

/** A real (aedes) broker that takes 1.5 s to answer a SUBSCRIBE, like a far broker with many topics. */
async function slowSubackBroker() {
  const aedes = await Aedes.createBroker({
    authorizeSubscribe: (_client, sub, done) => setTimeout(() => done(null, sub), 1500),
  });
  const server = createServer((socket) => aedes.handle(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => aedes.close(() => server.close(() => r()))),
  };
}

let broker: Awaited<ReturnType<typeof slowSubackBroker>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  broker = await slowSubackBroker();
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

afterAll(async () => {
  await broker?.close();
});

describe('BrokerLink.onChange', () => {
  it('fires when the restore after connecting is answered and when the latency is measured', async () => {
    const { link } = makeLink();
    cleanups.push(() => link.disconnect());
    await link.addSubscriptions(['feedback/LNK-0001']); // offline: restored once connected
    const seen: Array<{ confirmed: number; latency: boolean }> = [];
    link.onChange(() => {
      const d = link.diagnostics();
      seen.push({ confirmed: d.subscriptions.confirmed, latency: d.latencyMs !== undefined });
    });
    await link.connect(profile(broker.url));
    await waitFor('latency measured', () => link.diagnostics().latencyMs);
    expect(seen).toContainEqual({ confirmed: 1, latency: false });
    expect(seen.at(-1)).toEqual({ confirmed: 1, latency: true });
  });
});

describe('the link panel after connecting', () => {
  let core: Core;

  beforeAll(async () => {
    core = makeCore();
    await core.start();
    await onboard(core, 'LNK-0001');
  });

  afterAll(async () => {
    await core?.stop();
  });

  it('is told to refresh once the subscriptions are confirmed and the latency measured', async () => {
    const events: number[] = [];
    core.events.on('control.changed', () => events.push(Date.now()));
    await callCore(core, 'broker.connect', { url: broker.url });
    let settledAt = 0;
    await vi.waitFor(
      () => {
        const d = core.services().broker.diagnostics();
        expect(d.subscriptions.total).toBeGreaterThan(0);
        expect(d.subscriptions.confirmed).toBe(d.subscriptions.total);
        expect(d.latencyMs).toBeDefined();
        settledAt = Date.now();
      },
      { timeout: 10_000, interval: 10 },
    );
    // The Control page refetches the overview (link panel) only on `control.changed`: without one
    // after this, it keeps showing "subscriptions 0/1 confirmed" and no latency.
    await vi.waitFor(() => expect(events.filter((t) => t >= settledAt - 50).length).toBeGreaterThan(0), {
      timeout: 1_000,
    });
  });
});
