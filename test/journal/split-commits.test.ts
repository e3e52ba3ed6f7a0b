import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/core/journal/journal';
import { segmentName } from '../../electron/core/journal/segments';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const LINES_PER_SEGMENT = 7;

/**
 * A journal as a restore by an earlier build laid it out: 20 commits of 3 entries (1–3, 4–6, …),
 * cut into segments of 7 lines whatever the commits, so most segments start inside one
 * (entry 8 is the second of commit 7–9; the last segment starts with 57, the last of 55–57).
 */
async function splitCommits(): Promise<string> {
  const d = tempDir();
  dirs.push(d);
  const { journal } = await Journal.open(d.path);
  for (let i = 0; i < 20; i += 1)
    await journal.append([
      onboardingDraft(`T${i}`, 3 * i),
      healthDraft(`T${i}`, 3 * i + 1),
      healthDraft(`T${i}`, 3 * i + 2),
    ]);
  await journal.close();
  const first = join(d.path, segmentName(1));
  const lines = readFileSync(first, 'utf8').split('\n').slice(0, -1);
  unlinkSync(first);
  for (let at = 0; at < lines.length; at += LINES_PER_SEGMENT) {
    const part = lines.slice(at, at + LINES_PER_SEGMENT);
    writeFileSync(join(d.path, segmentName(at / LINES_PER_SEGMENT + 1)), `${part.join('\n')}\n`);
  }
  return d.path;
}

const seqs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('commits split between segments (journals restored by earlier builds)', () => {
  it('are whole across the border between the older segments and the recent part', async () => {
    const path = await splitCommits();
    // The snapshot is at 57, so start-up reads the last segment and the rest is checked after.
    const { journal, problems, tail, history } = await Journal.open(path, { replayAfter: 57 });
    expect(problems).toEqual([]);
    expect(tail.map((e) => e.seq)).toEqual([58, 59, 60]);
    expect(await history).toEqual([]);
    expect(await journal.verify()).toEqual([]);
    expect((await journal.readSince(0)).map((e) => e.seq)).toEqual(seqs(60));
    await journal.close();
  });

  it('are whole across archived segments and into the live journal when recovery replays the archive', async () => {
    const path = await splitCommits();
    const { journal } = await Journal.open(path, { replayAfter: 60 });
    const archived = await journal.archiveOld({
      coveredSeq: 60,
      olderThan: Infinity,
      maxOnlineBytes: 0,
      now: 1,
    });
    expect(archived.map((s) => s.lastSeq)).toEqual([7, 14, 21, 28, 35, 42, 49, 56]);
    await journal.close();

    const replayed: number[] = [];
    const again = await Journal.open(path, { onReplay: (e) => replayed.push(e.seq) });
    expect(again.problems).toEqual([]);
    expect(await again.history).toEqual([]);
    expect(replayed).toEqual(seqs(60));
    await again.journal.close();
  });

  it('still reports a split commit whose rest is missing', async () => {
    const path = await splitCommits();
    // The last segment loses its first line, entry 57: the end of commit 55–57.
    const last = join(path, segmentName(9));
    writeFileSync(last, `${readFileSync(last, 'utf8').split('\n').slice(1).join('\n')}`);
    const { journal, history } = await Journal.open(path, { replayAfter: 57 });
    expect((await history).map((p) => `${p.kind}/${p.severity}`)).toEqual([
      'incomplete-transaction/error',
      'chain-break/error',
    ]);
    await journal.close();
  });
});
