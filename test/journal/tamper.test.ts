import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/core/journal/journal';
import { healthDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

async function tenEntries(): Promise<{ path: string; file: string; lines: string[] }> {
  const d = tempDir();
  dirs.push(d);
  const { journal } = await Journal.open(d.path);
  for (let i = 1; i <= 10; i += 1)
    await journal.append([healthDraft('S1', i * 1000, i % 2 ? 'ok' : 'warning')]);
  await journal.close();
  const file = join(d.path, '000001.jsonl');
  return { path: d.path, file, lines: readFileSync(file, 'utf8').split('\n') };
}

async function verify(path: string) {
  const { journal } = await Journal.open(path);
  const problems = await journal.verify();
  await journal.close();
  return problems;
}

describe('journal hash chain', () => {
  it('verifies a journal nobody touched', async () => {
    const { path } = await tenEntries();
    expect(await verify(path)).toEqual([]);
  });

  it('detects one edited value in one line', async () => {
    const { path, file, lines } = await tenEntries();
    lines[4] = (lines[4] ?? '').replace('"status":"ok"', '"status":"error"');
    writeFileSync(file, lines.join('\n'));
    expect(await verify(path)).toEqual([expect.objectContaining({ kind: 'hash-mismatch', seq: 5, line: 5 })]);
  });

  it('detects an edit whose hash was recomputed, at the next entry', async () => {
    const { path, file, lines } = await tenEntries();
    const edited = (lines[4] ?? '').replace('"at":5000', '"at":5001');
    const body = `{${edited.slice(75)}`;
    const prev = (JSON.parse(edited) as { prevHash: string }).prevHash;
    const hash = createHash('sha256').update(prev).update(body).digest('hex');
    lines[4] = `{"hash":"${hash}",${edited.slice(75)}`;
    writeFileSync(file, lines.join('\n'));
    expect(await verify(path)).toEqual([expect.objectContaining({ kind: 'chain-break', seq: 6 })]);
  });

  it('detects a deleted line', async () => {
    const { path, file, lines } = await tenEntries();
    lines.splice(6, 1);
    writeFileSync(file, lines.join('\n'));
    expect((await verify(path)).map((p) => [p.kind, p.seq])).toEqual([
      ['chain-break', 8],
      ['seq-gap', 8],
    ]);
  });

  it('detects two lines swapped', async () => {
    const { path, file, lines } = await tenEntries();
    [lines[2], lines[3]] = [lines[3] ?? '', lines[2] ?? ''];
    writeFileSync(file, lines.join('\n'));
    expect((await verify(path)).length).toBeGreaterThanOrEqual(2);
  });
});
