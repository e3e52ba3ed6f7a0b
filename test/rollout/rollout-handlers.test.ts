import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/logger';
import { startDemo, type RunningDemo } from '../../electron/demo/start-demo';
import type { ControlOverview } from '../../shared/contract/control-methods';
import type {
  RolloutDetail,
  RolloutStartAnswer,
  RolloutSummary,
} from '../../shared/contract/rollout-methods';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import { callCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { waitFor } from '../simulator/wait-for';

/**
 * The rollout methods against a real core: the demo (embedded broker, simulated controllers that
 * onboard through the listener and answer commands), called through the core's contract dispatch.
 */
let demo: RunningDemo;
let linked: string[] = [];
const dirs = [tempDir(), tempDir()];
const CONTROLLERS = 24;

beforeAll(async () => {
  writeFileSync(join(dirs[1]!.path, 'index.html'), '<!doctype html><title>t</title>');
  demo = await startDemo({
    dataDir: dirs[0]!.path,
    controllers: CONTROLLERS,
    uiPort: 0,
    seed: 11,
    rendererDir: dirs[1]!.path,
    version: '0',
    log: createLogger('silent'),
    healthPeriodS: 10,
  });
  linked = await waitFor(
    'enough linked installations',
    async () => {
      const rows = (await call<{ rows: FleetRow[] }>('fleet.list')).rows;
      const ids = rows.filter((r) => r.onboarding === 'linked').map((r) => r.serial);
      return ids.length >= 15 && rows.length === CONTROLLERS ? ids.sort() : false;
    },
    30_000,
    250,
  );
}, 60_000);

afterAll(async () => {
  await demo?.stop();
  dirs.forEach((d) => d.remove());
});

const call = <T>(method: string, request?: unknown): Promise<T> =>
  callCore<T>(demo.host.core, method, request);
const raw = (method: string, request?: unknown) => demo.host.core.call(method, request);

const charge = { storage: { policy: 'setpoint', setpointW: -500 } };
const get = (rolloutId: string) => call<RolloutDetail>('rollout.get', { rolloutId });

async function started(request: Record<string, unknown>): Promise<RolloutSummary> {
  const answer = await call<RolloutStartAnswer>('rollout.start', request);
  if (!answer.ok) throw new Error(`refused: ${answer.reason}`);
  return answer.rollout;
}

describe('rollout methods on the demo fleet', () => {
  it('refuses what the admission checks refuse, before anything is sent', async () => {
    const targets = linked.slice(0, 12);
    const base = { serials: targets, command: charge, hold: true };

    const unknown = await raw('rollout.start', { ...base, serials: [...targets, 'NOPE-1'], reason: 'x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!unknown.ok && unknown.error.message).toContain('NOPE-1');

    expect(await call('rollout.start', base)).toMatchObject({ ok: false, code: 'reason-required' });
    expect(await call('rollout.start', { ...base, reason: 'peak' })).toMatchObject({
      ok: false,
      code: 'confirmation-required',
      reason: expect.stringContaining('(12)'),
    });
    expect(await call('rollout.start', { ...base, reason: 'peak', typedHomes: 11 })).toMatchObject({
      ok: false,
      code: 'confirmation-mismatch',
    });

    // Bounded, strict requests: nonsense options and unknown keys never reach the core.
    for (const bad of [
      { ...base, reason: 'peak', typedHomes: 12, options: { firstBatch: 0 } },
      { ...base, reason: 'peak', typedHomes: 12, options: { maxFailureRatio: 1.5 } },
      { ...base, reason: 'peak', typedHomes: 12, force: true },
    ]) {
      expect(await raw('rollout.start', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(await raw('rollout.get', { rolloutId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call('rollout.list')).toEqual([]);
    const overview = await call<ControlOverview>('control.overview');
    expect(overview.commands).toEqual([]);
  });

  it('runs a staged rollout to all confirmed, shows the grid, tells the UI batched, then releases all', async () => {
    const targets = linked.slice(0, 12);
    const pushes: number[] = [];
    const off = demo.host.core.events.on('control.changed', () => pushes.push(Date.now()));
    const t0 = Date.now();
    const rollout = await started({
      serials: targets,
      command: charge,
      hold: true,
      reason: 'evening peak',
      typedHomes: 12,
      options: { firstBatch: 5, batchSize: 4 },
    });
    expect(rollout).toMatchObject({
      state: 'running',
      batches: 3,
      size: 12,
      auditReason: 'evening peak',
      hold: true,
      command: charge,
      options: { firstBatch: 5, batchSize: 4, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
    });
    expect((await call<RolloutSummary[]>('rollout.list')).map((r) => r.rolloutId)).toEqual([
      rollout.rolloutId,
    ]);

    const first = await get(rollout.rolloutId);
    expect(first.grid.map((r) => r.serial)).toEqual(targets);
    expect(first.grid.map((r) => r.batch)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);

    const done = await waitFor(
      'the rollout to complete',
      async () => {
        const d = await get(rollout.rolloutId);
        return d.state === 'completed' ? d : false;
      },
      60_000,
      200,
    );
    off();
    const elapsed = Date.now() - t0;
    expect(done.tally).toMatchObject({ started: 12, confirmed: 12, failed: 0, notStarted: 0 });
    expect(done.batchesStarted).toBe(3);
    for (const row of done.grid) {
      expect(row).toMatchObject({ state: 'confirmed', attempts: 1 });
      expect(row.changedAt).toBeGreaterThanOrEqual(t0);
      expect(row.commandId).toEqual(expect.any(String));
    }
    // The UI learns through the existing batched event: some pushes, never more than 4 a second.
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);

    // Steering a finished rollout is refused in words, not ignored.
    const again = await raw('rollout.continue', { rolloutId: rollout.rolloutId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('rollout.retryFailed', { rolloutId: rollout.rolloutId })).toEqual({ retried: 0 });

    const held = (await call<ControlOverview>('control.overview')).leases.filter((l) => l.held);
    expect(held.map((l) => l.serial).sort()).toEqual([...targets].sort());
    // The revision tells the page when the grid is worth fetching again: still while nothing changes.
    const list = await call<RolloutSummary[]>('rollout.list');
    expect(list[0]?.revision).toBe(done.revision);
    // Releasing more than one installation needs a reason, in the core, whatever the UI did.
    const bare = await raw('rollout.releaseAll', { rolloutId: rollout.rolloutId });
    expect(bare).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('needs a reason') },
    });
    expect(await raw('control.release', { serial: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    const stillHeld = (await call<ControlOverview>('control.overview')).leases.filter((l) => l.held);
    expect(stillHeld).toHaveLength(12);
    expect(
      await call('rollout.releaseAll', { rolloutId: rollout.rolloutId, reason: 'tariff error' }),
    ).toEqual({ released: 12 });
    // The reason is in the journal with each release.
    await waitFor('releases journaled with the reason', async () => {
      const page = await call<{ rows: Array<{ summary: string }> }>('activity.query', {
        filter: { text: 'Lease released' },
      });
      const withReason = page.rows.filter((r) => r.summary.includes('(reason: tariff error)'));
      return withReason.length === 12 ? true : undefined;
    });
    const after = await call<ControlOverview>('control.overview');
    expect(after.leases.filter((l) => l.held)).toEqual([]);
    const released = await get(rollout.rolloutId);
    expect(released.grid.every((r) => r.state === 'released')).toBe(true);
    expect(released.revision).not.toBe(done.revision);
  }, 90_000);

  it('pauses on a failure rate, says why, retries only the failed, and aborts', async () => {
    // Two silent controllers in the first batch of five: their commands expire, 2 of 5 fail.
    const [quiet1, quiet2, ...rest] = linked.slice(-9);
    for (const serial of [quiet1!, quiet2!]) demo.fleet.controller(serial)?.stop();
    const targets = [quiet1!, quiet2!, ...rest];
    const rollout = await started({
      serials: targets,
      command: charge,
      hold: false,
      reason: 'canary check',
      options: { firstBatch: 5, batchSize: 50 },
    });
    const paused = await waitFor(
      'the rollout to pause',
      async () => {
        const d = await get(rollout.rolloutId);
        return d.state === 'paused' ? d : false;
      },
      60_000,
      250,
    );
    // The first expiry already passes the ratio (1 of 5 = 20 % > 10 %); the second follows within a second.
    expect(paused.reason).toMatch(/^[12] of 5 targets failed (in this batch|so far) \((20|40) % > 10 %\)$/);
    expect(paused.batchesStarted).toBe(1);
    expect(paused.grid.filter((r) => r.batch === 1).every((r) => r.state === 'pending')).toBe(true);
    const bothExpired = await waitFor(
      'both quiet controllers to expire',
      async () => {
        const d = await get(rollout.rolloutId);
        const quiet = d.grid.filter((r) => r.serial === quiet1 || r.serial === quiet2);
        return quiet.every((r) => r.state === 'expired' && r.attempts === 1) ? d : false;
      },
      30_000,
      250,
    );
    expect(bothExpired.state).toBe('paused');
    // The pause keeps the reason it paused for; the tally shows what happened since.
    expect(bothExpired.reason).toBe(paused.reason);
    expect(bothExpired.tally).toMatchObject({ started: 5, failed: 2, confirmed: 3 });

    expect(await call('rollout.retryFailed', { rolloutId: rollout.rolloutId })).toEqual({ retried: 2 });
    const retried = await get(rollout.rolloutId);
    expect(retried.grid.filter((r) => r.attempts === 2).map((r) => r.serial)).toEqual([quiet1, quiet2]);
    expect(retried.grid.filter((r) => r.attempts === 1 && r.batch === 0)).toHaveLength(3);

    const aborted = await call<RolloutSummary>('rollout.abort', { rolloutId: rollout.rolloutId });
    expect(aborted.state).toBe('aborted');
    expect(await raw('rollout.continue', { rolloutId: rollout.rolloutId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The rollout is aborted, not paused.' },
    });
    // Aborted before the second batch: nothing of it was ever sent.
    const overview = await call<ControlOverview>('control.overview');
    // Commands of this rollout only: the earlier test may have sent to some of the same installations.
    const sentTo = new Set(
      overview.commands.filter((c) => c.createdAt >= rollout.startedAt).map((c) => c.serial),
    );
    expect(sentTo.size).toBeGreaterThanOrEqual(5);
    expect(rest.slice(3).filter((s) => sentTo.has(s))).toEqual([]);
  }, 90_000);
});
