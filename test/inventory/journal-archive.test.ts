import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { toSnapshot } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const SEGMENT = 16 * 1024;
const ONLINE = 48 * 1024;
const options = {
  journal: { maxSegmentBytes: SEGMENT },
  retention: () => ({ onlineDays: 30, maxOnlineBytes: ONLINE }),
  // Snapshots only when the test asks (flushSnapshot), so it knows when archiving may run.
  snapshot: { everyEntries: 1_000_000, everyMs: 3_600_000 },
};

const liveSegments = (dataDir: string) =>
  readdirSync(join(dataDir, 'journal')).filter((n) => /^\d{6}\.jsonl$/.test(n));
const archived = (dataDir: string) =>
  existsSync(join(dataDir, 'journal', 'archive'))
    ? readdirSync(join(dataDir, 'journal', 'archive')).filter((n) => n.endsWith('.jsonl.gz'))
    : [];

/** An inventory whose journal has outgrown the online size: 3 controllers, 300 health calls each. */
async function filled() {
  const d = tempDir();
  dirs.push(d);
  const opened = await openInventory(d.path, options);
  const serials = [1, 2, 3].map(serialOf);
  await opened.inventory.commit(serials.map((s, i) => onboardingDraft(s, i + 1)));
  for (let i = 0; i < 300; i += 1)
    await opened.inventory.commit(
      serials.map((s) => healthDraft(s, 100 + i, i % 7 === 0 ? 'warning' : 'ok')),
    );
  return { dataDir: d.path, ...opened, serials };
}

/** Writes a snapshot, which lets the archiving run, and waits until it has moved what it should. */
async function snapshotAndArchive(inventory: Awaited<ReturnType<typeof filled>>['inventory']) {
  await inventory.flushSnapshot();
  await inventory.archivingSettled();
  const summary = inventory.archiveSummary();
  expect(summary.segments).toBeGreaterThan(0);
  return summary;
}

describe('journal archive', () => {
  it('moves old segments out of the live journal once a snapshot covers them, and loses nothing', async () => {
    const { dataDir, inventory, serials } = await filled();
    const segmentsBefore = liveSegments(dataDir).length;
    const state = toSnapshot(inventory['state' as never]);
    const countBefore = await inventory.timelineCount(serials[0] ?? '');
    expect(countBefore).toBe(301);

    const summary = await snapshotAndArchive(inventory);
    // Only whole, closed segments go, oldest first; the online part is back under the bound.
    expect(archived(dataDir)).toHaveLength(summary.segments);
    expect(liveSegments(dataDir).length).toBe(segmentsBefore - summary.segments);
    const onlineBytes = liveSegments(dataDir)
      .map((n) => readFileSync(join(dataDir, 'journal', n)).length)
      .reduce((a, b) => a + b, 0);
    expect(onlineBytes).toBeLessThanOrEqual(ONLINE + SEGMENT);
    expect(summary.entries).toBe(summary.lastSeq);
    expect(summary.firstAt).toBe(1);

    // The state is untouched; timelines now hold only the online entries, the newest ones.
    expect(inventory.snapshot()).toEqual(state);
    const online = await inventory.timelineCount(serials[0] ?? '');
    expect(online).toBeLessThan(countBefore);
    const timeline = await inventory.timeline(serials[0] ?? '');
    expect(timeline).toHaveLength(online);
    expect(timeline.at(-1)?.at).toBe(399);
    expect(timeline.every((e) => e.seq > summary.lastSeq)).toBe(true);
    expect(await inventory.verify()).toEqual([]);
    await inventory.close();

    // Reopened with the snapshot: the same state, the same online timeline, no problem.
    let again = await openInventory(dataDir, options);
    expect(again.inventory.snapshot()).toEqual(state);
    expect(await again.inventory.timelineCount(serials[0] ?? '')).toBe(online);
    expect(await again.inventory.allProblems()).toEqual([]);
    await again.inventory.close();

    // Without the snapshot, recovery replays the archive and then the live journal.
    rmSync(join(dataDir, 'inventory.json'));
    again = await openInventory(dataDir, options);
    expect(again.inventory.snapshot()).toEqual(state);
    expect(await again.inventory.allProblems()).toEqual([]);
    expect((await again.inventory.journalSince(0)).length).toBe(state.seq);
    await again.inventory.close();
  });

  it('puts the archived entries into backups, so a restore brings the whole journal back', async () => {
    const { dataDir, inventory } = await filled();
    const summary = await snapshotAndArchive(inventory);
    const file = join(dataDir, 'backup.jsonl.gz');
    const seq = inventory.seq;
    const backup = await inventory.backup(file);
    expect(backup.entries).toBe(seq);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(seq + 1);
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ seq: 1 });

    const state = inventory.snapshot();
    await inventory.restore(file, 'Ann');
    expect(inventory.snapshot().installations).toEqual(state.installations);
    // The restored journal holds every entry again, the archived ones included, until archived anew.
    expect((await inventory.journalSince(0)).length).toBe(seq + 1);
    expect(inventory.archiveSummary().segments).toBe(0);
    expect(summary.segments).toBeGreaterThan(0);
    await inventory.close();
  });

  it('finishes an archiving a crash interrupted: a segment both archived and live is read once', async () => {
    const { dataDir, inventory } = await filled();
    const summary = await snapshotAndArchive(inventory);
    const state = inventory.snapshot();
    await inventory.close();
    // As if the process died after the manifest was written and before the live file was removed.
    const first = archived(dataDir)[0] ?? '';
    const live = join(dataDir, 'journal', first.replace(/\.gz$/, ''));
    writeFileSync(live, gunzipSync(readFileSync(join(dataDir, 'journal', 'archive', first))));

    const again = await openInventory(dataDir, options);
    expect(existsSync(live)).toBe(false);
    expect(again.inventory.snapshot()).toEqual(state);
    expect(again.inventory.archiveSummary().segments).toBe(summary.segments);
    expect(await again.inventory.allProblems()).toEqual([]);
    await again.inventory.close();
  });

  it('reports an archived entry changed after it was written when it replays the archive', async () => {
    const { dataDir, inventory } = await filled();
    await snapshotAndArchive(inventory);
    await inventory.close();
    const file = join(dataDir, 'journal', 'archive', archived(dataDir)[0] ?? '');
    const text = gunzipSync(readFileSync(file))
      .toString('utf8')
      .replace('"status":"warning"', '"status":"error"');
    const { gzipSync } = await import('node:zlib');
    writeFileSync(file, gzipSync(text));
    rmSync(join(dataDir, 'inventory.json'));

    const again = await openInventory(dataDir, options);
    const problems = await again.inventory.allProblems();
    expect(problems.some((p) => p.kind === 'hash-mismatch' && p.severity === 'error')).toBe(true);
    await again.inventory.close();
  });

  it('says so when an archived file is gone, and still replays the entries after it', async () => {
    const { dataDir, inventory } = await filled();
    await snapshotAndArchive(inventory);
    const seq = inventory.seq;
    await inventory.close();
    rmSync(join(dataDir, 'journal', 'archive', archived(dataDir)[0] ?? ''));
    rmSync(join(dataDir, 'inventory.json'));

    const again = await openInventory(dataDir, options);
    const problems = await again.inventory.allProblems();
    expect(problems.some((p) => p.severity === 'error' && p.detail.includes('could not be read'))).toBe(true);
    // The live journal and the other archived files still count: the state reaches the last entry.
    expect(again.inventory.seq).toBe(seq);
    await again.inventory.close();
  });

  it('closing in the middle of archiving stops after the segment in hand and leaves a whole journal', async () => {
    const { dataDir, inventory } = await filled();
    const state = inventory.snapshot();
    const segments = liveSegments(dataDir).length;
    await inventory.flushSnapshot();
    // Archiving runs now; close at once, without waiting for it.
    await inventory.close();
    const moved = archived(dataDir).length;
    expect(liveSegments(dataDir).length).toBe(segments - moved);
    // A run left to finish brings the online part under its bound; this one was stopped before.
    const onlineBytes = liveSegments(dataDir)
      .map((n) => readFileSync(join(dataDir, 'journal', n)).length)
      .reduce((a, b) => a + b, 0);
    expect(onlineBytes).toBeGreaterThan(ONLINE);

    rmSync(join(dataDir, 'inventory.json'));
    const again = await openInventory(dataDir, options);
    expect(again.inventory.snapshot()).toEqual(state);
    expect(await again.inventory.allProblems()).toEqual([]);
    await again.inventory.close();
  });

  it('numbers new segments after the archived ones, even when no live segment is left', async () => {
    const { dataDir, inventory } = await filled();
    const summary = await snapshotAndArchive(inventory);
    await inventory.close();
    for (const name of liveSegments(dataDir)) rmSync(join(dataDir, 'journal', name));

    let again = await openInventory(dataDir, options);
    await again.inventory.commit([healthDraft(serialOf(1), 5_000)]);
    await again.inventory.close();
    const [fresh] = liveSegments(dataDir);
    const lastArchived = Number(archived(dataDir).at(-1)?.slice(0, 6));
    expect(Number(fresh?.slice(0, 6))).toBeGreaterThan(lastArchived);

    // Opened again: the new segment stays, the archive is as it was.
    again = await openInventory(dataDir, options);
    expect(liveSegments(dataDir)).toEqual([fresh]);
    expect(again.inventory.archiveSummary()).toEqual(summary);
    await again.inventory.close();
  });
});
