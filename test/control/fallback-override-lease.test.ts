/**
 * The operator's fallback timeout reaches a lease Fleetdesk already holds, through the whole core
 * against mosquitto: `installation.setFallback` commits the entry, the commit fans out to control,
 * and the held lease re-plans its refreshes and its lapse time at once with the operator's value
 * (read from the inventory by services.ts), not at its next refresh a third of the old timeout later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { InstallationControl } from '../../shared/contract/control-methods';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { callCore, makeCore } from '../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { waitFor } from '../simulator/wait-for';

const SERIAL = 'SG1-FB-0100';

const onboarding: JournalDraft = {
  type: 'callback.onboarding',
  at: Date.now(),
  actor: 'listener',
  serial: SERIAL,
  requestId: `req-${SERIAL}`,
  headers: {},
  body: {
    serialNumber: SERIAL,
    siteNodeId: `${SERIAL}_site_0`,
    devices: [{ type: 'storage', nominalPowerW: 5000, capacityWh: 10000 }],
    fallbackTimeoutSeconds: 300,
  },
};

let broker: MosquittoBroker;
let core: Core;

beforeAll(async () => {
  broker = await startMosquitto();
  // No controller answers here: a long confirmation deadline keeps the command (and its lease) in force.
  core = makeCore(undefined, undefined, { confirmDeadlineMs: 600_000 });
  await core.start();
  await core.services().inventory.commit([onboarding]);
  await callCore(core, 'broker.connect', { url: broker.url });
});

afterAll(async () => {
  await core?.stop();
  await broker?.stop();
});

const leaseOf = async () =>
  (await callCore<InstallationControl>(core, 'control.installation', { serial: SERIAL })).lease;

describe('a held lease and the operator’s fallback timeout, through the core', () => {
  it('re-plans at once when the operator sets it, and again when it is cleared', async () => {
    await waitFor('link up', async () => core.services().broker.state().kind === 'connected', 10_000);
    const sent = await callCore<{ ok: boolean }>(core, 'control.send', {
      serials: [SERIAL],
      command: { storage: { policy: 'setpoint', setpointW: 1000 } },
      hold: true,
    });
    expect(sent.ok).toBe(true);
    const held = await waitFor('delivered', async () => {
      const lease = await leaseOf();
      return lease?.lastDeliveredAt !== null && lease?.lastDeliveredAt !== undefined ? lease : undefined;
    });
    expect(held).toMatchObject({ status: 'held', fallbackS: 300, refreshEveryMs: 100_000 });

    await callCore(core, 'installation.setFallback', { serial: SERIAL, seconds: 30 });
    // Within a second or two, where the old plan's next refresh was 100 s away.
    const replanned = await waitFor(
      're-planned',
      async () => {
        const lease = await leaseOf();
        return lease?.fallbackS === 30 ? lease : undefined;
      },
      2000,
    );
    expect(replanned).toMatchObject({ status: 'held', fallbackS: 30, refreshEveryMs: 10_000 });
    expect(replanned!.lapsesAt! - replanned!.lastDeliveredAt!).toBeLessThanOrEqual(30_000);

    await callCore(core, 'installation.setFallback', { serial: SERIAL, seconds: null });
    const back = await waitFor(
      'back to onboarding’s',
      async () => {
        const lease = await leaseOf();
        return lease?.fallbackS === 300 ? lease : undefined;
      },
      2000,
    );
    expect(back).toMatchObject({ status: 'held', refreshEveryMs: 100_000 });
  });
});
