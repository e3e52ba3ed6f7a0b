import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiFailure } from '../../electron/core/api/dispatch';
import { DataService } from '../../electron/core/data/data-service';
import { tempDir } from '../support/temp-dir';
import { onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

async function service() {
  const d = tempDir();
  dirs.push(d);
  const { inventory, clock } = await openInventory(d.path);
  await inventory.commit([onboardingDraft(serialOf(1), 1)]);
  const data = new DataService({ dataDir: d.path, inventory, clock, operator: () => 'Ann' });
  return { data, inventory, dir: d.path };
}

describe('Settings → Data backups', () => {
  it('writes compressed backups and lists them beside the single-document ones of earlier builds', async () => {
    const { data, inventory, dir } = await service();
    const { path } = await data.backup();
    expect(basename(path)).toMatch(/^fleetdesk-backup-.+\.jsonl\.gz$/);
    writeFileSync(join(dir, 'backups', 'fleetdesk-backup-2026-01-01.json'), '{}');
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'not a backup');
    expect(
      data
        .listBackups()
        .map((b) => basename(b.path))
        .sort(),
    ).toEqual(['fleetdesk-backup-2026-01-01.json', basename(path)]);
    await inventory.close();
  });

  it('tells the operator why a backup cannot be restored, and that nothing was replaced', async () => {
    const { data, inventory, dir } = await service();
    const broken = join(dir, 'backups', 'broken.json');
    await data.backup();
    writeFileSync(broken, '{"format":"something else"}');
    const refusal = data.restore(broken);
    await expect(refusal).rejects.toBeInstanceOf(ApiFailure);
    await expect(refusal).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(
        /^This backup cannot be restored: .*not a Fleetdesk inventory backup.*Nothing was replaced\.$/,
      ),
    });
    await expect(data.restore(join(dir, 'backups', 'gone.jsonl.gz'))).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('gone.jsonl.gz cannot be opened'),
    });
    expect(inventory.listInstallations()).toHaveLength(1);
    await inventory.close();
  });

  it('answers a restore during a backup with a conflict, not a failure', async () => {
    const { data, inventory } = await service();
    const first = await data.backup();
    const writing = data.backup();
    await expect(data.restore(first.path)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('a backup is being written'),
    });
    await writing;
    await inventory.close();
  });
});
