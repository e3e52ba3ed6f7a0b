import { describe, expect, it, vi } from 'vitest';
import type { ControlContext } from '../../electron/core/control/control-context';
import type { CommandRecord } from '../../electron/core/control/command-record';
import { Rollout } from '../../electron/core/control/rollout';
import { systemClock } from '../../electron/core/clock';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import type { CommandStateName } from '../../shared/domain/control/lifecycle';
import { planRollout, type RolloutOptions } from '../../shared/domain/control/rollout-plan';

/**
 * The rollout over a scripted fleet: `dispatch` is replaced so each test decides, per command, what
 * the controller answered. What is checked is what the operator reads: counts, what Retry re-sends,
 * whether a batch starts.
 */
const sent: Array<{ serial: string; id: string }> = [];
let observer: ((r: CommandRecord) => void) | undefined;

vi.mock('../../electron/core/control/dispatcher', () => ({
  dispatch: vi.fn(async (_ctx: unknown, serial: string, _cmd: unknown, who: { rolloutId: string }) => {
    const id = `${serial}#${sent.length + 1}`;
    sent.push({ serial, id });
    set(serial, id, 'sent', who.rolloutId);
    return { serial, ok: true, commandId: id };
  }),
}));

const records = new Map<string, { rolloutId: string; serial: string }>();
function set(serial: string, id: string, state: CommandStateName, rolloutId?: string): void {
  if (rolloutId !== undefined) records.set(id, { rolloutId, serial });
  const info = records.get(id)!;
  observer?.({ id, info, state: { state, at: Date.now(), detail: state } } as unknown as CommandRecord);
}
/** The latest command sent to the serial. */
const latest = (serial: string) => [...sent].reverse().find((s) => s.serial === serial)!.id;

function start(serials: string[], options: RolloutOptions): Rollout {
  sent.length = 0;
  records.clear();
  const ctx = {
    deps: { clock: systemClock, operator: () => 'Ada' },
    options: { eventBatchMs: 5 },
    emitter: { emit: () => undefined },
    journal: { behind: () => undefined },
    state: {
      observe: (fn: (r: CommandRecord) => void) => {
        observer = fn;
        return () => (observer = undefined);
      },
    },
  } as unknown as ControlContext;
  const cmd: ControlCommand = { kind: 'live', hold: true, command: { storage: { policy: 'cost' } } };
  const rollout = new Rollout(ctx, {
    id: 'r1',
    plan: planRollout(serials, options),
    cmd,
    actor: 'Ada',
    reason: 'qa',
  });
  rollout.start();
  return rollout;
}

const tick = () => new Promise((r) => setTimeout(r, 10));
const serials = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);

describe('rollout counts: one reading of each target', () => {
  it('counts a target confirmed then rejected as failed, everywhere, and Retry re-sends exactly those', async () => {
    const all = serials(15);
    const rollout = start(all, { firstBatch: 15, batchSize: 5, minConfirmRatio: 0.8, maxFailureRatio: 0.1 });
    await tick();
    // 6 confirmed; 3 confirmed and then a refresh was refused (rejected); 3 rejected; 3 expired.
    all.slice(0, 9).forEach((s) => set(s, latest(s), 'confirmed'));
    all.slice(6, 12).forEach((s) => set(s, latest(s), 'rejected'));
    all.slice(12).forEach((s) => set(s, latest(s), 'expired'));
    await tick();

    const view = rollout.view();
    const grid = rollout.targets();
    expect(view.state).toBe('paused');
    expect(grid.filter((t) => t.state === 'confirmed')).toHaveLength(6);
    expect(view.tally).toMatchObject({ confirmed: 6, failed: 9, inForce: 6, pending: 0 });

    sent.length = 0;
    expect(rollout.retryFailed()).toBe(9);
    await tick();
    expect(sent.map((s) => s.serial).sort()).toEqual(all.slice(6).sort());
    // The first attempt's commands ended; a late event of one must not overwrite the retry's row.
    set('S7', 'S7#7', 'rejected');
    expect(rollout.targets().find((t) => t.serial === 'S7')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(rollout.view().tally).toMatchObject({ confirmed: 6, failed: 0, pending: 9 });
    rollout.stop();
  });

  it('Retry failed on a paused rollout re-sends the failed only; the next batch waits for their results', async () => {
    const all = serials(10);
    const rollout = start(all, { firstBatch: 5, batchSize: 5, minConfirmRatio: 0.8, maxFailureRatio: 0.1 });
    await tick();
    all.slice(0, 4).forEach((s) => set(s, latest(s), 'confirmed'));
    set('S5', latest('S5'), 'rejected');
    await tick();
    expect(rollout.view()).toMatchObject({ state: 'paused', batchesStarted: 1 });

    sent.length = 0;
    expect(rollout.retryFailed()).toBe(1);
    await tick();
    expect(sent.map((s) => s.serial)).toEqual(['S5']);
    expect(rollout.view()).toMatchObject({ batchesStarted: 1, retrying: 1 });

    // The retried target confirms: now the gate passes on results and batch 2 starts.
    set('S5', latest('S5'), 'confirmed');
    await tick();
    expect(rollout.view().batchesStarted).toBe(2);
    expect(rollout.view().retrying).toBeUndefined();
    expect(sent.map((s) => s.serial)).toEqual(['S5', ...all.slice(5)]);
    rollout.stop();
  });
});
