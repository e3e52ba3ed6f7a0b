import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupInvalidError } from '../../electron/core/inventory/backup-file';
import { fromSnapshot, stateFingerprint } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import { contractsDraft, healthDraft, linkDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dataDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

type Opened = Awaited<ReturnType<typeof openInventory>>['inventory'];
const print = (inventory: Opened) => stateFingerprint(fromSnapshot(inventory.snapshot()));

async function seed(inventory: Opened, from: number, count: number): Promise<void> {
  await inventory.commit([contractsDraft(5, 1)]);
  for (let i = from; i < from + count; i += 1)
    await inventory.commit([onboardingDraft(serialOf(i), i), healthDraft(serialOf(i), i + 1)]);
  await inventory.commit([linkDraft(serialOf(from), 'C-00003', 50)]);
}

describe('backup and restore', () => {
  it('round-trips data, journal and timelines through one file, moving the replaced data aside', async () => {
    const source = await openInventory(dataDir());
    await seed(source.inventory, 0, 12);
    const file = join(dataDir(), 'inventory-backup.json');
    const summary = await source.inventory.backup(file);
    expect(summary).toMatchObject({ seq: source.inventory.seq, entries: source.inventory.seq });
    const expected = print(source.inventory);
    await source.inventory.close();

    const dir = dataDir();
    const target = await openInventory(dir);
    await seed(target.inventory, 500, 3);
    await target.inventory.flushSnapshot();
    const replacedSeq = target.inventory.seq;
    const { movedTo } = await target.inventory.restore(file, 'Ann');

    expect(target.inventory.listInstallations()).toHaveLength(12);
    expect(target.inventory.getInstallation(serialOf(500))).toBeUndefined();
    expect((await target.inventory.timeline(serialOf(0))).map((e) => e.type)).toEqual([
      'callback.onboarding',
      'callback.health',
      'link.created',
    ]);
    const entries = await target.inventory.journalSince(0);
    expect(entries.at(-1)).toMatchObject({
      seq: summary.seq + 1,
      type: 'backup.restored',
      actor: 'Ann',
      origin: file,
      movedTo,
      replacedSeq,
    });
    expect(await target.inventory.verify()).toEqual([]);
    // Nothing of the replaced data was deleted.
    expect(readdirSync(join(movedTo, 'journal'))).toContain('000001.jsonl');
    expect((JSON.parse(readFileSync(join(movedTo, 'inventory.json'), 'utf8')) as { seq: number }).seq).toBe(
      replacedSeq,
    );

    await target.inventory.commit([healthDraft(serialOf(3), 999, 'warning')]);
    await target.inventory.close();
    const reopened = await openInventory(dir);
    expect(reopened.inventory.problems).toEqual([]);
    expect(reopened.inventory.getInstallation(serialOf(3))?.health.status).toBe('warning');
    await reopened.inventory.close();

    const fresh = await openInventory(dataDir());
    await fresh.inventory.restore(file, 'Ann');
    expect(
      stateFingerprint(
        fromSnapshot({
          ...fresh.inventory.snapshot(),
          seq: summary.seq,
          hash: source.inventory.snapshot().hash,
        }),
      ),
    ).toBe(expected);
    await fresh.inventory.close();
  });

  it('restores a backup whose state predates open commands, taking them from its journal', async () => {
    const source = await openInventory(dataDir());
    await seed(source.inventory, 0, 2);
    await source.inventory.commit([
      {
        type: 'command.created',
        at: 60,
        actor: 'Ada',
        serial: serialOf(0),
        commandId: 'c1',
        kind: 'live',
        groups: ['storage'],
        command: { storage: { policy: 'setpoint', setpointW: 300 } },
        hold: true,
        validUntil: 60_060,
        topic: 't',
        payload: '{}',
      },
    ]);
    const file = join(dataDir(), 'backup.json');
    await source.inventory.backup(file);
    await source.inventory.close();
    // As an older build wrote it: the state in the file has no `openCommands`.
    const backup = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: Record<string, unknown> };
    expect(backup.snapshot['openCommands']).toHaveLength(1);
    delete backup.snapshot['openCommands'];
    writeFileSync(file, JSON.stringify(backup));

    const target = await openInventory(dataDir());
    await target.inventory.restore(file, 'Ann');
    expect(target.inventory.openCommands().map((o) => o.created.commandId)).toEqual(['c1']);
    await target.inventory.close();
  });

  it.each([
    ['not JSON', (text: string) => text.slice(0, 100)],
    [
      'a schema violation',
      (text: string) => text.replace('"format":"fleetdesk-inventory-backup"', '"format":"other"'),
    ],
    ['an edited journal entry', (text: string) => text.replace('"status":"ok"', '"status":"error"')],
    [
      'a state that its journal does not produce',
      (text: string) => text.replace(/"customerName":"Customer 1"/, '"customerName":"Mallory"'),
    ],
  ])('refuses a backup with %s and replaces nothing', async (_name, spoil) => {
    const source = await openInventory(dataDir());
    await seed(source.inventory, 0, 3);
    const file = join(dataDir(), 'backup.json');
    await source.inventory.backup(file);
    await source.inventory.close();
    writeFileSync(file, spoil(readFileSync(file, 'utf8')));
    const dir = dataDir();
    const target = await openInventory(dir);
    await seed(target.inventory, 100, 2);
    const before = print(target.inventory);
    await expect(target.inventory.restore(file, 'Ann')).rejects.toBeInstanceOf(BackupInvalidError);
    expect(print(target.inventory)).toBe(before);
    expect(readdirSync(dir).some((f) => f.startsWith('inventory.replaced-'))).toBe(false);
    await target.inventory.commit([healthDraft(serialOf(100), 5)]);
    await target.inventory.close();
  });
});
