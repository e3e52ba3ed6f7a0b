import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { writeFileAtomic } from '../inventory/atomic-file';
import type { LearnedPeriod } from './period-learner';

/** In the data folder: each installation's learned health cadence, kept across restarts. */
export const LEARNED_PERIODS_FILE = 'health-periods.json';

const FileSchema = z.object({
  version: z.literal(1),
  periods: z.record(
    z.string(),
    z.object({ periodMs: z.number().positive().finite(), samples: z.number().int().positive() }),
  ),
});

/**
 * The cadences the previous run learned. A cache of what the calls themselves teach again: a
 * missing file is a first start, and a damaged one is logged and set aside for relearning (the
 * configured period applies meanwhile), never a reason not to start.
 */
export async function readLearnedPeriods(path: string, log: Logger): Promise<Map<string, LearnedPeriod>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn({ err: error, path }, 'learned health periods not readable; relearning them');
    return new Map();
  }
  try {
    return new Map(Object.entries(FileSchema.parse(JSON.parse(text)).periods));
  } catch (error) {
    log.warn({ err: error, path }, 'learned health periods damaged; relearning them');
    return new Map();
  }
}

/** Writes the learned cadences atomically; one write at a time, the newest asked for wins. */
export class LearnedPeriodsWriter {
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  write(periods: ReadonlyMap<string, LearnedPeriod>): Promise<void> {
    const text = JSON.stringify({ version: 1, periods: Object.fromEntries(periods) });
    this.running = this.running
      .then(() => writeFileAtomic(this.path, text))
      .catch((error: unknown) =>
        this.log.warn({ err: error, path: this.path }, 'learned health periods not saved'),
      );
    return this.running;
  }
}

/** How often the learned cadences are saved while running: a crash relearns at most this much. */
const SAVE_EVERY_MS = 5 * 60_000;

/**
 * Saves what `learned` returns every few minutes and once more at `stop`, so the next run starts
 * from each installation's own cadence.
 */
export function keepLearnedPeriods(
  learned: () => ReadonlyMap<string, LearnedPeriod>,
  writer: LearnedPeriodsWriter,
  clock: Clock,
): { stop(): Promise<void> } {
  let timer: unknown;
  let stopped = false;
  const schedule = () => {
    timer = clock.setTimeout(() => {
      void writer.write(learned());
      if (!stopped) schedule();
    }, SAVE_EVERY_MS);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
      return writer.write(learned());
    },
  };
}
