import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:buffer';
import { fromSnapshot, stateFingerprint } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dataDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

const journalBytes = (dir: string) =>
  readdirSync(join(dir, 'journal')).reduce((sum, name) => sum + statSync(join(dir, 'journal', name)).size, 0);

/**
 * Backups used to be one JSON string, and V8 caps a string at `constants.MAX_STRING_LENGTH`
 * (~512 MiB): past about a million health calls the backup failed with "Invalid string length",
 * and so would reading one back. This journal is larger than that cap (fewer, bigger entries, to
 * get there quickly: health calls carrying 9 KB of diagnostics each).
 */
describe('backup of a journal larger than a JavaScript string can hold', () => {
  it('backs up and restores it whole', { timeout: 300_000 }, async () => {
    const sourceDir = dataDir();
    const source = await openInventory(sourceDir);
    for (let i = 0; i < 10; i += 1) await source.inventory.commit([onboardingDraft(serialOf(i), i)]);
    const diagnostics = 'battery module temperatures and cell voltages; '.repeat(190);
    let at = 100;
    while (journalBytes(sourceDir) <= constants.MAX_STRING_LENGTH + 20 * 1024 * 1024) {
      const batch = [];
      for (let i = 0; i < 1000; i += 1) {
        const draft = healthDraft(serialOf(i % 10), (at += 1));
        batch.push(
          source.inventory.commit([
            'body' in draft ? { ...draft, body: { ...draft.body, diagnostics } } : draft,
          ]),
        );
      }
      await Promise.all(batch);
    }
    const file = join(dataDir(), 'big.jsonl.gz');
    const summary = await source.inventory.backup(file);
    expect(summary.entries).toBe(source.inventory.seq);
    const expected = stateFingerprint(fromSnapshot(source.inventory.snapshot()));
    await source.inventory.close();

    const targetDir = dataDir();
    const target = await openInventory(targetDir);
    await target.inventory.restore(file, 'Ann');
    const entries = target.inventory.seq - 1; // the restore's own entry comes last
    expect(entries).toBe(summary.entries);
    expect(journalBytes(targetDir)).toBeGreaterThan(constants.MAX_STRING_LENGTH);
    const latest = (await target.inventory.timeline(serialOf(3))).at(-1);
    expect(latest && 'body' in latest ? latest.body : undefined).toMatchObject({ diagnostics });
    const last = (await target.inventory.timeline(serialOf((at - 101) % 10))).at(-1);
    expect(last?.at).toBe(at);
    const restored = target.inventory.snapshot();
    expect(stateFingerprint(fromSnapshot({ ...restored, seq: summary.seq, hash: last?.hash ?? '' }))).toBe(
      expected,
    );
    await target.inventory.close();
  });
});
