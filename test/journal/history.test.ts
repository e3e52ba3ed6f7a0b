import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/core/journal/journal';
import { healthDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** 60 entries over several small segments. */
async function segmented(): Promise<string> {
  const d = tempDir();
  dirs.push(d);
  const { journal } = await Journal.open(d.path, { maxSegmentBytes: 3_000 });
  for (let i = 1; i <= 60; i += 1) await journal.append([healthDraft(`S${i % 5}`, i)]);
  await journal.close();
  return d.path;
}

const segmentsOf = (path: string) =>
  readdirSync(path)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();

describe('older segments are checked after open', () => {
  it('replays only what follows the snapshot, then indexes older segments in the background', async () => {
    const path = await segmented();
    expect(segmentsOf(path).length).toBeGreaterThan(4);
    const { journal, tail, problems, history } = await Journal.open(path, { replayAfter: 55 });
    expect(tail.map((e) => e.seq)).toEqual([56, 57, 58, 59, 60]);
    expect(problems).toEqual([]);
    expect(await history).toEqual([]);
    expect((await journal.timelines.entriesFor('S1')).map((e) => e.seq)).toEqual(
      Array.from({ length: 12 }, (_, i) => 1 + 5 * i),
    );
    expect((await journal.readSince(0)).length).toBe(60);
    await journal.close();
  });

  it('reads what is indexed so far before the older segments are, saying so; whole reads wait for them', async () => {
    const path = await segmented();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { journal, history } = await Journal.open(path, { replayAfter: 55, historyAfter: gate });
    const early = journal.timelines.countSoFar('S1');
    expect(early.complete).toBe(false);
    // S1 is every fifth entry: 1, 6, …, 56. The recent part holds its newest ones, not all 12.
    expect(early.count).toBeGreaterThan(0);
    expect(early.count).toBeLessThan(12);
    const soFar = await journal.timelines.entriesSoFar('S1', { last: 2 });
    expect(soFar.complete).toBe(false);
    expect(soFar.entries.map((e) => e.seq)).toEqual([51, 56].slice(-Math.min(2, early.count)));
    // A whole timeline needs the older segments: it waits for them.
    let whole: number[] | undefined;
    void journal.timelines.entriesFor('S1').then((es) => (whole = es.map((e) => e.seq)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(whole).toBeUndefined();
    release();
    expect(await history).toEqual([]);
    const all = Array.from({ length: 12 }, (_, i) => 1 + 5 * i);
    await vi.waitFor(() => expect(whole).toEqual(all));
    expect(journal.timelines.countSoFar('S1')).toEqual({ count: 12, complete: true });
    expect(await journal.timelines.entriesSoFar('S1', { last: 2 })).toEqual({
      entries: [expect.objectContaining({ seq: 51 }), expect.objectContaining({ seq: 56 })],
      complete: true,
    });
    await journal.close();
  });

  it('reports an edit in an older segment once the background check reaches it', async () => {
    const path = await segmented();
    const first = join(path, segmentsOf(path)[0] ?? '');
    const lines = readFileSync(first, 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('"status":"ok"', '"status":"error"');
    writeFileSync(first, lines.join('\n'));
    const { journal, problems, history } = await Journal.open(path, { replayAfter: 58 });
    expect(problems).toEqual([]);
    expect(await history).toEqual([
      expect.objectContaining({ kind: 'hash-mismatch', seq: 2, segment: '000001.jsonl' }),
    ]);
    expect(await journal.verify()).toEqual([expect.objectContaining({ kind: 'hash-mismatch', seq: 2 })]);
    await journal.close();
  });

  it('reports a missing older segment as a break where the recent part starts', async () => {
    const path = await segmented();
    unlinkSync(join(path, segmentsOf(path)[1] ?? ''));
    const { journal, problems, history } = await Journal.open(path, { replayAfter: 58 });
    expect(problems).toEqual([]);
    const found = await history;
    expect(found.map((p) => p.kind)).toContain('chain-break');
    await journal.close();
  });

  it('closes while the background check is still held back', async () => {
    const path = await segmented();
    const never = new Promise<void>(() => undefined);
    const { journal, history } = await Journal.open(path, { replayAfter: 58, historyAfter: never });
    await journal.close();
    await expect(history).resolves.toBeInstanceOf(Array);
  });

  it('stops the background check when the journal closes', async () => {
    const path = await segmented();
    const { journal, history } = await Journal.open(path, { replayAfter: 58 });
    await journal.close();
    await expect(history).resolves.toBeInstanceOf(Array);
  });
});
