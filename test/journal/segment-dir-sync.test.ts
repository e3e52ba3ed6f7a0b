/**
 * Issue #4, "a 202 is sent only after the change is durable": a journal entry written into a
 * NEW segment file is only durable once the directory entry of that file is synced too (O_DSYNC /
 * fdatasync make the file's data durable, not its name). No existing test fails when the writer
 * skips that directory sync.
 */
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/core/journal/journal';
import { nodeJournalIo, type JournalIo } from '../../electron/core/journal/journal-io';
import { healthDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('journal segments and their directory entry', () => {
  it('syncs the directory of every new segment before an append written into it resolves', async () => {
    const d = tempDir();
    dirs.push(d);
    /** Segment files opened for appending, and whether their directory was synced since. */
    const segments = new Map<string, { dirSynced: boolean }>();
    const notDurable: string[] = [];
    const io: JournalIo = {
      async syncDir(dir) {
        await nodeJournalIo.syncDir(dir);
        for (const [path, s] of segments) if (dirname(path) === dir) s.dirSynced = true;
      },
      async openAppend(path) {
        if (!segments.has(path)) segments.set(path, { dirSynced: false });
        return nodeJournalIo.openAppend(path);
      },
    };
    // Tiny segments: a roll-over every few entries.
    const { journal } = await Journal.open(d.path, { io, maxSegmentBytes: 2_000 });
    for (let i = 0; i < 40; i += 1) {
      await journal.append([healthDraft(`S${i}`, 1_000 + i)]);
      // The append resolved: every segment written so far must have a durable name by now.
      for (const [path, s] of segments) if (!s.dirSynced) notDurable.push(`${path} after entry ${i + 1}`);
    }
    await journal.close();
    expect(segments.size).toBeGreaterThan(3);
    expect(notDurable).toEqual([]);
  });
});
