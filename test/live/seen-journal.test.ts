import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeenJournal } from '../../electron/core/live/seen-journal';
import { systemClock } from '../../electron/core/clock';
import { createLogger } from '../../electron/core/logger';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';

describe('SeenJournal', () => {
  let commits: JournalDraft[][];
  let journal: SeenJournal;
  const warn = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    commits = [];
    warn.mockReset();
    const log = createLogger('silent');
    log.warn = warn as unknown as typeof log.warn;
    journal = new SeenJournal({
      commit: async (drafts) => void commits.push(drafts),
      clock: systemClock,
      log,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('writes the marks of a fleet reporting in step as a few commits of at most 1,000', async () => {
    for (let i = 0; i < 2_500; i++) journal.seen(`SG1-${i}`, 1000 + i);
    expect(commits).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(commits.map((c) => c.length)).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(500);
    expect(commits.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(commits.flat().map((d) => d.type === 'signal.seen' && d.serial)).toEqual(
      Array.from({ length: 2_500 }, (_, i) => `SG1-${i}`),
    );
    expect(commits[0]?.[0]).toEqual({
      type: 'signal.seen',
      at: 1000,
      actor: 'mqtt',
      serial: 'SG1-0',
      signal: 'mqtt',
    });
  });

  it('writes what is pending on close, dropping nothing', async () => {
    journal.seen('A', 1);
    journal.seen('B', 2);
    await journal.close();
    expect(commits.flat()).toHaveLength(2);
  });

  it('logs a failed commit and keeps writing later marks', async () => {
    let fail = true;
    const log = createLogger('silent');
    log.warn = warn as unknown as typeof log.warn;
    journal = new SeenJournal({
      commit: async (drafts) => {
        if (fail) throw new Error('disk full');
        commits.push(drafts);
      },
      clock: systemClock,
      log,
    });
    journal.seen('A', 1);
    await vi.advanceTimersByTimeAsync(250);
    expect(warn).toHaveBeenCalledTimes(1);
    fail = false;
    journal.seen('B', 2);
    await vi.advanceTimersByTimeAsync(250);
    expect(commits.flat().map((d) => d.type === 'signal.seen' && d.serial)).toEqual(['B']);
  });
});
