import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dataDir = tempDirsPerTest();

const SEGMENT = 16 * 1024;
const options = {
  journal: { maxSegmentBytes: SEGMENT },
  snapshot: { everyEntries: 1_000_000, everyMs: 3_600_000 },
};

/** Each journal segment's first entry: where the file starts and the commit it belongs to. */
const segmentStarts = (dir: string) =>
  readdirSync(join(dir, 'journal'))
    .filter((n) => /^\d{6}\.jsonl$/.test(n))
    .sort()
    .map((n) => {
      const first = readFileSync(join(dir, 'journal', n), 'utf8').split('\n')[0] ?? '{}';
      const { seq, txn } = JSON.parse(first) as { seq: number; txn?: { first: number } };
      return { seq, commitFirst: txn?.first ?? seq };
    });

describe('restore lays a journal out in segments', () => {
  it('starts segments only where a commit starts, so a healthy backup restores without journal errors', async () => {
    const source = await openInventory(dataDir(), options);
    const serials = [1, 2, 3, 4, 5].map(serialOf);
    await source.inventory.commit(serials.map((s, i) => onboardingDraft(s, i + 1)));
    // Commits of 5 entries each: the live writer keeps each within one segment.
    for (let i = 0; i < 60; i += 1)
      await source.inventory.commit(serials.map((s) => healthDraft(s, 100 + i)));
    expect(await source.inventory.verify()).toEqual([]);
    expect((await source.inventory.allProblems()).filter((p) => p.severity === 'error')).toEqual([]);
    const file = join(dataDir(), 'backup.jsonl.gz');
    await source.inventory.backup(file);
    await source.inventory.close();

    const dir = dataDir();
    const target = await openInventory(dir, options);
    await target.inventory.restore(file, 'Ann');
    const afterRestore = (await target.inventory.allProblems()).filter((p) => p.severity === 'error');
    await target.inventory.close();
    const starts = segmentStarts(dir);
    expect(starts.length).toBeGreaterThan(5);
    expect(starts.filter((s) => s.seq !== s.commitFirst)).toEqual([]);

    // And on every start after it: the background check of the older segments finds nothing.
    const reopened = await openInventory(dir, options);
    const afterReopen = (await reopened.inventory.allProblems()).filter((p) => p.severity === 'error');
    expect(await reopened.inventory.verify()).toEqual([]);
    await reopened.inventory.close();
    expect({ afterRestore, afterReopen }).toEqual({ afterRestore: [], afterReopen: [] });
  });
});
