/**
 * EC-3 after a restart: a core stopped while it holds a lease (no release) and reopened on the same
 * data dir ends the held command as `lapsed` at the controller's real fallback time (showing it as
 * releasing until then), and a command
 * the journal shows in flight as `expired`, before anything lists them; the Control page and the
 * timeline show that, never "confirmed".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { LEASE_MARKS_FILE, openCommands } from '../../../electron/core/control/restart-recovery';
import {
  startFleet,
  constantEnvironment,
  type FallbackRecord,
  type Fleet,
} from '../../../electron/simulator';
import type { ControlOverview, LinkView } from '../../../shared/contract/control-methods';
import type { InstallationView } from '../../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../../support/mosquitto';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../simulator/wait-for';
import { onboardingDrafts } from './support/fleet-seed';
import { existsSync } from 'node:fs';

const FALLBACK_S = 6;
let broker: MosquittoBroker;
let fleet: Fleet;
const dir = tempDir('fleetdesk-restart-');
const logFile = join(dir.path, 'simulator.jsonl');
const records: Array<Parameters<Parameters<Fleet['onRecord']>[0]>[0]> = [];

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startFleet({
    controllers: 2,
    serialStart: 7100,
    seed: 7100,
    brokerUrl: broker.url,
    fallbackTimeoutS: FALLBACK_S,
    feedbackPeriodS: 2,
    tickMs: 100,
    logFile,
    onRecord: (r) => records.push(r),
    environment: () => constantEnvironment(2000, 1000),
  });
});

afterAll(async () => {
  await fleet?.stop();
  await broker?.stop();
  dir.remove();
});

async function startCore(): Promise<Core> {
  const core = makeCore(join(dir.path, 'data'));
  await core.start();
  return core;
}

describe('restart recovery (EC-3)', () => {
  it('ends a held lease as lapsed at last delivery + fallback, and an unsettled command as expired', async () => {
    const [a, b] = fleet.controllers.map((c) => c.spec.serial) as [string, string];
    const first = await startCore();
    await first.services().inventory.commit(onboardingDrafts(fleet.controllers.map((c) => c.spec)));
    const link = await callCore<LinkView>(first, 'broker.connect', { url: broker.url });
    await waitFor('link up', () => first.services().broker.state().kind === 'connected', 10_000);
    expect(link.url).toBe(broker.url);

    const sent = await callCore<{ ok: boolean; sent: number }>(first, 'control.send', {
      serials: [a],
      command: { storage: { policy: 'setpoint', setpointW: 800 } },
      hold: true,
    });
    expect(sent).toMatchObject({ ok: true, sent: 1 });
    const confirmed = await waitFor(
      'confirmed and refreshed twice',
      async () => {
        const o = await callCore<ControlOverview>(first, 'control.overview');
        const refreshed = (o.leases[0]?.refreshes ?? 0) >= 2;
        return o.commands[0]?.state === 'confirmed' && refreshed ? o : undefined;
      },
      15_000,
    );
    const commandId = confirmed.commands[0]?.commandId ?? '';
    // A command the journal shows published but never settled (the host died between audit and outcome).
    const strandedAt = Date.now() - 20_000;
    await first.services().inventory.commit([
      {
        type: 'command.created',
        at: strandedAt,
        actor: 'Ada Operator',
        serial: b,
        commandId: 'stranded-1',
        kind: 'live',
        groups: ['storage'],
        command: { storage: { policy: 'setpoint', setpointW: 300 } },
        hold: false,
        validUntil: strandedAt + 10_000,
        topic: 't',
        payload: '{}',
      },
    ]);

    // Stop without release: nothing refreshes the lease any more.
    await first.stop();
    const stoppedAt = Date.now();
    expect(existsSync(join(dir.path, 'data', LEASE_MARKS_FILE))).toBe(true);

    const second = await startCore();
    try {
      // Before anything else asks: the journal has no command left open.
      expect(openCommands(await second.services().inventory.journalSince(0))).toEqual([]);
      const overview = await callCore<ControlOverview>(second, 'control.overview');
      const held = overview.commands.find((c) => c.commandId === commandId);
      expect(held).toMatchObject({ serial: a, state: 'lapsed', hold: true });
      expect(held?.detail).toContain('the host restarted');
      expect(overview.commands.find((c) => c.commandId === 'stranded-1')).toMatchObject({
        state: 'expired',
      });
      expect(overview.commands.some((c) => c.state === 'confirmed')).toBe(false);
      // Until its lapse the controller still runs the command: releasing, not yet back in local control.
      expect(overview.leases).toEqual([
        expect.objectContaining({ serial: a, status: 'releasing', held: false, commandIds: [commandId] }),
      ]);
      const lapseShown = overview.leases[0]?.lapsesAt ?? 0;

      // The controller's own record of when it went back to local control.
      const fallback = await waitFor(
        'the controller fell back',
        () => records.find((r): r is FallbackRecord => r.type === 'fallback' && r.serial === a),
        FALLBACK_S * 1000 + 5000,
      );
      expect(fallback.lastCommandAtMs).toBeLessThanOrEqual(stoppedAt);
      expect(Math.abs(lapseShown - fallback.fallbackAtMs)).toBeLessThanOrEqual(1000);
      // Once it lapsed: no lease left, and the fleet shows the fallback.
      await waitFor(
        'the releasing lease ended',
        async () => (await callCore<ControlOverview>(second, 'control.overview')).leases.length === 0,
        5000,
      );
      await waitFor(
        'the fleet row in fallback',
        () => {
          const row = second
            .services()
            .fleet.list()
            .rows.find((r) => r.serial === a);
          return row?.control === 'local' && row.fallbackSince !== null;
        },
        5000,
      );

      const view = await callCore<InstallationView>(second, 'installation.get', { serial: a });
      const outcome = view.timeline.find(
        (t) =>
          t.type === 'command.outcome' &&
          t.detail['commandId'] === commandId &&
          t.detail['state'] === 'lapsed',
      );
      expect(outcome).toBeDefined();
      // The recorded time is the lapse the controller really had (its last delivery + fallback), within 1 s.
      expect(Math.abs((outcome?.at ?? 0) - fallback.fallbackAtMs)).toBeLessThanOrEqual(1000);
      expect(view.timeline.find((t) => t.detail['commandId'] === commandId)?.detail['state']).toBe('lapsed');

      const journal = await second.services().inventory.journalSince(0);
      const stranded = journal.find((e) => e.type === 'command.outcome' && e.commandId === 'stranded-1');
      expect(stranded).toMatchObject({ state: 'expired', at: strandedAt + 15_000 });
    } finally {
      await second.stop();
    }

    // A third start finds nothing to end: recovery writes each outcome once.
    const third = await startCore();
    try {
      const journal = await third.services().inventory.journalSince(0);
      const lapsed = journal.filter((e) => e.type === 'command.outcome' && e.commandId === commandId);
      expect(lapsed.map((e) => (e.type === 'command.outcome' ? e.state : ''))).toEqual([
        'confirmed',
        'lapsed',
      ]);
    } finally {
      await third.stop();
    }
  }, 60_000);
});
