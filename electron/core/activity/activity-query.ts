import type { ActivityFilter, ActivityRow } from '../../../shared/contract/activity-methods';
import { categoryOf, ENTRY_TYPES } from '../../../shared/domain/activity/categories';
import { summarizeEntry } from '../../../shared/domain/activity/entry-summary';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { fold } from '../../../shared/domain/fold';
import type { ActivityIndex } from './activity-index';

/** A filter turned into per-column tests, worked out once per query instead of once per entry. */
type Compiled = {
  from: number;
  to: number;
  /** Indexed by type code. */
  types: boolean[];
  /** -2: no filter; -1: a name the journal does not hold (nothing matches). */
  actor: number;
  serial: number;
  words: Array<{
    word: string;
    actors: boolean[];
    serials: boolean[];
    types: boolean[];
    /** Per summary id, worked out on first sight: 0 not yet, 1 contains the word, 2 does not. */
    summaries: Uint8Array;
  }>;
};

/** The positions (oldest first in the index) that match, newest first, from before `cursor`. */
export type Matches = { positions: number[]; nextCursor: number | null; total: number };

/**
 * Runs `filter` over the index: the page of at most `limit` matches older than `cursor` (a
 * sequence number; absent for the newest), and how many match in all. New entries only ever get
 * higher sequence numbers, so a cursor keeps pointing at the same place while they arrive.
 * `limit` Infinity gives every match (the export).
 */
export function findMatches(
  index: ActivityIndex,
  filter: ActivityFilter,
  cursor: number | undefined,
  limit: number,
): Matches {
  const c = compile(index, filter);
  const positions: number[] = [];
  let total = 0;
  let more = false;
  if (c.actor === -1 || c.serial === -1) return { positions, nextCursor: null, total };
  for (let p = index.size - 1; p >= 0; p -= 1) {
    if (!matches(index, c, p)) continue;
    total += 1;
    if (cursor !== undefined && (index.seq[p] ?? 0) >= cursor) continue;
    if (positions.length < limit) positions.push(p);
    else more = true;
  }
  const last = positions.at(-1);
  return { positions, nextCursor: more && last !== undefined ? (index.seq[last] ?? null) : null, total };
}

function matches(index: ActivityIndex, c: Compiled, p: number): boolean {
  const at = index.at[p] ?? 0;
  if (at < c.from || at >= c.to) return false;
  const type = index.type[p] ?? 0;
  if (!c.types[type]) return false;
  const actor = index.actor[p] ?? 0;
  if (c.actor >= 0 && actor !== c.actor) return false;
  const serial = index.serial[p] ?? -1;
  // An entry naming several installations (a bulk send refused for many) matches each of them.
  const many = serial < 0 ? index.serialsAt(p) : undefined;
  if (c.serial >= 0 && serial !== c.serial && !(many?.includes(c.serial) ?? false)) return false;
  for (const w of c.words) {
    if (w.actors[actor] || w.types[type] || (serial >= 0 && w.serials[serial])) continue;
    if (many?.some((id) => w.serials[id]) === true) continue;
    const id = index.summary[p] ?? 0;
    let known = w.summaries[id];
    if (known === 0) {
      known = fold(index.summaryTexts[id] ?? '').includes(w.word) ? 1 : 2;
      w.summaries[id] = known;
    }
    if (known === 2) return false;
  }
  return true;
}

function compile(index: ActivityIndex, f: ActivityFilter): Compiled {
  const categories = f.categories && f.categories.length > 0 ? new Set(f.categories) : undefined;
  // Folded (lower case, accents off) like every other search: "liege" finds a note about Liège.
  const words = fold(f.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const has = (names: readonly string[], word: string) => names.map((n) => fold(n).includes(word));
  return {
    from: f.from ?? -Infinity,
    to: f.to ?? Infinity,
    types: ENTRY_TYPES.map((t) => !categories || categories.has(categoryOf(t))),
    actor: f.actor === undefined ? -2 : (index.actorId(f.actor) ?? -1),
    serial: f.serial === undefined ? -2 : (index.serialId(f.serial) ?? -1),
    words: words.map((word) => ({
      word,
      actors: has(index.actorNames, word),
      serials: has(index.serialNames, word),
      types: has(ENTRY_TYPES, word),
      summaries: new Uint8Array(index.summaryTexts.length),
    })),
  };
}

/** One entry as a row of the Activity page. */
export function rowOf(entry: JournalEntry): ActivityRow {
  return {
    seq: entry.seq,
    at: entry.at,
    type: entry.type,
    category: categoryOf(entry.type),
    actor: entry.actor,
    serial: entry.serial ?? null,
    summary: summarizeEntry(entry),
    entry,
  };
}
