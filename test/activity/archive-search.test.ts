import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityFilter, ActivityRow } from '../../shared/contract/activity-methods';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import Papa from 'papaparse';
import {
  ARCHIVE_FILES_PER_SEARCH,
  exportJournalArchiveCsv,
  searchJournalArchive,
} from '../../electron/core/activity/archive-search';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** An inventory whose older journal went into the archive: 3 controllers, 300 health calls each. */
async function archivedJournal() {
  const d = tempDir();
  dirs.push(d);
  const { inventory } = await openInventory(d.path, {
    journal: { maxSegmentBytes: 16 * 1024 },
    retention: () => ({ onlineDays: 30, maxOnlineBytes: 48 * 1024 }),
    snapshot: { everyEntries: 1_000_000, everyMs: 3_600_000 },
  });
  const serials = [1, 2, 3].map(serialOf);
  await inventory.commit(serials.map((s, i) => onboardingDraft(s, i + 1)));
  for (let i = 0; i < 300; i += 1)
    await inventory.commit(serials.map((s) => healthDraft(s, 100 + i, i % 7 === 0 ? 'warning' : 'ok')));
  await inventory.flushSnapshot();
  await inventory.archivingSettled();
  const journalDir = join(d.path, 'journal');
  const archiveDir = join(journalDir, 'archive');
  const files = readdirSync(archiveDir)
    .filter((n) => n.endsWith('.jsonl.gz'))
    .sort();
  // What the archive holds, read straight from its files: the truth a search must match.
  const entries = files.flatMap((f) =>
    gunzipSync(readFileSync(join(archiveDir, f)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as JournalEntry),
  );
  return { inventory, journalDir, archiveDir, files, entries, serials };
}

/** Every row a filter finds, request after request until the whole archive was searched. */
async function searchAll(journalDir: string, filter: ActivityFilter, limit?: number) {
  const rows: ActivityRow[] = [];
  const requests: Array<Awaited<ReturnType<typeof searchJournalArchive>>> = [];
  let cursor: number | undefined;
  do {
    const page = await searchJournalArchive(journalDir, {
      filter,
      ...(cursor !== undefined && { cursor }),
      ...(limit !== undefined && { limit }),
    });
    requests.push(page);
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && requests.length < 1_000);
  return { rows, requests };
}

const newestFirst = (entries: JournalEntry[]) => entries.map((e) => e.seq).reverse();

describe('searching the journal archive', () => {
  it('finds every archived entry of a serial, newest first, a few files per request', async () => {
    const { inventory, journalDir, files, entries, serials } = await archivedJournal();
    expect(files.length).toBeGreaterThan(ARCHIVE_FILES_PER_SEARCH);
    const serial = serials[1] ?? '';
    const { rows, requests } = await searchAll(journalDir, { serial });
    expect(rows.map((r) => r.seq)).toEqual(newestFirst(entries.filter((e) => e.serial === serial)));
    expect(rows[0]).toMatchObject({
      serial,
      category: 'callbacks',
      summary: expect.stringMatching(/^Health: /),
    });
    // The first answer read only the newest files, and said how far back it got.
    const first = requests[0]!;
    const oldestRead = entries.find((e) => e.seq === first.searchedBackTo?.seq);
    expect(first.nextCursor).not.toBeNull();
    expect(oldestRead).toBeDefined();
    expect(first.rows.every((r) => r.seq >= (first.searchedBackTo?.seq ?? 0))).toBe(true);
    expect(requests.at(-1)?.nextCursor).toBeNull();
    expect(first.archive.entries).toBe(entries.length);
    // The live journal's own entries are not in it.
    expect(Math.max(...rows.map((r) => r.seq))).toBeLessThanOrEqual(inventory.archiveSummary().lastSeq);
    await inventory.close();
  });

  it('pages by the limit without gaps or repeats, and filters as the Activity page does', async () => {
    const { inventory, journalDir, entries } = await archivedJournal();
    const warnings = entries.filter((e) => e.type === 'callback.health' && e.body['status'] === 'warning');
    expect(warnings.length).toBeGreaterThan(5);
    const { rows, requests } = await searchAll(journalDir, { text: 'warning' }, 5);
    expect(rows.map((r) => r.seq)).toEqual(newestFirst(warnings));
    expect(requests.some((r) => r.rows.length === 5 && r.nextCursor === r.rows.at(-1)?.seq)).toBe(true);
    // A time range narrows it the same way.
    const at = warnings[3]!.at;
    const ranged = await searchAll(journalDir, { text: 'warning', from: at, to: at + 1 });
    expect(ranged.rows.map((r) => r.seq)).toEqual(newestFirst(warnings.filter((e) => e.at === at)));
    await inventory.close();
  });

  it('exports what the filter matches in the whole archive as CSV parts that join into one file', async () => {
    const { inventory, journalDir, entries, serials } = await archivedJournal();
    const serial = serials[2] ?? '';
    const parts: string[] = [];
    let cursor: number | undefined;
    do {
      const part = await exportJournalArchiveCsv(journalDir, {
        filter: { serial },
        cursor,
        day: '2026-11-27',
      });
      expect(part.fileName).toBe('fleetdesk-activity-archive-2026-11-27.csv');
      expect(part.problems).toEqual([]);
      parts.push(part.csv);
      cursor = part.nextCursor ?? undefined;
    } while (cursor !== undefined && parts.length < 100);
    expect(parts.length).toBeGreaterThan(1);
    const { data, errors } = Papa.parse<Record<string, string>>(parts.join(''), { header: true });
    expect(errors).toEqual([]);
    expect(data.map((r) => Number(r['seq']))).toEqual(
      newestFirst(entries.filter((e) => e.serial === serial)),
    );
    expect(data[0]).toMatchObject({ serial, category: 'callbacks', type: 'callback.health' });
    await inventory.close();
  });

  it('says which archived file could not be read, and still searches the others', async () => {
    const { inventory, journalDir, archiveDir, files, entries, serials } = await archivedJournal();
    const broken = files[files.length - 2] ?? '';
    const inBroken = new Set(
      gunzipSync(readFileSync(join(archiveDir, broken)))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as JournalEntry).seq),
    );
    writeFileSync(join(archiveDir, broken), 'not gzip at all');
    const serial = serials[0] ?? '';
    const { rows, requests } = await searchAll(journalDir, { serial });
    expect(requests.flatMap((r) => r.problems)).toEqual([expect.stringContaining(`${broken} (entries `)]);
    // Everything outside the broken file is found, newest first; nothing of it is made up.
    const expected = entries.filter((e) => e.serial === serial && !inBroken.has(e.seq));
    expect(rows.map((r) => r.seq)).toEqual(newestFirst(expected));
    expect(expected.length).toBeLessThan(entries.filter((e) => e.serial === serial).length);
    await inventory.close();
  });

  it('finds entries recorded after the machine clock was set back by two hours', async () => {
    const { inventory, journalDir, files, entries } = await archivedAfterClockSetBack();
    // The operator looks for what happened between 10:00 and 10:10.
    const filter = { from: DAY + 10 * H, to: DAY + 10 * H + 10 * 60_000 };
    const truth = entries.filter((e) => e.at >= filter.from && e.at < filter.to);
    expect(truth.length).toBeGreaterThan(0);
    const { rows } = await searchAll(journalDir, filter, 10_000);
    expect(rows.map((r) => r.seq)).toEqual(newestFirst(truth));
    // Files whose entries all lie outside a range are still passed over: one request answers it.
    const hour = DAY + 11 * H;
    const empty = await searchAll(journalDir, { from: hour, to: hour + 30 * 60_000 });
    expect(files.length).toBeGreaterThan(ARCHIVE_FILES_PER_SEARCH);
    expect(empty.rows).toEqual([]);
    expect(empty.requests).toHaveLength(1);
    await inventory.close();
  });

  it('reads every file for a time range when the archive was made before entry times were kept', async () => {
    const { inventory, journalDir, archiveDir, entries } = await archivedAfterClockSetBack();
    // A manifest an earlier build wrote: each file's first and last entry times only.
    const manifestPath = join(archiveDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { segments: object[] };
    manifest.segments = manifest.segments.map((s) => ({ ...s, minAt: undefined, maxAt: undefined }));
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const filter = { from: DAY + 10 * H, to: DAY + 10 * H + 10 * 60_000 };
    const { rows } = await searchAll(journalDir, filter, 10_000);
    expect(rows.map((r) => r.seq)).toEqual(
      newestFirst(entries.filter((e) => e.at >= filter.from && e.at < filter.to)),
    );
    await inventory.close();
  });
});

const H = 3_600_000;
const DAY = Date.UTC(2026, 10, 20);

/**
 * An archive recorded across a clock step: the desk starts with its clock two hours ahead (hardware
 * clock kept in local time, CET+1 in summer time), records a few calls, then NTP sets it right and
 * 12:00 becomes 10:00. Later entries carry earlier times than the first ones in the same file.
 */
async function archivedAfterClockSetBack() {
  const d = tempDir();
  dirs.push(d);
  const { inventory } = await openInventory(d.path, {
    journal: { maxSegmentBytes: 16 * 1024 },
    retention: () => ({ onlineDays: 30, maxOnlineBytes: 48 * 1024 }),
    snapshot: { everyEntries: 1_000_000, everyMs: 3_600_000 },
  });
  const serials = [1, 2, 3].map(serialOf);
  await inventory.commit(serials.map((s, i) => onboardingDraft(s, DAY + 12 * H + i)));
  for (let i = 0; i < 5; i += 1)
    await inventory.commit(serials.map((s) => healthDraft(s, DAY + 12 * H + 60_000 * i)));
  for (let i = 0; i < 300; i += 1)
    await inventory.commit(serials.map((s) => healthDraft(s, DAY + 10 * H + 5 * 60_000 + 1_000 * i)));
  await inventory.flushSnapshot();
  await inventory.archivingSettled();
  const journalDir = join(d.path, 'journal');
  const archiveDir = join(journalDir, 'archive');
  const files = readdirSync(archiveDir)
    .filter((n) => n.endsWith('.jsonl.gz'))
    .sort();
  const entries = files.flatMap((f) =>
    gunzipSync(readFileSync(join(archiveDir, f)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as JournalEntry),
  );
  return { inventory, journalDir, archiveDir, files, entries };
}
