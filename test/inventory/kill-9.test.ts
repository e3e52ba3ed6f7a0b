import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { fromSnapshot, stateFingerprint } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import { openInventory } from './fixtures/open-inventory';

const WRITER = join(import.meta.dirname, 'fixtures', 'writer.ts');
const dir = tempDir('fleetdesk-kill9-');
afterAll(() => dir.remove());

type Run = { acked: number[]; readySeq: number; killedAfter: string; stderr: string };

/**
 * Starts the writer and SIGKILLs it at a chosen moment: `ms` after it is ready, or once it has
 * acknowledged `acks` commits. Resolves with every sequence number it acknowledged.
 */
function runAndKill(moment: { ms: number } | { acks: number }, run: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir.path, String(run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' },
    });
    const result: Run = { acked: [], readySeq: -1, killedAfter: JSON.stringify(moment), stderr: '' };
    let buffered = '';
    let commits = 0;
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // only whole lines count as acknowledged
      for (const line of lines) {
        const [word, ...nums] = line.split(' ');
        if (word === 'ready') {
          result.readySeq = Number(nums[0]);
          if ('ms' in moment) setTimeout(kill, moment.ms);
        } else if (word === 'ack') {
          result.acked.push(...nums.map(Number));
          commits += 1;
          if ('acks' in moment && commits === moment.acks) kill();
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (result.stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${result.stderr}`));
      else resolve(result);
    });
  });
}

describe('kill -9 during a burst of commits', () => {
  it('always loads afterwards, with every acknowledged entry present', { timeout: 180_000 }, async () => {
    const moments = [
      { ms: 0 },
      { acks: 40 },
      { ms: 150 },
      { acks: 1 },
      { ms: 400 },
      { acks: 300 },
      { ms: 60 },
      { acks: 120 },
      { ms: 900 },
      { acks: 700 },
    ].map((m) =>
      'ms' in m
        ? { ms: Math.round(m.ms * (0.5 + Math.random())) }
        : { acks: Math.max(1, Math.round(m.acks * (0.5 + Math.random()))) },
    );
    const acked = new Set<number>();
    let highestAcked = 0;
    for (const [run, moment] of moments.entries()) {
      const result = await runAndKill(moment, run);
      // The writer opened (and so recovered) the data the previous kill left behind.
      expect(
        result.readySeq,
        `run ${run} (${result.killedAfter}) did not start: ${result.stderr}`,
      ).toBeGreaterThanOrEqual(highestAcked);
      for (const seq of result.acked) acked.add(seq);
      highestAcked = Math.max(highestAcked, ...result.acked.slice(-1000));
    }
    expect(acked.size).toBeGreaterThan(100);

    const { inventory } = await openInventory(dir.path);
    expect(readdirSync(dir.path).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(inventory.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const journal = await inventory.journalSince(0);
    const present = new Set(journal.map((e) => e.seq));
    expect([...acked].filter((seq) => !present.has(seq))).toEqual([]);
    expect(journal.map((e) => e.seq)).toEqual(Array.from({ length: journal.length }, (_, i) => i + 1));
    expect(await inventory.verify()).toEqual([]);
    expect(stateFingerprint(fromSnapshot(inventory.snapshot()))).toBe(stateFingerprint(replay(journal)));
    await inventory.close();
    const torn = readdirSync(join(dir.path, 'journal')).filter((f) => f.includes('.torn-')).length;
    console.log(
      `kill -9: ${moments.length} kills, ${acked.size} acknowledged entries, ${journal.length} in the journal, ${torn} torn tails cut`,
    );
  });
});
