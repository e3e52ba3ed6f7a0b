import type { CommandRecord, FallbackRecord, RunRecord } from '../../../electron/simulator';
import type { EntryOf, JournalEntry } from '../../../shared/domain/inventory/journal-entry';

/** The simulator's command records (optionally of one controller), in log order. */
export const commandsOf = (records: readonly RunRecord[], serial?: string): CommandRecord[] =>
  records.filter(
    (r): r is CommandRecord => r.type === 'command' && (serial === undefined || r.serial === serial),
  );

export const fallbacksOf = (records: readonly RunRecord[], serial?: string): FallbackRecord[] =>
  records.filter(
    (r): r is FallbackRecord => r.type === 'fallback' && (serial === undefined || r.serial === serial),
  );

/** Smallest gap between two commands reaching one controller, over all controllers (ms). */
export function minGapPerController(records: readonly RunRecord[]): number {
  const last = new Map<string, number>();
  let min = Number.POSITIVE_INFINITY;
  for (const c of commandsOf(records)) {
    const prev = last.get(c.serial);
    if (prev !== undefined) min = Math.min(min, c.receivedAtMs - prev);
    last.set(c.serial, c.receivedAtMs);
  }
  return min;
}

/** Most commands the fleet received in any one-second window. */
export function maxPerSecond(records: readonly RunRecord[]): number {
  const times = commandsOf(records)
    .map((c) => c.receivedAtMs)
    .sort((a, b) => a - b);
  let max = 0;
  let from = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[from] ?? 0) <= (times[i] ?? 0) - 1000) from += 1;
    max = Math.max(max, i - from + 1);
  }
  return max;
}

/** Commands the simulator applied after their validUntil (must be none, EC-4). */
export const appliedLate = (records: readonly RunRecord[]): CommandRecord[] =>
  commandsOf(records).filter(
    (c) =>
      c.outcome === 'applied' && c.validUntil !== undefined && (c.appliedAtMs ?? 0) > c.validUntil * 1000,
  );

export const entriesOf = <T extends JournalEntry['type']>(
  entries: readonly JournalEntry[],
  type: T,
): EntryOf<T>[] => entries.filter((e): e is EntryOf<T> => e.type === type);

/**
 * Commands that reached a controller without an audit record written before (EC-6). A refresh
 * (`<id>.rN`) is covered by the record of the command it re-sends.
 */
export function unaudited(records: readonly RunRecord[], entries: readonly JournalEntry[]): CommandRecord[] {
  const created = new Map(entriesOf(entries, 'command.created').map((e) => [e.commandId, e]));
  return commandsOf(records).filter((c) => {
    const base = c.commandId?.replace(/\.r\d+$/, '');
    const entry = base === undefined ? undefined : created.get(base);
    return entry === undefined || entry.at > c.receivedAtMs;
  });
}
