/**
 * A backup restored while control is in use: the restored journal is the backup's, so control
 * writes back which commands are in force (restore-reconcile.ts). After the next restart, what the
 * desk shows must match what the controller follows, as for a restart without the restore (EC-3).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import type { InstallationView } from '../../../shared/domain/fleet/installation-view';
import { feedback, feedbackScene, onboard } from '../../broker-settings/support';
import { callCore, makeCore } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';

const SERIAL = 'RST-0001';
const TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const scene = feedbackScene();

async function startedDesk(path: string): Promise<Core> {
  const desk = makeCore(path, undefined, undefined, undefined, {
    broker: { id: 'cli', name: 'lab', url: scene.broker.url },
  });
  scene.cores.push(desk);
  await desk.start();
  return desk;
}

/** Holds 2 kW on the battery until the controller confirms it; returns the command id. */
async function held(desk: Core): Promise<string> {
  const control = desk.services().control;
  const sent = await control.send([SERIAL], {
    kind: 'live',
    hold: true,
    command: { storage: { policy: 'setpoint', setpointW: 2000 } },
  });
  const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
  await vi.waitFor(
    async () => {
      await scene.controller.publish(TOPIC, feedback(2000));
      expect(control.command(id)?.state.state).toBe('confirmed');
    },
    { timeout: 8_000, interval: 200 },
  );
  return id;
}

const outcomesOf = async (desk: Core, commandId: string) =>
  (await callCore<InstallationView>(desk, 'installation.get', { serial: SERIAL })).timeline
    .filter((t) => t.type === 'command.outcome' && JSON.stringify(t.detail).includes(commandId))
    .map((t) => t.detail['state']);

describe('a backup restored while control is in use, then a restart', () => {
  it('a lease held since before the backup still shows as followed (releasing) after the restart', async () => {
    const dir = tempDir('fleetdesk-restore-held-');
    scene.dirs.push(dir);
    const desk = await startedDesk(dir.path);
    await onboard(desk, SERIAL); // fallback timeout 60 s
    const { path } = await callCore<{ path: string }>(desk, 'data.backup');
    await held(desk);

    await callCore(desk, 'data.restore', { path });
    const lapsesAt = desk.services().control.lease(SERIAL)?.lapsesAt ?? 0;
    await desk.stop();
    const again = await startedDesk(dir.path);

    expect(Date.now()).toBeLessThan(lapsesAt);
    expect(again.services().control.lease(SERIAL)).toMatchObject({ status: 'releasing' });
  });

  it('a command open in the backup but released since is not ended again as lapsed (no false fallback)', async () => {
    const dir = tempDir('fleetdesk-restore-released-');
    scene.dirs.push(dir);
    const desk = await startedDesk(dir.path);
    await onboard(desk, SERIAL);
    const id = await held(desk);
    const { path } = await callCore<{ path: string }>(desk, 'data.backup');
    await desk.services().control.release(SERIAL, 'test over');

    await callCore(desk, 'data.restore', { path });
    await vi.waitFor(async () => expect(await outcomesOf(desk, id)).toContain('released'));
    await desk.stop();
    const again = await startedDesk(dir.path);

    expect(await outcomesOf(again, id)).not.toContain('lapsed');
    const view = await callCore<InstallationView>(again, 'installation.get', { serial: SERIAL });
    expect(view.installation.fallbackSince).toBeUndefined();
  });
});
