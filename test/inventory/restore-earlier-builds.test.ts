import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupInvalidError } from '../../electron/core/inventory/backup-invalid';
import { tempDir } from '../support/temp-dir';
import { onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

/*
 * Backups written by the real earlier builds (how: the make-*.ts.txt script beside each file).
 * Later builds keep more in the state than those builds did, derived from the same entries: the
 * backup's journal decides, and the restore must not call the file inconsistent for it.
 */
const EARLIER = join(import.meta.dirname, 'fixtures', 'earlier-builds');

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dataDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

async function restored(file: string) {
  const { inventory } = await openInventory(dataDir());
  const result = await inventory.restore(file, 'Ann').then(
    (r) => ({ ok: true as const, seq: r.seq }),
    (error: unknown) => ({ ok: false as const, message: String(error) }),
  );
  return { inventory, result };
}

describe('restore of a backup written by an earlier build', () => {
  it('restores a backup whose journal holds a lapsed lease, written before fallbackSince was kept', async () => {
    const { inventory, result } = await restored(join(EARLIER, 'backup-before-fallback-since.jsonl.gz'));
    expect(result).toEqual({ ok: true, seq: 6 });
    expect(inventory.listInstallations().map((i) => i.serial)).toEqual([serialOf(1)]);
    // The lapsed lease shows as in fallback, as this build derives it from the journal.
    expect(inventory.getInstallation(serialOf(1))?.fallbackSince).toEqual({ storage: 500_000 });
    await inventory.close();
  });

  it('restores a backup with a rejection and a linked controller naming another contract, written before those were kept', async () => {
    const { inventory, result } = await restored(
      join(EARLIER, 'backup-before-claimed-and-last-rejection.jsonl.gz'),
    );
    expect(result).toEqual({ ok: true, seq: 15 });
    const [held, unheld, rejected, claiming] = [1, 2, 3, 4].map((i) =>
      inventory.getInstallation(serialOf(i)),
    );
    expect(held?.fallbackSince).toEqual({ storage: 500_000 });
    // That build counted the planned lapse of a command sent without holding as a fallback.
    expect(unheld?.fallbackSince).toBeUndefined();
    expect(rejected?.lastRejection).toEqual({ at: 4_000, by: 'Ann', reason: 'not our customer' });
    expect(claiming?.onboarding).toMatchObject({
      state: 'linked',
      contractNumber: 'C-00002',
      claimed: { contractNumber: 'C-00003', since: 6_000 },
    });
    await inventory.close();
  });

  it('still refuses a backup of this build whose state contradicts its journal in a later field', async () => {
    const source = await openInventory(dataDir());
    await source.inventory.commit([onboardingDraft(serialOf(7), 1_000)]);
    await source.inventory.commit([
      { type: 'inbox.rejected', at: 2_000, actor: 'Ann', serial: serialOf(7), reason: 'duplicate' },
    ]);
    const file = join(dataDir(), 'backup.jsonl.gz');
    await source.inventory.backup(file);
    await source.inventory.close();
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    writeFileSync(file, gzipSync(text.replace('"reason":"duplicate"}', '"reason":"edited"}')));

    const { inventory } = await openInventory(dataDir());
    const refusal = inventory.restore(file, 'Ann');
    await expect(refusal).rejects.toBeInstanceOf(BackupInvalidError);
    await expect(refusal).rejects.toThrow(/does not replay to the state it holds/);
    await inventory.close();
  });
});
