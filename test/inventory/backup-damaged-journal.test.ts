import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../electron/core/api/dispatch';
import { DataService } from '../../electron/core/data/data-service';
import { CoreEvents } from '../../electron/core/events';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/**
 * A data folder whose journal has one old line altered on disk (bit rot, a stray edit): the same
 * number of lines, so only the line's hash gives it away. Start-up reports it; the data opens.
 */
async function damagedJournal() {
  const d = tempDir();
  dirs.push(d);
  const first = await openInventory(d.path);
  for (let i = 1; i <= 5; i += 1)
    await first.inventory.commit([onboardingDraft(serialOf(i), i), healthDraft(serialOf(i), 10 + i)]);
  await first.inventory.close();
  const segment = join(d.path, 'journal', '000001.jsonl');
  writeFileSync(segment, readFileSync(segment, 'utf8').replace('"status":"ok"', '"status":"ko"'));
  const opened = await openInventory(d.path);
  const problems = await opened.inventory.allProblems();
  expect(problems.map((p) => p.kind)).toContain('hash-mismatch');
  const data = new DataService({
    dataDir: d.path,
    inventory: opened.inventory,
    clock: opened.clock,
    operator: () => 'Ann',
    events: new CoreEvents(),
    healthOf: () => undefined,
  });
  return { dir: d.path, inventory: opened.inventory, data };
}

describe('a backup of a journal with a damaged line', () => {
  it('is refused with where the damage is and what to do, instead of "Backup written" for a file no restore accepts', async () => {
    const { dir, inventory, data } = await damagedJournal();
    const refusal = data.backup();
    await expect(refusal).rejects.toBeInstanceOf(ApiFailure);
    await expect(refusal).rejects.toMatchObject({ code: 'unavailable' });
    const message = await refusal.catch((error: unknown) => String(error));
    expect(message).toContain('No backup was written.');
    // The second entry is the first health call, on line 2 of the first segment.
    expect(message).toContain(
      'The journal is damaged at entry 2 (000001.jsonl line 2): it does not match its hash.',
    );
    expect(message).toContain(`copy the data folder ${dir}`);
    // Nothing half-written is left to be mistaken for a backup.
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
    await inventory.close();
  });

  it('keeps no file at the asked path when the inventory itself is asked for the backup', async () => {
    const { dir, inventory } = await damagedJournal();
    const file = join(dir, 'b.jsonl.gz');
    await expect(inventory.backup(file)).rejects.toThrow(/damaged at entry 2 .*does not match its hash/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('b.jsonl.gz'))).toEqual([]);
    await inventory.close();
  });
});
