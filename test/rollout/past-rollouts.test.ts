import { describe, expect, it } from 'vitest';
import { PAST_ROLLOUTS_KEPT, PastRolloutsReader } from '../../electron/core/control/past-rollouts-reader';
import { rebuildRollouts } from '../../shared/domain/control/past-rollouts';
import { DEFAULT_ROLLOUT } from '../../shared/domain/control/rollout-plan';
import type { JournalDraft, JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { commandCreatedDraft, commandOutcomeDraft } from '../inventory/fixtures/drafts';

type OutcomeState = Extract<JournalDraft, { type: 'command.outcome' }>['state'];

const HASH = '0'.repeat(64);
const command = { storage: { policy: 'setpoint', setpointW: -500 } };
const options = { ...DEFAULT_ROLLOUT, firstBatch: 2, batchSize: 2 };

/** Stamps drafts as the journal would (sequence numbers in order; hashes do not matter here). */
const journal = (drafts: JournalDraft[]): JournalEntry[] =>
  drafts.map((d, i) => ({ ...d, seq: i + 1, prevHash: HASH, hash: HASH }) as JournalEntry);

const started = (
  rolloutId: string,
  targets: string[],
  at = 1000,
  planOptions: Record<string, number> = options,
): JournalDraft => ({
  type: 'rollout.started',
  at,
  actor: 'Ada',
  rolloutId,
  kind: 'live',
  command,
  targets,
  batches: Math.ceil((targets.length - 2) / 2) + 1,
  options: planOptions,
  reason: 'evening peak',
});
const created = (rolloutId: string, serial: string, commandId: string, at: number): JournalDraft =>
  commandCreatedDraft(commandId, serial, at, { command, rolloutId, reason: 'evening peak' });
const outcome = (serial: string, commandId: string, state: OutcomeState, at: number): JournalDraft =>
  commandOutcomeDraft(commandId, serial, at, state, `${state} (test)`);
const changed = (
  rolloutId: string,
  state: Extract<JournalDraft, { type: 'rollout.changed' }>['state'],
  at: number,
): JournalDraft => ({ type: 'rollout.changed', at, actor: 'Ada', rolloutId, state, detail: `${state} here` });

const rowOf = (r: ReturnType<typeof rebuildRollouts>[number], serial: string) =>
  r.grid.find((row) => row.serial === serial);

describe('rollouts rebuilt from the journal after a restart', () => {
  it('shows one that Fleetdesk stopped under as interrupted, each target as its last command left it', () => {
    const [r] = rebuildRollouts(
      journal([
        started('r1', ['A', 'B', 'C', 'D', 'E']),
        created('r1', 'A', 'cA', 1100),
        created('r1', 'B', 'cB', 1100),
        outcome('A', 'cA', 'confirmed', 1200),
        outcome('B', 'cB', 'rejected', 1300),
        changed('r1', 'paused', 1300),
        // Written by restart recovery in the next run, before the UI is served.
        outcome('A', 'cA', 'lapsed', 9000),
      ]),
    );
    expect(r?.view).toMatchObject({
      rolloutId: 'r1',
      state: 'interrupted',
      reason: expect.stringContaining('while it was paused'),
      actor: 'Ada',
      startedAt: 1000,
      batchesStarted: 1,
      // A took effect before it lapsed: it counts as confirmed, as in the live grid.
      tally: { started: 2, confirmed: 1, failed: 1, pending: 0, notStarted: 3, refused: 0 },
    });
    expect(r?.cmd).toEqual({ kind: 'live', command, hold: true });
    expect(r?.auditReason).toBe('evening peak');
    expect(rowOf(r!, 'A')).toMatchObject({ state: 'lapsed', commandId: 'cA', attempts: 1, changedAt: 9000 });
    expect(rowOf(r!, 'B')).toMatchObject({ state: 'rejected', detail: 'rejected (test)', batch: 0 });
    expect(rowOf(r!, 'E')).toMatchObject({ state: 'pending', attempts: 0, changedAt: null, batch: 2 });
  });

  it('keeps a completed or aborted rollout as it ended, and a retry as the row of its latest command', () => {
    const rebuilt = rebuildRollouts(
      journal([
        started('done', ['A', 'B'], 1000),
        created('done', 'A', 'c1', 1100),
        created('done', 'B', 'c2', 1100),
        outcome('A', 'c1', 'confirmed', 1200),
        outcome('B', 'c2', 'expired', 1300),
        changed('done', 'retrying', 1400),
        created('done', 'B', 'c3', 1400),
        // The first attempt's late news does not overwrite the retry's row.
        outcome('B', 'c2', 'expired', 1450),
        outcome('B', 'c3', 'confirmed', 1500),
        changed('done', 'completed', 1500),
        started('stop', ['X', 'Y', 'Z'], 2000),
        {
          type: 'command.refused',
          at: 2100,
          actor: 'Ada',
          targets: ['X'],
          code: 'not-sent',
          reason: 'no fallback timeout known',
          rolloutId: 'stop',
        },
        changed('stop', 'aborted', 2200),
      ]),
    );
    const done = rebuilt.find((r) => r.view.rolloutId === 'done');
    expect(done?.view.state).toBe('completed');
    expect(rowOf(done!, 'B')).toMatchObject({ state: 'confirmed', commandId: 'c3', attempts: 2 });
    expect(done?.view.tally.confirmed).toBe(2);

    const stopped = rebuilt.find((r) => r.view.rolloutId === 'stop');
    expect(stopped?.view).toMatchObject({ state: 'aborted', reason: 'aborted here' });
    expect(rowOf(stopped!, 'X')).toMatchObject({ state: 'refused', detail: 'no fallback timeout known' });
    expect(stopped?.view.tally).toMatchObject({ refused: 1, failed: 1, notStarted: 2 });
  });

  it('still shows the targets of a rollout whose journaled options the plan would refuse', () => {
    const [r] = rebuildRollouts(journal([started('odd', ['A', 'B', 'C'], 1000, { firstBatch: 0 })]));
    expect(r?.grid.map((row) => [row.serial, row.batch])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
    ]);
  });

  it('says whether a rollout held its commands even when no command of it was ever created', () => {
    // Every target refused before sending: only the start entry tells how it was meant.
    const held = { ...started('held', ['A']), hold: true } as JournalDraft;
    const refused: JournalDraft = {
      type: 'command.refused',
      at: 1100,
      actor: 'Ada',
      targets: ['A'],
      code: 'not-sent',
      reason: 'the installation is offboarded',
      rolloutId: 'held',
    };
    const [r] = rebuildRollouts(journal([held, refused]));
    expect(r?.cmd.hold).toBe(true);
    expect(r?.grid.map((row) => row.state)).toEqual(['refused']);
  });

  it('ignores commands and outcomes that belong to no rollout it knows', () => {
    const rebuilt = rebuildRollouts(
      journal([
        created('elsewhere', 'A', 'c9', 10),
        outcome('A', 'c9', 'confirmed', 20),
        started('r', ['A'], 30),
        outcome('A', 'c9', 'rejected', 40),
      ]),
    );
    expect(rebuilt).toHaveLength(1);
    expect(rebuilt[0]?.grid).toEqual([
      { serial: 'A', state: 'pending', batch: 0, attempts: 0, changedAt: null },
    ]);
    expect(rebuilt[0]?.view.state).toBe('interrupted');
  });
});

describe('rollouts of earlier runs, as the Control page reads them', () => {
  const DAY = 86_400_000;
  /** One rollout a day (day `d`) to two homes, both confirmed. */
  const rolloutOfDay = (d: number): JournalDraft[] => {
    const targets = [`SG-${d}-a`, `SG-${d}-b`];
    return [
      started(`r${d}`, targets, d * DAY),
      ...targets.flatMap((serial, i) => [
        created(`r${d}`, serial, `c${d}-${i}`, d * DAY + 10),
        outcome(serial, `c${d}-${i}`, 'confirmed', d * DAY + 20),
      ]),
    ];
  };

  it(`keeps the newest ${PAST_ROLLOUTS_KEPT} and reads command entries only from the oldest of them on`, async () => {
    const entries = journal(Array.from({ length: 30 }, (_, d) => rolloutOfDay(d + 1)).flat());
    const reads: Array<{ since: number | undefined; entries: number }> = [];
    const reader = new PastRolloutsReader(async (types, since) => {
      const found = entries.filter((e) => types.includes(e.type) && e.at >= (since ?? -Infinity));
      reads.push({ since, entries: found.length });
      return found;
    });
    // Day 30's rollout belongs to this run (live in memory): the 20 before it are kept.
    const past = await reader.list(new Set(['r30']));
    expect(past.map((r) => r.view.rolloutId)).toEqual(Array.from({ length: 20 }, (_, i) => `r${29 - i}`));
    expect(past[0]?.grid.map((row) => row.state)).toEqual(['confirmed', 'confirmed']);
    // Days 10 to 30 only (5 entries a day), not the 150 of all 30 days.
    expect(reads.at(-1)).toEqual({ since: 10 * DAY, entries: 21 * 5 });
    expect(await reader.list(new Set())).toHaveLength(20); // kept: no second read
    expect(reads).toHaveLength(2);
  });

  it('reads nothing more when there was no rollout', async () => {
    const reads: Array<number | undefined> = [];
    const reader = new PastRolloutsReader(async (_types, since) => {
      reads.push(since);
      return [];
    });
    expect(await reader.list(new Set())).toEqual([]);
    expect(reads).toEqual([undefined]);
  });
});
