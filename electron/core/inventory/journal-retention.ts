import type { ArchivedSegment } from '../../../shared/domain/inventory/journal-archive';
import type { Clock } from '../clock';
import type { Journal } from '../journal/journal';
import type { Logger } from '../logger';

/** How much of the journal stays online (indexed for timelines and the Activity page). */
export type RetentionPolicy = {
  /** Segments last written longer ago than this are archived. */
  onlineDays: number;
  /** Older segments are archived too while the online ones hold more than this. */
  maxOnlineBytes: number;
};

/**
 * 30 days, and at most 1 GiB online (about 1.6 million callback entries: a 26 MiB timeline index).
 * The size bound is what keeps memory and start-up flat for a large fleet: 1,000 controllers
 * reporting health every minute journal about 1.4 million entries a day, which without it would
 * grow the index by ~24 MiB and the background history check by ~14 s for every day kept.
 */
export const DEFAULT_RETENTION: RetentionPolicy = { onlineDays: 30, maxOnlineBytes: 1024 ** 3 };

/**
 * Moves old journal segments into the archive after each snapshot write (only a snapshot on disk
 * lets recovery do without replaying them). One run at a time; none while `blocked` (a backup
 * reads the files, a restore moves them), and `idle` lets those wait for a run in progress.
 */
export class JournalRetention {
  private current: Promise<void> | undefined;
  private cancelled = false;

  constructor(
    private readonly deps: {
      clock: Clock;
      log: Logger;
      /** Read at each run, so a change in Settings applies at the next one. */
      policy: () => RetentionPolicy;
      onArchived?: ((segments: ArchivedSegment[]) => void) | undefined;
    },
  ) {}

  /** Starts a run over `journal` unless one is running or `blocked()`; entries up to `coveredSeq` are in the snapshot. */
  afterSnapshot(journal: Journal, coveredSeq: number, blocked: () => boolean): void {
    if (this.current || blocked()) return;
    const now = this.deps.clock.now();
    const { onlineDays, maxOnlineBytes } = this.deps.policy();
    this.cancelled = false;
    this.current = journal
      .archiveOld({
        coveredSeq,
        olderThan: now - onlineDays * 86_400_000,
        maxOnlineBytes,
        now,
        stopped: () => this.cancelled,
      })
      .then((archived) => {
        if (archived.length === 0) return;
        this.deps.log.info(
          { segments: archived.map((s) => s.file), lastSeq: archived.at(-1)?.lastSeq },
          'journal segments archived',
        );
        this.deps.onArchived?.(archived);
      })
      .catch((error: unknown) =>
        this.deps.log.error({ err: error }, 'journal segments could not be archived'),
      )
      .finally(() => {
        this.current = undefined;
      });
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Ends a run in progress after the segment it is on (closing, restoring); resolves once it has. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.idle();
  }

  /** Resolves once no run is in progress. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }
}
