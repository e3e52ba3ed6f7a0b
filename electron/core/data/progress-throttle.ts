import type { DataProgress, OnProgress } from '../../../shared/domain/inventory/data-progress';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';

/** How often a long task's progress reaches the UI at most: often enough to move, rarely enough to cost nothing. */
export const PROGRESS_EVERY_MS = 250;

/**
 * Passes progress on to `report` at its first call, then at most every PROGRESS_EVERY_MS, and
 * always when all is done: a restore proves each of its entries, and an event per entry would
 * cost more than the work.
 */
export function throttledProgress(clock: Clock, report: OnProgress): OnProgress {
  let last: number | undefined;
  return (done, total) => {
    const now = clock.now();
    if (last !== undefined && now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    report(done, total);
  };
}

/** Tells the UI how far `task` is (`data.progress`), throttled as above. */
export function taskProgress(clock: Clock, events: CoreEvents, task: DataProgress['task']): OnProgress {
  return throttledProgress(clock, (done, total) => events.emit('data.progress', { task, done, total }));
}
