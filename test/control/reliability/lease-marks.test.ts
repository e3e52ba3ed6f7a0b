/**
 * The lease marks file (restart-recovery.ts) as a crash leaves it: the last refresh of each held
 * lease survives, ended leases drop out, and a line torn by the kill is skipped, not fatal.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LeaseView } from '../../../shared/domain/control/lease';
import { createLogger } from '../../../electron/core/logger';
import { LeaseMarksWriter, readLeaseMarks } from '../../../electron/core/control/restart-recovery';
import { tempDir } from '../../support/temp-dir';

const log = createLogger('silent');
const dir = tempDir('fleetdesk-marks-');
afterAll(() => dir.remove());

const lease = (serial: string, held: boolean): LeaseView =>
  ({ serial, held, lastDeliveredAt: 1, fallbackS: 60 }) as LeaseView;

describe('lease marks', () => {
  it('keeps the last refresh per held lease, drops ended ones, and survives a torn last line', async () => {
    const path = join(dir.path, 'marks.jsonl');
    const writer = new LeaseMarksWriter(path, log);
    writer.sent('A', 1000, 60);
    writer.sent('B', 1500, 120);
    writer.sent('A', 21_000, 60);
    // A lease list after the refreshes: B is no longer held (released), A still is.
    writer.onEvent({ type: 'leases', leases: [lease('A', true), lease('B', false)] });
    // The process dies mid-line.
    appendFileSync(path, '{"serial":"A","at":4100');
    expect(await readLeaseMarks(path, log)).toEqual({ A: { lastSentAt: 21_000, fallbackS: 60 } });
    writer.stop();
  });

  it('starts the file afresh in a new run and compacts it as it grows', async () => {
    const path = join(dir.path, 'marks2.jsonl');
    appendFileSync(path, '{"serial":"OLD","at":1,"fallbackS":60}\n');
    const writer = new LeaseMarksWriter(path, log);
    for (let i = 0; i < 3000; i++) writer.sent(`S${i % 3}`, 1000 + i, 60);
    writer.stop();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(1100);
    expect(await readLeaseMarks(path, log)).toEqual({
      S0: { lastSentAt: 3997, fallbackS: 60 },
      S1: { lastSentAt: 3998, fallbackS: 60 },
      S2: { lastSentAt: 3999, fallbackS: 60 },
    });
  });
});
