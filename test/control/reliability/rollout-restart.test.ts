/**
 * A rollout outlives the run that started it as a record: a core stopped while its rollout is
 * paused, reopened on the same data dir, lists that rollout as `interrupted` (from an earlier run)
 * with each target as its last command left it, the outcomes restart recovery wrote included;
 * it refuses to steer it, in words.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { startFleet, constantEnvironment, type Fleet } from '../../../electron/simulator';
import type {
  RolloutDetail,
  RolloutStartAnswer,
  RolloutSummary,
} from '../../../shared/contract/rollout-methods';
import { callCore, makeCore } from '../../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../../support/mosquitto';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../simulator/wait-for';
import { onboardingDrafts } from './support/fleet-seed';

let broker: MosquittoBroker;
let fleet: Fleet;
const dir = tempDir('fleetdesk-rollout-restart-');
const dataDir = join(dir.path, 'data');

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startFleet({
    controllers: 3,
    serialStart: 7300,
    seed: 7300,
    brokerUrl: broker.url,
    fallbackTimeoutS: 30,
    feedbackPeriodS: 1,
    tickMs: 100,
    environment: () => constantEnvironment(2000, 1000),
  });
});

afterAll(async () => {
  await fleet?.stop();
  await broker?.stop();
  dir.remove();
});

async function startCore(): Promise<Core> {
  // A controller that never answers expires quickly, so the rollout pauses on its failure rate.
  const core = makeCore(dataDir, undefined, { confirmDeadlineMs: 1500 });
  await core.start();
  return core;
}

describe('a rollout after a restart', () => {
  it('is listed from the journal as interrupted, target by target, and cannot be steered', async () => {
    const specs = fleet.controllers.map((c) => c.spec);
    const [a, b, c] = specs.map((s) => s.serial) as [string, string, string];
    // Onboarded, but no simulated controller behind it: its command is never confirmed.
    const ghost = { ...specs[0]!, serial: 'SG1-GHOST-1' };
    const first = await startCore();
    await first.services().inventory.commit(onboardingDrafts([...specs, ghost]));
    await callCore(first, 'broker.connect', { url: broker.url });
    await waitFor('link up', () => first.services().broker.state().kind === 'connected', 10_000);

    const answer = await callCore<RolloutStartAnswer>(first, 'rollout.start', {
      serials: [a, ghost.serial, b, c],
      command: { storage: { policy: 'setpoint', setpointW: -300 } },
      hold: true,
      reason: 'restart test',
      options: { firstBatch: 2, batchSize: 2 },
    });
    if (!answer.ok) throw new Error(answer.reason);
    const rolloutId = answer.rollout.rolloutId;
    await waitFor(
      'paused on the ghost',
      async () => (await callCore<RolloutDetail>(first, 'rollout.get', { rolloutId })).state === 'paused',
      20_000,
    );
    await first.stop();

    const second = await startCore();
    try {
      const list = await callCore<RolloutSummary[]>(second, 'rollout.list');
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        rolloutId,
        state: 'interrupted',
        fromEarlierRun: true,
        auditReason: 'restart test',
        hold: true,
        size: 4,
        command: { storage: { policy: 'setpoint', setpointW: -300 } },
        options: { firstBatch: 2, batchSize: 2 },
        tally: { started: 2, confirmed: 1, failed: 1, notStarted: 2 },
      });
      expect(list[0]?.reason).toContain('paused');

      const detail = await callCore<RolloutDetail>(second, 'rollout.get', { rolloutId });
      const row = (serial: string) => detail.grid.find((r) => r.serial === serial);
      // Held when the first run stopped; recovery ended the lease at start-up.
      expect(row(a)).toMatchObject({ state: 'lapsed', batch: 0, attempts: 1 });
      expect(row(ghost.serial)).toMatchObject({ state: 'expired', batch: 0 });
      expect(row(b)).toMatchObject({ state: 'pending', batch: 1, attempts: 0, changedAt: null });
      expect(row(c)).toMatchObject({ state: 'pending', batch: 1 });

      for (const method of [
        'rollout.continue',
        'rollout.abort',
        'rollout.retryFailed',
        'rollout.releaseAll',
      ]) {
        const refused = await second.call(method, { rolloutId });
        expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
        expect(!refused.ok && refused.error.message).toContain('earlier session');
      }
      // A journal that cannot be read back does not hide this run's rollouts, and is tried again.
      const services = second.services();
      services.pastRollouts.invalidate();
      vi.spyOn(services.activity, 'entriesOfTypes').mockRejectedValueOnce(new Error('disk error'));
      expect(await callCore<RolloutSummary[]>(second, 'rollout.list')).toEqual([]);
      expect(await callCore<RolloutSummary[]>(second, 'rollout.list')).toHaveLength(1);
      expect(await second.call('rollout.get', { rolloutId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    } finally {
      await second.stop();
    }
  });
});
