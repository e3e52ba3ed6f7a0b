import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { waitFor } from '../simulator/wait-for';
import type { startHarness } from './support/harness';
import { useBrokerHarnesses } from './support/broker-harnesses';
import {
  appliedLate,
  commandsOf,
  entriesOf,
  maxPerSecond,
  minGapPerController,
  unaudited,
} from './support/log-checks';

const suite = useBrokerHarnesses(3000);
const harness = (
  controllers: number,
  fleet?: Parameters<typeof startHarness>[1]['fleet'],
  control?: Parameters<typeof startHarness>[1]['control'],
) => suite.harness(controllers, { ...(fleet ? { fleet } : {}), ...(control ? { control } : {}) });

const cost: ControlCommand = { kind: 'live', hold: true, command: { storage: { policy: 'cost' } } };
const plan = { firstBatch: 5, batchSize: 15, minConfirmRatio: 0.8, maxFailureRatio: 0.2 };

describe('staged rollout', () => {
  it('sends to 50 controllers in stages, paced, with a live grid, then releases all', async () => {
    const h = await harness(50, { sharedConnection: true });
    const refused = await h.service.startRollout(h.serials, cost, { reason: 'evening peak', plan });
    expect(refused).toMatchObject({
      ok: false,
      code: 'confirmation-required',
      reason: expect.stringContaining('(50)'),
    });

    const started = await h.service.startRollout(h.serials, cost, {
      reason: 'evening peak',
      plan,
      confirmation: { typedHomes: 50 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    const view = await rollout.done;
    expect(view).toMatchObject({
      state: 'completed',
      batches: 4,
      batchesStarted: 4,
      tally: { started: 50, confirmed: 50, failed: 0 },
    });
    expect(rollout.targets().every((t) => t.state === 'confirmed' && t.attempts === 1)).toBe(true);

    // Stages: nothing of a later batch was sent before enough of the first batch had confirmed.
    const journal = await h.journal();
    const createdAt = new Map(entriesOf(journal, 'command.created').map((e) => [e.serial, e.at]));
    const confirmedAt = (serial: string) => h.service.commands(serial)[0]?.state.at ?? Infinity;
    const first = h.serials
      .slice(0, 5)
      .map(confirmedAt)
      .sort((x, y) => x - y);
    const fourthConfirmed = first[3] ?? Infinity;
    for (const serial of h.serials.slice(5))
      expect(createdAt.get(serial)).toBeGreaterThanOrEqual(fourthConfirmed);
    expect(entriesOf(journal, 'rollout.started')[0]).toMatchObject({
      rolloutId: rollout.id,
      batches: 4,
      reason: 'evening peak',
    });
    expect(
      entriesOf(journal, 'command.created').every(
        (e) => e.rolloutId === rollout.id && e.reason === 'evening peak',
      ),
    ).toBe(true);

    // The live grid went out batched, as rollout events.
    const gridEvents = h.events.filter((e) => e.type === 'rollout');
    expect(gridEvents.length).toBeGreaterThan(0);
    expect(gridEvents.length).toBeLessThan(50 * 3);

    // Held: refreshes keep coming every second (fallback 3 s) and still no controller gets more than one a second.
    await waitFor('refreshes', () => h.service.leases().every((l) => l.refreshes >= 2), 8000);
    expect(minGapPerController(h.records)).toBeGreaterThanOrEqual(1000);
    expect(maxPerSecond(h.records)).toBeLessThanOrEqual(200);
    expect(appliedLate(h.records)).toEqual([]);
    expect(unaudited(h.records, await h.journal())).toEqual([]);

    expect(await rollout.releaseAll('evening peak over')).toBe(50);
    // None refreshed any more; each controller keeps the command until its fallback timeout.
    expect(h.service.leases().map((l) => l.status)).toEqual(Array(50).fill('releasing'));
    await waitFor('release journaled', async () =>
      entriesOf(await h.journal(), 'rollout.changed').find(
        (e) => e.state === 'released' && e.rolloutId === rollout.id,
      ),
    );
    console.log(
      `rollout of 50: ${view.batches} batches in ${Math.max(...[...createdAt.values()]) - Math.min(...[...createdAt.values()])} ms; ` +
        `${commandsOf(h.records).length} commands received; smallest gap per controller ${minGapPerController(h.records)} ms; ` +
        `peak ${maxPerSecond(h.records)} commands/s`,
    );
  });

  it('pauses on the failure rate, retries the failed only, and can be aborted', async () => {
    const h = await harness(12, { rejectRate: 0.75 }, { confirmDeadlineMs: 5000 });
    const started = await h.service.startRollout(h.serials, cost, {
      reason: 'canary',
      plan: { firstBatch: 6, batchSize: 3, minConfirmRatio: 0.9, maxFailureRatio: 0.1 },
      confirmation: { typedHomes: 12 },
    });
    if (!started.ok) throw new Error(started.reason);
    const rollout = started.rollout;
    await waitFor('paused', () => rollout.view().state === 'paused', 10_000);
    expect(rollout.view().reason).toMatch(/targets failed/);
    expect(rollout.view().batchesStarted).toBe(1);
    const failed = rollout
      .targets()
      .filter((t) => t.state === 'rejected')
      .map((t) => t.serial);
    expect(failed.length).toBeGreaterThan(0);
    expect(
      rollout
        .targets()
        .filter((t) => t.batch > 0)
        .every((t) => t.state === 'pending'),
    ).toBe(true);

    expect(rollout.retryFailed()).toBe(failed.length);
    await waitFor(
      'retried targets settled',
      () =>
        rollout
          .targets()
          .filter((t) => failed.includes(t.serial))
          .every(
            (t) => t.attempts === 2 && t.state !== 'draft' && t.state !== 'sent' && t.state !== 'accepted',
          ),
      10_000,
    );
    expect(
      rollout
        .targets()
        .filter((t) => !failed.includes(t.serial))
        .every((t) => t.attempts <= 1),
    ).toBe(true);

    rollout.abort();
    expect((await rollout.done).state).toBe('aborted');
    const states = entriesOf(
      await waitFor('journal', async () => {
        const j = await h.journal();
        return entriesOf(j, 'rollout.changed').some((e) => e.state === 'aborted') ? j : undefined;
      }),
      'rollout.changed',
    ).map((e) => e.state);
    expect(states).toEqual(expect.arrayContaining(['paused', 'retrying', 'aborted']));
    await h.service.release('all', 'test over');
  });
});
