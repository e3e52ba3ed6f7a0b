import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { fakeService, flush, run } from './support/fake-port-harness';

const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};

/** What services.ts hands control after a commit: only the type and serial matter here. */
const entry = (type: JournalEntry['type'], serial: string) => ({ type, serial }) as JournalEntry;

async function held() {
  const h = fakeService();
  const serial = h.serials[0]!;
  await h.service.send([serial], hold);
  h.confirmStorage(serial, 2000);
  expect(h.service.lease(serial)?.status).toBe('held');
  return { h, serial };
}

describe('a held lease follows what the inventory says of its installation', () => {
  it('offboarding releases it at once: no more refreshes, journaled with the reason', async () => {
    const { h, serial } = await held();
    const inst = h.installs.get(serial)!;
    h.installs.set(serial, {
      ...inst,
      onboarding: { state: 'offboarded', since: h.clock.now(), reason: 'removed' },
    });
    h.service.onInventoryChanged([entry('callback.offboarding', serial)]);
    await flush(10);
    expect(h.service.lease(serial)?.status).not.toBe('held');
    const released = h.journal.find((d) => d.type === 'lease.released');
    expect(released).toMatchObject({ actor: 'control', reason: expect.stringContaining('offboarded') });
    const before = h.publishes.length;
    await run(h.clock, 65_000, 500);
    expect(h.publishes.length).toBe(before);
    h.service.stop();
  });

  it('an installation offboarded without notice (a restore, say) is released at its next refresh instead', async () => {
    const { h, serial } = await held();
    const inst = h.installs.get(serial)!;
    h.installs.set(serial, {
      ...inst,
      onboarding: { state: 'offboarded', since: h.clock.now(), reason: 'removed' },
    });
    const before = h.publishes.length;
    await run(h.clock, 65_000, 500);
    expect(h.publishes.length).toBe(before);
    expect(h.service.lease(serial)?.status).not.toBe('held');
    h.service.stop();
  });

  it('a shorter fallback timeout from a new onboarding call re-plans the refreshes and the lapse time at once', async () => {
    const { h, serial } = await held();
    await run(h.clock, 20_500, 100); // one refresh at 60 s / 3
    expect(h.publishes).toHaveLength(2);
    const inst = h.installs.get(serial)!;
    h.installs.set(serial, { ...inst, fallbackTimeoutSeconds: 15 });
    h.service.onInventoryChanged([entry('callback.onboarding', serial)]);
    const lease = h.service.lease(serial)!;
    expect(lease).toMatchObject({ fallbackS: 15, refreshEveryMs: 5000 });
    expect(lease.lapsesAt! - lease.lastDeliveredAt!).toBeLessThanOrEqual(15_000);
    const start = h.publishes.length;
    await run(h.clock, 30_000, 100);
    const times = h.publishes.slice(start).map((p) => p.at);
    expect(times.length).toBeGreaterThanOrEqual(5);
    // Never longer than the new fallback timeout without a refresh.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_500);
    h.service.stop();
  });

  it("the operator's fallback timeout re-plans the refreshes at once, and clearing it goes back to onboarding's", async () => {
    const { h, serial } = await held();
    await run(h.clock, 20_500, 100); // one refresh at 60 s / 3
    expect(h.publishes).toHaveLength(2);
    h.overrides.set(serial, 12);
    h.service.onInventoryChanged([entry('installation.fallbackSet', serial)]);
    // At once, not at the refresh that was due 20 s after the last one.
    const lease = h.service.lease(serial)!;
    expect(lease).toMatchObject({ fallbackS: 12, refreshEveryMs: 4000 });
    expect(lease.lapsesAt! - lease.lastDeliveredAt!).toBe(12_000);
    const start = h.publishes.length;
    await run(h.clock, 12_000, 100);
    const times = h.publishes.slice(start).map((p) => p.at);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...times.slice(1).map((t, i) => t - times[i]!))).toBeLessThanOrEqual(4_500);

    h.overrides.delete(serial);
    h.service.onInventoryChanged([entry('installation.fallbackSet', serial)]);
    expect(h.service.lease(serial)).toMatchObject({ fallbackS: 60, refreshEveryMs: 20_000 });
    h.service.stop();
  });
});

describe('a refresh that gets no PUBACK', () => {
  it('is tried again halfway to the lapse, not a whole period later at the lapse itself', async () => {
    const h = fakeService({
      manualAck: true,
      installations: { 'SG1-000001': { fallbackTimeoutSeconds: 15 } },
    });
    const serial = h.serials[0]!;
    const sending = h.service.send([serial], hold);
    await flush(10);
    const t0 = h.clock.now();
    h.publishes[0]!.settle({ kind: 'acked', at: t0 });
    await sending;
    h.confirmStorage(serial, 2000);
    await run(h.clock, 5_100, 100); // the refresh at +5 s (a third of 15 s)
    expect(h.publishes).toHaveLength(2);
    await run(h.clock, 5_000, 100); // no PUBACK by its 5 s deadline
    h.publishes[1]!.settle({ kind: 'timeout', reason: 'no PUBACK within 5000 ms' });
    await run(h.clock, 3_000, 100);
    // Lapse at +15 s: the next try came before it, with time to spare.
    expect(h.publishes).toHaveLength(3);
    expect(h.publishes[2]!.at - t0).toBeLessThan(14_000);
    h.publishes[2]!.settle({ kind: 'acked', at: h.clock.now() });
    await flush(10);
    expect(h.service.lease(serial)).toMatchObject({ status: 'held', refused: 1 });
    h.service.stop();
  });
});

describe('ControlService.stop()', () => {
  async function refreshInFlight() {
    const h = fakeService({ manualAck: true });
    const serial = h.serials[0]!;
    const sending = h.service.send([serial], hold);
    await flush(10);
    h.publishes[0]?.settle({ kind: 'acked', at: h.clock.now() });
    await sending;
    h.confirmStorage(serial, 2000);
    await run(h.clock, 20_100, 100);
    expect(h.publishes).toHaveLength(2); // the refresh, waiting for its PUBACK
    return h;
  }

  it('leaves no timer when a refresh in flight is refused by the link closing after it', async () => {
    const h = await refreshInFlight();
    h.service.stop();
    h.publishes[1]?.settle({ kind: 'refused', reason: 'the broker link was stopped' });
    await flush(10);
    expect(h.clock.pending()).toBe(0);
  });

  it('leaves no timer when a refresh in flight is acked after it', async () => {
    const h = await refreshInFlight();
    h.service.stop();
    h.publishes[1]?.settle({ kind: 'acked', at: h.clock.now() });
    await flush(10);
    expect(h.clock.pending()).toBe(0);
  });

  it('sends nothing that was still being recorded when it ran', async () => {
    const h = fakeService();
    const gate = h.holdCommits();
    const sending = h.service.send([h.serials[0]!], hold);
    await flush(10);
    h.service.stop();
    gate.release();
    await sending;
    await flush(10);
    expect(h.publishes).toEqual([]);
    expect(h.clock.pending()).toBe(0);
  });
});
