import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';
import { healthDraft } from './fixtures/drafts';
import { openWithHeldHistory, RECALLED, withOldAndNewCalls } from './fixtures/held-history';
import { openInventory } from './fixtures/open-inventory';

const dataDir = tempDirsPerTest();

describe('a backup asked for right after start-up', () => {
  it('waits for the check of the older segments, recording callbacks meanwhile, then backs up the whole journal', async () => {
    const dir = dataDir();
    await withOldAndNewCalls(dir);
    // Settings -> Data -> Back up now, in the seconds after start-up (README: ~15 s at the default size).
    const { inventory, release } = await openWithHeldHistory(dir);
    const file = join(dataDir(), 'backup.jsonl.gz');
    let settled = false;
    const backup = inventory.backup(file).then(
      (r) => ({ ok: true as const, seq: r.seq, entries: r.entries }),
      (e: unknown) => ({ ok: false as const, message: (e as Error).message }),
    );
    void backup.finally(() => (settled = true));
    // A callback while it waits is recorded at once, and is in the backup: its point in time comes after.
    await inventory.commit([healthDraft(RECALLED, 9_500)]);
    expect(settled).toBe(false);
    const seq = inventory.seq;
    release();
    expect(await backup).toEqual({ ok: true, seq, entries: seq });
    await inventory.close();

    const target = await openInventory(dataDir());
    await target.inventory.restore(file, 'Ann');
    expect(target.inventory.seq).toBe(seq + 1);
    expect((await target.inventory.journalSince(0)).length).toBe(seq + 1);
    await target.inventory.close();
  });
});
