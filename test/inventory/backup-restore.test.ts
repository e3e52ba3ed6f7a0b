import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupInvalidError } from '../../electron/core/inventory/backup-invalid';
import { InventoryBusyError } from '../../electron/core/inventory/inventory-busy';
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

/** A backup's lines: the header, then one journal line per entry. */
const linesOf = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
const writeLines = (file: string, lines: string[]) => writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
const leftovers = (dir: string) =>
  readdirSync(dir).filter((f) => f.startsWith('inventory.replaced-') || f.startsWith('journal.restoring-'));

describe('backup and restore', () => {
  it('round-trips data, journal and timelines through one file, moving the replaced data aside', async () => {
    const sourceDir = dataDir();
    const source = await openInventory(sourceDir);
    await seed(source.inventory, 0, 12);
    const file = join(dataDir(), 'inventory-backup.jsonl.gz');
    const summary = await source.inventory.backup(file);
    expect(summary).toMatchObject({ seq: source.inventory.seq, entries: source.inventory.seq });
    // Compressed JSON Lines: the header with the state, then the journal's own lines.
    const lines = linesOf(file);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      format: 'fleetdesk-inventory-backup',
      formatVersion: 2,
      entries: summary.seq,
      snapshot: { seq: summary.seq },
    });
    expect(lines.slice(1).join('\n')).toBe(
      readFileSync(join(sourceDir, 'journal', '000001.jsonl'), 'utf8').trimEnd(),
    );
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
    // The restored state went in as the snapshot, so opening it replays nothing; no staging is left.
    const restoredSnapshot = JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number };
    expect(restoredSnapshot.seq).toBeGreaterThanOrEqual(summary.seq);
    expect(readdirSync(dir).filter((f) => f.startsWith('journal.restoring-'))).toEqual([]);
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
    const file = join(dataDir(), 'backup.jsonl.gz');
    await source.inventory.backup(file);
    await source.inventory.close();
    // As an older build wrote it: the state in the file has no `openCommands`.
    const [headerLine = '', ...entryLines] = linesOf(file);
    const header = JSON.parse(headerLine) as { snapshot: Record<string, unknown> };
    expect(header.snapshot['openCommands']).toHaveLength(1);
    delete header.snapshot['openCommands'];
    writeLines(file, [JSON.stringify(header), ...entryLines]);

    const target = await openInventory(dataDir());
    await target.inventory.restore(file, 'Ann');
    expect(target.inventory.openCommands().map((o) => o.created.commandId)).toEqual(['c1']);
    await target.inventory.close();
  });

  /** A target with data of its own, the spoiled backup refused, and nothing replaced or left behind. */
  async function expectRefused(file: string, message: RegExp): Promise<void> {
    const dir = dataDir();
    const target = await openInventory(dir);
    await seed(target.inventory, 100, 2);
    const before = print(target.inventory);
    const refusal = target.inventory.restore(file, 'Ann');
    await expect(refusal).rejects.toBeInstanceOf(BackupInvalidError);
    await expect(refusal).rejects.toThrow(message);
    expect(print(target.inventory)).toBe(before);
    expect(leftovers(dir)).toEqual([]);
    // Still writable: the live data was never closed.
    await target.inventory.commit([healthDraft(serialOf(100), 5)]);
    await target.inventory.close();
  }

  async function backupOf(count: number): Promise<string> {
    const source = await openInventory(dataDir());
    await seed(source.inventory, 0, count);
    const file = join(dataDir(), 'backup.jsonl.gz');
    await source.inventory.backup(file);
    await source.inventory.close();
    return file;
  }

  const entryIndex = (lines: string[], type: string) => lines.findIndex((l, i) => i > 0 && l.includes(type));

  it.each<[string, (lines: string[]) => string[], RegExp]>([
    [
      'a header of another format',
      ([header = '', ...rest]) => [header.replace('"fleetdesk-inventory-backup"', '"other"'), ...rest],
      /not a Fleetdesk inventory backup/,
    ],
    [
      'an edited journal entry',
      (lines) =>
        lines.map((l, i) => (i === entryIndex(lines, 'callback.health') ? l.replace('"ok"', '"error"') : l)),
      /does not match its hash/,
    ],
    ['an entry left out', (lines) => lines.filter((_l, i) => i !== 3), /breaks at entry 4 \(after 2\)/],
    ['its last entry missing', (lines) => lines.slice(0, -1), /ends after 7 of the 8 entries/],
    [
      'a line that is not an entry',
      (lines) => [...lines.slice(0, 2), '{"x":1}', ...lines.slice(2)],
      /line 3/,
    ],
    [
      'a state that its journal does not produce',
      ([header = '', ...rest]) => [
        header.replace(/"customerName":"Customer 1"/, '"customerName":"Mallory"'),
        ...rest,
      ],
      /does not replay to the state it holds/,
    ],
  ])('refuses a backup with %s and replaces nothing', async (_name, spoil, message) => {
    const file = await backupOf(3);
    writeLines(file, spoil(linesOf(file)));
    await expectRefused(file, message);
  });

  it('refuses a cut-off or damaged file and replaces nothing', async () => {
    const file = await backupOf(3);
    const bytes = readFileSync(file);
    const lines = linesOf(file);
    writeFileSync(file, gzipSync(lines.join('\n').slice(0, -10)));
    await expectRefused(file, /ends in the middle of a line/);
    writeFileSync(file, bytes.subarray(0, bytes.length - 40));
    await expectRefused(file, /could not be read to its end/);
    const at = bytes.length - 20;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, bytes);
    // A damaged byte may inflate into garbage lines before gzip's checksum at the end is checked:
    // whichever catches it first, the file is refused.
    await expectRefused(file, /could not be read to its end|is not a journal entry|does not match its hash/);
    writeFileSync(file, 'not a backup');
    await expectRefused(file, /not a readable backup/);
  });

  it('restores a backup of an earlier version (one JSON document) and refuses an edited one', async () => {
    const source = await openInventory(dataDir());
    await seed(source.inventory, 0, 4);
    const expected = print(source.inventory);
    const document = {
      format: 'fleetdesk-inventory-backup',
      formatVersion: 1,
      createdAt: 1_700_000_000_000,
      snapshot: source.inventory.snapshot(),
      entries: await source.inventory.journalSince(0),
    };
    await source.inventory.close();
    const file = join(dataDir(), 'fleetdesk-backup-old.json');
    writeFileSync(file, JSON.stringify(document));

    const target = await openInventory(dataDir());
    await target.inventory.restore(file, 'Ann');
    const restored = target.inventory.snapshot();
    const lastBefore = (await target.inventory.journalSince(0)).at(-2);
    expect(
      stateFingerprint(
        fromSnapshot({ ...restored, seq: document.snapshot.seq, hash: lastBefore?.hash ?? '' }),
      ),
    ).toBe(expected);
    expect(await target.inventory.verify()).toEqual([]);
    await target.inventory.close();

    writeFileSync(file, JSON.stringify(document).replace('"status":"ok"', '"status":"error"'));
    await expectRefused(file, /does not match its hash|does not replay/);
  });

  it('clears the staging folder an interrupted restore left behind', async () => {
    const file = await backupOf(2);
    const dir = dataDir();
    const leftover = join(dir, 'journal.restoring-2026-01-01T00-00-00-000Z');
    mkdirSync(leftover);
    writeFileSync(join(leftover, '000001.jsonl'), 'half a line');
    const target = await openInventory(dir);
    await target.inventory.restore(file, 'Ann');
    expect(readdirSync(dir).filter((f) => f.startsWith('journal.restoring-'))).toEqual([]);
    expect(target.inventory.listInstallations()).toHaveLength(2);
    await target.inventory.close();
  });

  it('refuses to restore while a backup is being written, and to back up while restoring', async () => {
    const file = await backupOf(2);
    const opened = await openInventory(dataDir());
    await seed(opened.inventory, 10, 2);
    const writing = opened.inventory.backup(join(dataDir(), 'other.jsonl.gz'));
    await expect(opened.inventory.restore(file, 'Ann')).rejects.toThrow(/a backup is being written/);
    await writing;
    const restoring = opened.inventory.restore(file, 'Ann');
    await expect(opened.inventory.backup(join(dataDir(), 'third.jsonl.gz'))).rejects.toBeInstanceOf(
      InventoryBusyError,
    );
    await restoring;
    expect(opened.inventory.listInstallations()).toHaveLength(2);
    await opened.inventory.close();
  });
});
