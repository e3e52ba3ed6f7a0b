/**
 * Through mosquitto and a simulated controller: a held battery whose installation onboards again
 * (committed through the real inventory, as the listener does) with a smaller rating gets no
 * refresh beyond the new rating.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../simulator/wait-for';
import { useBrokerHarnesses } from './support/broker-harnesses';
import { devicesOf, onboarding } from './support/harness';
import { holdStorage, storageSetpointOf } from './support/lease-fixtures';

const suite = useBrokerHarnesses(4000);

describe('a held battery re-onboarded with a smaller rating, against mosquitto', () => {
  it('gets no refresh beyond its new rating, and the journal says why the lease was released', async () => {
    const h = await suite.harness(1, { fleet: { fallbackTimeoutS: 3 } });
    const serial = h.serials[0]!;
    const spec = h.fleet.controllers[0]!.spec;
    const setpointW = Math.round(spec.storage.nominalPowerW * 0.8);
    const sent = await h.service.send([serial], holdStorage(setpointW));
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');

    const smaller = Math.round(setpointW / 2);
    const draft = onboarding(spec, Date.now());
    const body = draft.type === 'callback.onboarding' ? draft.body : {};
    const devices = devicesOf(spec).map((d) => (d.type === 'storage' ? { ...d, nominalPowerW: smaller } : d));
    const entries = await h.inventory.commit([
      { ...draft, requestId: 'req-again', body: { ...body, devices } } as typeof draft,
    ]);
    h.service.onInventoryChanged(entries);
    expect(h.service.dryRun([serial], holdStorage(setpointW)).targets[0]!.errors).not.toEqual([]);

    const from = h.publishes.length;
    const t0 = Date.now();
    await waitFor('3 s (three refresh periods)', () => Date.now() - t0 > 3000, 5000);
    const over = h.publishes
      .slice(from)
      .map((p) => storageSetpointOf(p.payload))
      .filter((w) => w !== undefined && Math.abs(w) > smaller);
    expect(over).toEqual([]);
    const released = (await h.journal()).find((e) => e.type === 'lease.released');
    expect(released).toMatchObject({
      serial,
      reason: expect.stringContaining('no longer fits the installation'),
    });
  });
});
