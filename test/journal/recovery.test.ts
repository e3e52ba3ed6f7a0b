import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/core/journal/journal';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

async function journalWith(path: string, count: number): Promise<void> {
  const { journal } = await Journal.open(path);
  for (let i = 1; i <= count; i += 1) await journal.append([healthDraft(`S${i % 3}`, i)]);
  await journal.close();
}

const segment = (path: string) => join(path, '000001.jsonl');

describe('journal recovery', () => {
  it.each<[string, (lastLine: string) => string]>([
    ['half a line', () => '{"hash":"12ab'],
    ['a whole entry without its line end', (lastLine) => lastLine.replace('"seq":5', '"seq":6')],
    ['NUL bytes from a power loss', () => '\0'.repeat(512)],
  ])('cuts a torn last write (%s), keeps its bytes aside, and carries on', async (_name, tornOf) => {
    const path = dir();
    await journalWith(path, 5);
    const before = readFileSync(segment(path));
    const lastLine = before.toString('utf8').trimEnd().split('\n').at(-1) ?? '';
    const torn = tornOf(lastLine);
    appendFileSync(segment(path), torn);
    const { journal, problems } = await Journal.open(path);
    expect(problems).toEqual([expect.objectContaining({ kind: 'torn-tail', severity: 'info' })]);
    expect(readFileSync(segment(path))).toEqual(before);
    const saved = readdirSync(path).filter((f) => f.includes('.torn-'));
    expect(saved).toHaveLength(1);
    expect(readFileSync(join(path, saved[0] ?? ''), 'utf8')).toBe(torn);
    expect(journal.lastSeq).toBe(5);
    const [next] = await journal.append([healthDraft('S1', 6)]);
    expect(next?.seq).toBe(6);
    expect(await journal.verify()).toEqual([]);
    await journal.close();
  });

  it('drops a multi-entry commit that was cut between its lines (it was never acknowledged)', async () => {
    const path = dir();
    await journalWith(path, 2);
    const { journal } = await Journal.open(path);
    await journal.append([onboardingDraft('T', 10), healthDraft('T', 11), healthDraft('T', 12)]);
    await journal.close();
    const lines = readFileSync(segment(path), 'utf8').split('\n');
    writeFileSync(segment(path), `${lines.slice(0, 4).join('\n')}\n`); // 2 entries + 2 of the 3-entry commit
    const reopened = await Journal.open(path);
    expect(reopened.problems).toEqual([expect.objectContaining({ kind: 'torn-tail', severity: 'info' })]);
    expect(reopened.journal.lastSeq).toBe(2);
    expect((await reopened.journal.readSince(0)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await reopened.journal.timelines.entriesFor('T')).toEqual([]);
    await reopened.journal.close();
  });

  it('reports a damaged line inside the last, acknowledged commit and keeps the rest of it, never cut as torn', async () => {
    const path = dir();
    await journalWith(path, 2);
    const { journal } = await Journal.open(path);
    // Acknowledged (the append resolved): entries 3, 4 and 5 are durable.
    const acked = await journal.append([
      onboardingDraft('T', 10),
      healthDraft('T', 11),
      healthDraft('T', 12),
    ]);
    expect(acked.map((e) => e.seq)).toEqual([3, 4, 5]);
    await journal.close();
    // One whole line of it goes bad on disk (bit rot, a bad sector); its line end is intact.
    const lines = readFileSync(segment(path), 'utf8').split('\n');
    lines[3] = 'x'.repeat(lines[3]?.length ?? 10);
    const damaged = lines.join('\n');
    writeFileSync(segment(path), damaged);

    const reopened = await Journal.open(path);
    expect(reopened.problems.map((p) => `${p.kind}/${p.severity}`)).toEqual([
      'malformed-line/error',
      'incomplete-transaction/error',
    ]);
    expect(reopened.tail.map((e) => e.seq)).toEqual([1, 2, 3, 5]);
    expect((await reopened.journal.readSince(0)).map((e) => e.seq)).toEqual([1, 2, 3, 5]);
    expect(await reopened.journal.timelines.countFor('T')).toBe(2);
    // Numbering goes on above every entry seen, into a new segment; the damaged file is kept as it is.
    const [next] = await reopened.journal.append([healthDraft('S1', 99)]);
    expect(next?.seq).toBe(6);
    await reopened.journal.close();
    expect(readFileSync(segment(path), 'utf8')).toBe(damaged);
    expect(readdirSync(path).filter((f) => f.includes('.torn-'))).toEqual([]);
  });

  it('reports damage in the middle, keeps the file byte for byte, and appends to a new segment', async () => {
    const path = dir();
    await journalWith(path, 6);
    const lines = readFileSync(segment(path), 'utf8').split('\n');
    lines[2] = 'garbage that is not json';
    const damaged = lines.join('\n');
    writeFileSync(segment(path), damaged);
    const { journal, problems, tail } = await Journal.open(path);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'malformed-line',
        severity: 'error',
        segment: '000001.jsonl',
        line: 3,
      }),
    ]);
    expect(tail.map((e) => e.seq)).toEqual([1, 2, 4, 5, 6]);
    expect(readFileSync(segment(path), 'utf8')).toBe(damaged);
    await journal.append([healthDraft('S1', 7)]);
    await journal.close();
    expect(readFileSync(segment(path), 'utf8')).toBe(damaged);
    expect(statSync(join(path, '000002.jsonl')).size).toBeGreaterThan(0);
  });

  it('spreads entries over segments and reads them back across segment borders', async () => {
    const path = dir();
    const { journal } = await Journal.open(path, { maxSegmentBytes: 2_000 });
    for (let i = 1; i <= 40; i += 1) await journal.append([healthDraft(`S${i % 4}`, i)]);
    await journal.close();
    expect(readdirSync(path).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(3);
    const {
      journal: again,
      problems,
      tail,
    } = await Journal.open(path, { replayAfter: 30, maxSegmentBytes: 2_000 });
    expect(problems).toEqual([]);
    expect(tail.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 31 + i));
    expect((await again.timelines.entriesFor('S1')).map((e) => e.seq)).toEqual(
      Array.from({ length: 10 }, (_, i) => 1 + 4 * i),
    );
    expect((await again.readSince(0)).length).toBe(40);
    await again.close();
  });

  it('reports a journal that is shorter than the snapshot and numbers new entries after the snapshot', async () => {
    const path = dir();
    await journalWith(path, 3);
    const { journal, problems } = await Journal.open(path, { replayAfter: 10 });
    expect(problems).toEqual([expect.objectContaining({ kind: 'behind-snapshot', severity: 'error' })]);
    const [entry] = await journal.append([healthDraft('S1', 11)]);
    expect(entry?.seq).toBe(11);
    await journal.close();
  });

  it('leaves an empty journal empty after a crash before the first write finished', async () => {
    const path = dir();
    await journalWith(path, 1);
    truncateSync(segment(path), 30);
    const { journal, problems } = await Journal.open(path);
    expect(problems.map((p) => p.kind)).toEqual(['torn-tail']);
    expect(journal.lastSeq).toBe(0);
    expect((await journal.append([healthDraft('S', 1)]))[0]?.seq).toBe(1);
    await journal.close();
  });
});
