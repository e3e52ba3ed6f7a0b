import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/core/journal/journal';
import { nodeJournalIo, type JournalIo } from '../../electron/core/journal/journal-io';
import { JournalFailedError } from '../../electron/core/journal/journal-writer';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';
import { countingIo } from './fixtures';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

describe('journal group commit', () => {
  it('writes 500 concurrent appends with far fewer fsyncs, each resolved only after its fsync', async () => {
    const { io, stats } = countingIo({ syncDelayMs: 5 });
    const { journal } = await Journal.open(dir(), { io });
    const resolvedEarly: number[] = [];
    const appends = Array.from({ length: 500 }, (_, i) =>
      journal.append([healthDraft(`S${i % 50}`, 1000 + i)]).then(([entry]) => {
        if (!entry || !stats.syncedSeqs.has(entry.seq)) resolvedEarly.push(entry?.seq ?? -1);
        return entry;
      }),
    );
    const entries = await Promise.all(appends);
    expect(resolvedEarly).toEqual([]);
    expect(entries.map((e) => e?.seq).sort((a = 0, b = 0) => a - b)).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    expect(stats.syncs).toBeLessThan(20);
    expect(journal.stats).toMatchObject({ entries: 500, syncs: stats.syncs, batches: stats.syncs });
    await journal.close();
  });

  it('keeps appends arriving during an fsync for the next batch, in order', async () => {
    const { io, stats } = countingIo({ syncDelayMs: 20 });
    const { journal } = await Journal.open(dir(), { io });
    const first = journal.append([healthDraft('A', 1)]);
    await new Promise((r) => setTimeout(r, 5)); // the first batch is now waiting on its fsync
    const later = Array.from({ length: 30 }, (_, i) => journal.append([healthDraft('B', 2 + i)]));
    const all = await Promise.all([first, ...later]);
    expect(all.map(([e]) => e?.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(stats.syncs).toBe(2);
    // The time spent waiting on the disk is summed (the benchmarks report its mean per commit).
    expect(journal.stats.syncMsTotal).toBeGreaterThanOrEqual(2 * 20 - 2);
    expect(journal.stats.syncMsTotal).toBeGreaterThanOrEqual(journal.stats.syncMsMax);
    await journal.close();
  });

  it('gives a multi-entry commit contiguous numbers and marks it as one transaction', async () => {
    const { journal } = await Journal.open(dir());
    const [a, b] = await Promise.all([
      journal.append([onboardingDraft('X', 1), healthDraft('X', 2), healthDraft('X', 3)]),
      journal.append([healthDraft('Y', 4)]),
    ]);
    expect(a?.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(a?.every((e) => e.txn?.first === 1 && e.txn.size === 3)).toBe(true);
    expect(b?.[0]?.txn).toBeUndefined();
    await journal.close();
  });

  it('refuses every append after a failed fsync, and leaves no trace of the failed batch', async () => {
    const path = dir();
    const { io } = countingIo({ failSyncAfter: 1 });
    const { journal } = await Journal.open(path, { io });
    await journal.append([healthDraft('A', 1)]);
    await expect(journal.append([healthDraft('A', 2)])).rejects.toBeInstanceOf(JournalFailedError);
    await expect(journal.append([healthDraft('A', 3)])).rejects.toBeInstanceOf(JournalFailedError);
    await journal.close();
    const reopened = await Journal.open(path);
    expect(reopened.journal.lastSeq).toBe(1);
    expect(reopened.problems).toEqual([]);
    await reopened.journal.close();
  });

  it('rejects a draft that cannot be encoded without disturbing the rest of its batch', async () => {
    const { journal } = await Journal.open(dir());
    const bad = { ...healthDraft('A', 1), body: { value: Number.NaN } };
    const results = await Promise.allSettled([
      journal.append([healthDraft('A', 1)]),
      journal.append([bad]),
      journal.append([healthDraft('A', 2)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await journal.readSince(0)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await journal.verify()).toEqual([]);
    await journal.close();
  });

  it.runIf(process.platform === 'linux')(
    'opens segments with O_DSYNC on Linux, so each write is durable by itself',
    async () => {
      const path = join(dir(), 'segment.jsonl');
      const handle = await nodeJournalIo.openAppend(path);
      try {
        expect(handle.writesAreDurable).toBe(true);
        // The kernel's own word: the open file's flags (octal) include O_DSYNC (010000) and O_APPEND.
        const fd = readdirSync('/proc/self/fd').find((n) => {
          try {
            return readlinkSync(`/proc/self/fd/${n}`) === path;
          } catch {
            return false;
          }
        });
        expect(fd).toBeDefined();
        const flags = parseInt(
          /flags:\s*([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0',
          8,
        );
        expect(flags & 0o10000).toBe(0o10000);
        expect(flags & 0o2000).toBe(0o2000);
      } finally {
        await handle.close();
      }
    },
  );

  it('does not fsync after writes the disk already made durable, and they read back', async () => {
    let syncs = 0;
    const io: JournalIo = {
      syncDir: (d) => nodeJournalIo.syncDir(d),
      async openAppend(path) {
        const real = await nodeJournalIo.openAppend(path);
        return {
          writesAreDurable: true,
          write: (data) => real.write(data),
          sync: async () => {
            syncs += 1;
          },
          truncate: (size) => real.truncate(size),
          close: () => real.close(),
        };
      },
    };
    const where = dir();
    const { journal } = await Journal.open(where, { io });
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append([healthDraft('D', 1 + i)])));
    expect(syncs).toBe(0);
    expect(journal.stats.syncs).toBeGreaterThan(0);
    await journal.close();
    const { journal: again } = await Journal.open(where);
    expect(again.lastSeq).toBe(50);
    await again.close();
  });
});
