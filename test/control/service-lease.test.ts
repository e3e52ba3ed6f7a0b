import { describe, expect, it } from 'vitest';
import type { FallbackRecord } from '../../electron/simulator';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { waitFor } from '../simulator/wait-for';
import type { Harness } from './support/harness';
import { useBrokerHarnesses } from './support/broker-harnesses';
import {
  appliedLate,
  commandsOf,
  entriesOf,
  fallbacksOf,
  minGapPerController,
  unaudited,
} from './support/log-checks';

const suite = useBrokerHarnesses(1000);
const harness = (controllers: number, fallbackTimeoutS = 3) =>
  suite.harness(controllers, { fleet: { fallbackTimeoutS } });

const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 600 } },
};

async function sendConfirmed(h: Harness, serial: string): Promise<string> {
  const sent = await h.service.send([serial], hold);
  const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
  expect((await h.service.settled(id)).state.state).toBe('confirmed');
  return id;
}

describe('leases', () => {
  it('holds control while refreshed, and after release the controller falls back at its timeout ± 1 s', async () => {
    const h = await harness(1);
    const serial = h.serials[0] as string;
    const id = await sendConfirmed(h, serial);
    const lease = h.service.leases()[0];
    expect(lease).toMatchObject({ serial, held: true, fallbackS: 3, refreshEveryMs: 1000, commandIds: [id] });
    expect((lease?.lapsesAt ?? 0) - (lease?.lastDeliveredAt ?? 0)).toBe(3000);

    // Twice the fallback timeout under control: the controller must not fall back.
    await waitFor('six refreshes', () => (h.service.leases()[0]?.refreshes ?? 0) >= 6, 10_000);
    expect(fallbacksOf(h.records, serial)).toEqual([]);
    expect(h.service.leases()[0]?.lapsesAt).toBeGreaterThan(Date.now());

    const [released] = await h.service.release(serial);
    const releasedAt = Date.now();
    expect(h.service.command(id)?.state).toMatchObject({ state: 'released', actor: 'Ada Operator' });
    // Nothing tells the controller to stop: it keeps the command until its fallback timeout, so
    // control says "releasing until localAt", never "local" before then.
    const releasing = {
      serial,
      status: 'releasing',
      held: false,
      groups: ['storage'],
      commandIds: [id],
      lapsesAt: released?.localAt,
    };
    expect(h.service.leases()).toEqual([expect.objectContaining(releasing)]);
    expect(h.service.lease(serial)).toMatchObject(releasing);
    expect(released?.localAt).toBeGreaterThan(releasedAt);
    const publishesAtRelease = h.publishes.length;

    const fromFile = await waitFor(
      'fallback in the simulator log file',
      () => h.readLog().find((r): r is FallbackRecord => r.type === 'fallback' && r.serial === serial),
      8000,
    );
    expect(fromFile.lastCommandAtMs).toBeLessThanOrEqual(releasedAt);
    expect(fromFile.fallbackAtMs - fromFile.lastCommandAtMs).toBe(3000);
    expect(Math.abs(fromFile.detectedAtMs - fromFile.lastCommandAtMs - 3000)).toBeLessThanOrEqual(1000);
    // What we told the operator (local control at `localAt`) held to within a second.
    expect(Math.abs(fromFile.detectedAtMs - (released?.localAt ?? 0))).toBeLessThanOrEqual(1000);
    expect(h.publishes.length).toBe(publishesAtRelease);
    // Past that time it is local: no lease of it is listed any more.
    await waitFor('back on local control', () => h.service.leases().length === 0, 2000);
    expect(Date.now()).toBeGreaterThanOrEqual(released?.localAt ?? Infinity);

    expect(minGapPerController(h.records)).toBeGreaterThanOrEqual(1000);
    expect(appliedLate(h.records)).toEqual([]);
    const journal = await h.journal();
    expect(unaudited(h.records, journal)).toEqual([]);
    const entry = entriesOf(journal, 'lease.released')[0];
    expect(entry).toMatchObject({ serial, groups: ['storage'], commandIds: [id], actor: 'Ada Operator' });
    expect(entry?.refreshes).toBeGreaterThanOrEqual(6);
    // Refreshes are counted, not journaled one by one.
    expect(entriesOf(journal, 'command.created')).toHaveLength(1);
    expect(commandsOf(h.records, serial).length).toBeGreaterThanOrEqual(7);
  });

  it('a one-shot command (not held) lapses after one fallback timeout', async () => {
    const h = await harness(1, 4);
    const sent = await h.service.send(h.serials, { ...hold, hold: false });
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');
    // In force but never refreshed: listed as such, with when it returns to local control.
    const lease = h.service.lease(h.serials[0] as string);
    expect(lease).toMatchObject({ status: 'unheld', held: false, refreshes: 0 });
    expect(lease?.lapsesAt).toBe((lease?.lastDeliveredAt ?? 0) + 4000);
    await waitFor('lapsed', () => h.service.command(id)?.state.state === 'lapsed', 6000);
    // The plan, not a fallback: worded so, and nothing is left "releasing" after it.
    expect(h.service.command(id)?.state).toMatchObject({
      detail: expect.stringContaining('returned to local control as planned'),
    });
    expect(h.service.leases()).toEqual([]);
    expect(await waitFor('fallback', () => fallbacksOf(h.records)[0], 3000)).toMatchObject({ timeoutS: 4 });
  });

  it('release all stops every lease at once (the kill switch)', async () => {
    const h = await harness(3);
    const ids = await Promise.all(h.serials.map((s) => sendConfirmed(h, s)));
    expect(h.service.leases()).toHaveLength(3);
    const released = await h.service.release('all', 'test over');
    expect(released.map((r) => r.serial).sort()).toEqual([...h.serials].sort());
    expect(ids.map((id) => h.service.command(id)?.state.state)).toEqual(['released', 'released', 'released']);
    const count = h.publishes.length;
    await waitFor('every controller back to local control', () => fallbacksOf(h.records).length === 3, 6000);
    expect(h.publishes.length).toBe(count);
  });
});
