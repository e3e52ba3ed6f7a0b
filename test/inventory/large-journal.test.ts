import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:buffer';
import { promisify } from 'node:util';
import { fromSnapshot, stateFingerprint } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const run = promisify(execFile);
const OPEN_ONCE = join(import.meta.dirname, 'fixtures', 'open-once.ts');
const HEAP_MB = 192;

const journalBytes = (dir: string) =>
  readdirSync(join(dir, 'journal')).reduce((sum, name) => sum + statSync(join(dir, 'journal', name)).size, 0);

/**
 * A journal larger than a JavaScript string can hold: V8 caps one at `constants.MAX_STRING_LENGTH`
 * (~512 MiB). Backups used to be one JSON string, so past about a million health calls they
 * failed with "Invalid string length"; and an open without a snapshot collected every entry in
 * memory before replaying them. Fewer, bigger entries get there quickly: health calls carrying
 * 9 KB of diagnostics each.
 */
describe('a journal larger than a JavaScript string can hold', () => {
  const dirs = [tempDir(), tempDir(), tempDir()];
  const [sourceDir, backupDir, targetDir] = dirs.map((d) => d.path) as [string, string, string];
  const diagnostics = 'battery module temperatures and cell voltages; '.repeat(190);
  const file = join(backupDir, 'big.jsonl.gz');
  let at = 100;
  let summary: { seq: number; entries: number; bytes: number };
  let expected: string;

  beforeAll(async () => {
    const source = await openInventory(sourceDir);
    for (let i = 0; i < 10; i += 1) await source.inventory.commit([onboardingDraft(serialOf(i), i)]);
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
    summary = await source.inventory.backup(file);
    expected = stateFingerprint(fromSnapshot(source.inventory.snapshot()));
    await source.inventory.close();
  }, 300_000);
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('backs up and restores it whole', { timeout: 300_000 }, async () => {
    const target = await openInventory(targetDir);
    await target.inventory.restore(file, 'Ann');
    expect(summary.entries).toBe(target.inventory.seq - 1); // the restore's own entry comes last
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

  it(
    `rebuilds it without a snapshot in a ${HEAP_MB} MB heap, replaying entry by entry`,
    { timeout: 300_000 },
    async () => {
      rmSync(join(sourceDir, 'inventory.json'));
      const { stdout } = await run(
        process.execPath,
        [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', OPEN_ONCE, sourceDir],
        { env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' }, maxBuffer: 1024 * 1024 },
      );
      expect(JSON.parse(stdout)).toEqual({ seq: summary.seq, installations: 10, problems: [] });
    },
  );
});
