import { describe, expect, it } from 'vitest';
import { PAST_ROLLOUTS_KEPT, PastRolloutsReader } from '../../electron/core/control/past-rollouts-reader';
import { DEFAULT_ROLLOUT } from '../../shared/domain/control/rollout-plan';
import type { JournalDraft, JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { commandCreatedDraft, commandOutcomeDraft } from '../inventory/fixtures/drafts';

const HASH = '0'.repeat(64);
const command = { storage: { policy: 'setpoint', setpointW: -500 } };

/** One rollout a day (day `d`) to two homes, both confirmed. */
function rolloutOfDay(d: number): JournalDraft[] {
  const at = d * 86_400_000;
  const rolloutId = `r${d}`;
  const targets = [`SG-${d}-a`, `SG-${d}-b`];
  return [
    {
      type: 'rollout.started',
      at,
      actor: 'Ada',
      rolloutId,
      kind: 'live',
      command,
      targets,
      batches: 1,
      options: { ...DEFAULT_ROLLOUT, firstBatch: 2 },
      reason: 'evening peak',
    },
    ...targets.flatMap((serial, i) => [
      commandCreatedDraft(`c${d}-${i}`, serial, at + 10, { command, rolloutId, reason: 'evening peak' }),
      commandOutcomeDraft(`c${d}-${i}`, serial, at + 20, 'confirmed', 'confirmed (test)'),
    ]),
  ];
}

describe('rollouts of earlier runs', () => {
  it(`keeps the newest ${PAST_ROLLOUTS_KEPT} and reads command entries only from the oldest of them on`, async () => {
    const journal = Array.from({ length: 30 }, (_, d) => rolloutOfDay(d + 1))
      .flat()
      .map((draft, i) => ({ ...draft, seq: i + 1, prevHash: HASH, hash: HASH }) as JournalEntry);
    const reads: Array<{ types: readonly string[]; since: number | undefined; entries: number }> = [];
    const reader = new PastRolloutsReader(async (types, since) => {
      const entries = journal.filter((e) => types.includes(e.type) && e.at >= (since ?? -Infinity));
      reads.push({ types, since, entries: entries.length });
      return entries;
    });
    // Day 30's rollout belongs to this run (live in memory): the 20 before it are kept.
    const past = await reader.list(new Set(['r30']));
    expect(past.map((r) => r.view.rolloutId)).toEqual(Array.from({ length: 20 }, (_, i) => `r${29 - i}`));
    expect(past[0]?.grid.map((row) => row.state)).toEqual(['confirmed', 'confirmed']);
    // Days 10 to 30 only (5 entries a day), not the 150 of all 30 days.
    expect(reads.at(-1)).toMatchObject({ since: 10 * 86_400_000, entries: 21 * 5 });
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
