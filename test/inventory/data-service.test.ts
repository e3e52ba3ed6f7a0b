import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiFailure } from '../../electron/core/api/dispatch';
import { DataService } from '../../electron/core/data/data-service';
import { PROGRESS_EVERY_MS, throttledProgress } from '../../electron/core/data/progress-throttle';
import { CoreEvents } from '../../electron/core/events';
import type { DataProgress } from '../../shared/domain/inventory/data-progress';
import { tempDir } from '../support/temp-dir';
import { contractsDraft, healthDraft, linkDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

async function service() {
  const d = tempDir();
  dirs.push(d);
  const { inventory, clock } = await openInventory(d.path);
  await inventory.commit([onboardingDraft(serialOf(1), 1)]);
  const events = new CoreEvents();
  const progress: DataProgress[] = [];
  events.on('data.progress', (p) => progress.push(p));
  const data = new DataService({
    dataDir: d.path,
    inventory,
    clock,
    operator: () => 'Ann',
    events,
    healthOf: () => undefined,
  });
  return { data, inventory, dir: d.path, progress };
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

  it('tells the UI how far a backup and a restore are, up to every entry', async () => {
    const { data, inventory, progress } = await service();
    // One entry is already there; enough more to fill several chunks of the backup.
    for (let i = 0; i < 20; i += 1)
      await inventory.commit(Array.from({ length: 200 }, (_, j) => healthDraft(serialOf(1), i * 200 + j)));
    const entries = inventory.seq;
    const { path } = await data.backup();
    const backup = progress.splice(0);
    expect(backup.length).toBeGreaterThanOrEqual(1);
    expect(backup.every((p) => p.task === 'backup' && p.total === entries)).toBe(true);
    expect(backup.at(-1)).toEqual({ task: 'backup', done: entries, total: entries });

    await data.restore(path);
    const restore = progress.splice(0);
    expect(restore.every((p) => p.task === 'restore' && p.total === entries)).toBe(true);
    expect(restore.at(-1)).toEqual({ task: 'restore', done: entries, total: entries });
    // Never backwards.
    for (const steps of [backup, restore])
      expect(steps.map((p) => p.done)).toEqual([...steps.map((p) => p.done)].sort((a, b) => a - b));
    await inventory.close();
  });
});

describe('Settings → Data exports', () => {
  it('exports every installation with its contract, and every contract with its controllers', async () => {
    const { data, inventory } = await service();
    await inventory.commit([contractsDraft(2, 2), linkDraft(serialOf(1), 'C-00001', 3)]);
    const rows = (what: 'installations' | 'contracts') =>
      Papa.parse<Record<string, string>>(data.exportCsv(what).csv, { header: true, skipEmptyLines: true })
        .data;
    expect(rows('installations')).toEqual([
      expect.objectContaining({ serial: serialOf(1), contractNumber: 'C-00001' }),
    ]);
    expect(rows('contracts').map((r) => [r['contractNumber'], r['linkedSerials (export only)']])).toEqual([
      ['C-00000', ''],
      ['C-00001', serialOf(1)],
    ]);
    expect(data.exportCsv('contracts').fileName).toMatch(/^fleetdesk-contracts-\d{4}-\d{2}-\d{2}\.csv$/);
    await inventory.close();
  });
});

describe('progress of long work', () => {
  it('passes on the first report, then at most one per interval, and always the last', () => {
    let now = 0;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
    const heard: number[] = [];
    const report = throttledProgress(clock, (done) => heard.push(done));
    report(1, 100);
    report(2, 100);
    now += PROGRESS_EVERY_MS - 1;
    report(3, 100);
    now += 1;
    report(4, 100);
    report(5, 100);
    report(100, 100);
    expect(heard).toEqual([1, 4, 100]);
  });
});
