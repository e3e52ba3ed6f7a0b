/**
 * A command is journaled (durable) before it is published, and the write takes time: what the
 * inventory says of the installation may change meanwhile. The command then goes out on what holds
 * after the write, never on the reading taken before it.
 */
import { describe, expect, it } from 'vitest';
import { fakeService, flush, run } from './support/fake-port-harness';
import { committed, holdStorage } from './support/lease-fixtures';

describe('an installation that changes while a command’s audit record is written', () => {
  it('a new fallback timeout from onboarding sets the refresh to a third of it, not of the one read before', async () => {
    const h = fakeService(); // fallback timeout 60 s
    const serial = h.serials[0]!;
    const gate = h.holdCommits();
    const sending = h.service.send([serial], holdStorage(2000));
    await flush(10);
    h.installs.set(serial, { ...h.installs.get(serial)!, fallbackTimeoutSeconds: 15 });
    h.service.onInventoryChanged([committed('callback.onboarding', serial)]);
    gate.release();
    await sending;
    await flush(10);
    h.confirmStorage(serial, 2000);
    expect(h.service.lease(serial)).toMatchObject({ fallbackS: 15, refreshEveryMs: 5000 });
    h.service.stop();
  });

  it('the operator’s fallback timeout, set while a held lease takes a new command, is kept', async () => {
    const h = fakeService();
    const serial = h.serials[0]!;
    await h.service.send([serial], holdStorage(2000));
    h.confirmStorage(serial, 2000);
    await run(h.clock, 2_000, 100);
    const gate = h.holdCommits();
    const sending = h.service.send([serial], holdStorage(2500));
    await flush(10);
    h.overrides.set(serial, 12);
    h.service.onInventoryChanged([committed('installation.fallbackSet', serial)]);
    expect(h.service.lease(serial)).toMatchObject({ fallbackS: 12 });
    gate.release();
    await sending;
    await flush(10);
    expect(h.service.lease(serial)).toMatchObject({ fallbackS: 12, refreshEveryMs: 4000 });
    h.service.stop();
  });

  it('a setpoint the re-onboarded battery can no longer take is not sent, and says why', async () => {
    const h = fakeService(); // a 5,000 W battery
    const serial = h.serials[0]!;
    const gate = h.holdCommits();
    const sending = h.service.send([serial], holdStorage(4000));
    await flush(10);
    h.installs.set(serial, {
      ...h.installs.get(serial)!,
      devices: [{ type: 'storage', nominalPowerW: 3000, capacityWh: 6000 }],
    });
    h.service.onInventoryChanged([committed('callback.onboarding', serial)]);
    gate.release();
    const sent = await sending;
    await flush(10);
    expect(h.publishes).toEqual([]);
    const result = sent.ok ? sent.results[0] : undefined;
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('changed while its audit record'),
    });
    const outcome = h.journal.find((d) => d.type === 'command.outcome');
    expect(outcome).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('storage: setpoint 4000 W'),
    });
    h.service.stop();
  });
});
