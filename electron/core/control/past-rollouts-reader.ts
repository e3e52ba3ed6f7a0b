import {
  rebuildRollouts,
  ROLLOUT_ENTRY_TYPES,
  type PastRollout,
} from '../../../shared/domain/control/past-rollouts';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';

/**
 * Past rollouts kept for the Control page, newest first. Each holds its whole grid (~150 bytes a
 * target), so the bound keeps a history of big rollouts from growing the app's memory.
 */
export const PAST_ROLLOUTS_KEPT = 20;

/**
 * The rollouts of earlier runs of Fleetdesk, rebuilt from the journal on first use and kept: they
 * cannot change any more (restart recovery wrote their last outcomes before the UI was served).
 * A restore replaces the journal, so `invalidate()` makes the next read rebuild them.
 */
export class PastRolloutsReader {
  private loaded: Promise<PastRollout[]> | undefined;

  constructor(
    /**
     * Durable entries of these types recorded at or after `since`, oldest first (the Activity
     * index reads them back from disk).
     */
    private readonly read: (
      types: readonly JournalEntry['type'][],
      since?: number,
    ) => Promise<JournalEntry[]>,
  ) {}

  /** Past rollouts not among `current` (this run's, which are live in memory), newest first. */
  async list(current: ReadonlySet<string>): Promise<PastRollout[]> {
    this.loaded ??= this.load(current);
    const loaded = this.loaded;
    try {
      return (await loaded).filter((r) => !current.has(r.view.rolloutId));
    } catch (error) {
      // A failed read is not cached: the next call tries again.
      if (this.loaded === loaded) this.loaded = undefined;
      throw error;
    }
  }

  invalidate(): void {
    this.loaded = undefined;
  }

  private async load(current: ReadonlySet<string>): Promise<PastRollout[]> {
    // Which rollouts first (their start entries are few), then the command entries from the
    // oldest of them on: a year of daily rollouts to thousands of homes is millions of command
    // entries, and only the last ones can belong to the rollouts kept.
    const starts = (await this.read(['rollout.started']))
      .filter((e): e is Extract<JournalEntry, { type: 'rollout.started' }> => e.type === 'rollout.started')
      .filter((e) => !current.has(e.rolloutId))
      .sort((a, b) => b.at - a.at)
      .slice(0, PAST_ROLLOUTS_KEPT);
    const kept = new Set(starts.map((e) => e.rolloutId));
    const since = starts.at(-1)?.at;
    if (since === undefined) return [];
    const rollouts = rebuildRollouts(await this.read(ROLLOUT_ENTRY_TYPES, since));
    return rollouts
      .filter((r) => kept.has(r.view.rolloutId))
      .sort((a, b) => b.view.startedAt - a.view.startedAt);
  }
}
