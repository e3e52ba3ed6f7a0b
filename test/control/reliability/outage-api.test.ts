/**
 * MQ-3, through the API the UI uses (core.call, as the Control and installation pages do): while
 * the broker is unreachable a command is refused at once with the reason in words, nothing is
 * published or delivered later, and the inventory and the timeline keep working (list, notes,
 * the refusal itself on the installation's timeline). When the broker is back, sending works again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantEnvironment, startFleet, type Fleet, type RunRecord } from '../../../electron/simulator';
import type { ControlOverview } from '../../../shared/contract/control-methods';
import type { DryRun } from '../../../shared/domain/control/dry-run';
import type { InstallationView } from '../../../shared/domain/fleet/installation-view';
import type { FleetRow } from '../../../shared/domain/fleet/fleet-row';
import { callCore, makeCore } from '../../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../../support/mosquitto';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../simulator/wait-for';
import { commandsOf } from '../support/log-checks';
import { onboardingDrafts, sleep } from './support/fleet-seed';

let broker: MosquittoBroker;
let fleet: Fleet;
const records: RunRecord[] = [];
const dir = tempDir('fleetdesk-outage-api-');

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startFleet({
    controllers: 2,
    serialStart: 7600,
    seed: 7600,
    brokerUrl: broker.url,
    fallbackTimeoutS: 30,
    feedbackPeriodS: 2,
    tickMs: 100,
    onRecord: (r) => records.push(r),
    environment: () => constantEnvironment(2000, 1000),
  });
});

afterAll(async () => {
  await fleet?.stop();
  await broker?.stop();
  dir.remove();
});

const storage = { storage: { policy: 'setpoint', setpointW: 400 } };

describe('broker unreachable, through the API', () => {
  it('refuses commands with the reason; inventory and timeline keep working; sends again once back', async () => {
    const [a] = fleet.controllers.map((c) => c.spec.serial) as [string];
    const core = makeCore(join(dir.path, 'data'));
    await core.start();
    try {
      await core.services().inventory.commit(onboardingDrafts(fleet.controllers.map((c) => c.spec)));
      await callCore(core, 'broker.connect', { url: broker.url });
      await waitFor(
        'link up',
        async () => (await callCore<ControlOverview>(core, 'control.overview')).link.state === 'connected',
        10_000,
      );

      broker.kill();
      const downAt = Date.now();
      const overview = await waitFor(
        'the Control page shows the link down, in words',
        async () => {
          const o = await callCore<ControlOverview>(core, 'control.overview');
          return o.link.state !== 'connected' && o.link.lastError !== null ? o : undefined;
        },
        10_000,
      );
      expect(overview.link.lastError).toMatch(/\w+ \w+/);

      // The dry run already says why it cannot go; the send is refused at once, not queued.
      const dry = await callCore<DryRun>(core, 'control.dryRun', {
        serials: [a],
        command: storage,
        hold: true,
      });
      expect(dry.blockedBy).toEqual(expect.stringContaining('not queued'));
      const started = Date.now();
      const refused = await callCore<{ ok: boolean; code?: string; reason?: string }>(core, 'control.send', {
        serials: [a],
        command: storage,
        hold: true,
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(refused).toMatchObject({
        ok: false,
        code: 'link-down',
        reason: expect.stringContaining('not queued'),
      });

      // Inventory and timeline keep working: the list, a note, and the refusal on the timeline.
      const list = await callCore<{ rows: FleetRow[] }>(core, 'fleet.list');
      expect(list.rows.map((r) => r.serial).sort()).toEqual(
        fleet.controllers.map((c) => c.spec.serial).sort(),
      );
      const noted = await callCore<InstallationView>(core, 'installation.addNote', {
        serial: a,
        text: 'Broker down; called the supplier',
      });
      expect(noted.timeline[0]).toMatchObject({ type: 'note.added' });
      const refusal = noted.timeline.find((t) => t.type === 'command.refused');
      expect(refusal?.detail).toMatchObject({ code: 'link-down', targets: [a] });

      // Back up: nothing from the outage arrives, and a new command goes through to confirmation.
      await broker.restart();
      await waitFor(
        'link back',
        async () => (await callCore<ControlOverview>(core, 'control.overview')).link.state === 'connected',
        15_000,
      );
      await sleep(1000);
      expect(commandsOf(records).filter((c) => c.receivedAtMs >= downAt)).toEqual([]);
      const sent = await callCore<{ ok: boolean; sent: number }>(core, 'control.send', {
        serials: [a],
        command: storage,
        hold: false,
      });
      expect(sent).toMatchObject({ ok: true, sent: 1 });
      await waitFor(
        'confirmed after the outage',
        async () =>
          (await callCore<ControlOverview>(core, 'control.overview')).commands[0]?.state === 'confirmed',
        15_000,
      );
    } finally {
      await core.stop();
    }
  }, 60_000);
});
