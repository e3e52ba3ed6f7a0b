import { ENTRY_TYPE_CODE } from '../../../shared/domain/activity/categories';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';

/** Room for this many entries when a serial is first seen; then it grows by half. */
const FIRST_ENTRIES = 8;
const GROWTH = 1.5;
/** Segment, offset, length and type code of each entry. */
const FIELDS = 4;
/** An entry type this build does not know (written by a newer one). */
const OTHER_TYPE = 0xffff;

type Places = { flat: Uint32Array; used: number };

export type Place = { segment: number; offset: number; length: number };

/** Which of a serial's entries to locate: only these types, only the newest few. */
export type TimelineSelection = { types?: readonly JournalEntry['type'][]; last?: number };

/**
 * Where each serial's entries lie on disk, and of what type: per serial, flat quads (segment,
 * offset, length, type) in a typed array. Holding positions instead of entries keeps a long
 * journal's timelines at ~16 bytes an entry plus the room ahead (31 as arrays of numbers,
 * measured over 600,000 entries); a timeline is then read back with one positioned read per
 * entry, and a page that shows the newest 500 or only the onboarding calls reads just those.
 */
export class TimelineIndex {
  private readonly bySerial = new Map<string, Places>();

  add(serial: string, segment: number, offset: number, length: number, type: string): void {
    let at = this.bySerial.get(serial);
    if (!at) {
      at = { flat: new Uint32Array(FIRST_ENTRIES * FIELDS), used: 0 };
      this.bySerial.set(serial, at);
    } else if (at.used + FIELDS > at.flat.length) {
      const grown = new Uint32Array(Math.ceil((at.flat.length / FIELDS) * GROWTH) * FIELDS);
      grown.set(at.flat);
      at.flat = grown;
    }
    at.flat[at.used] = segment;
    at.flat[at.used + 1] = offset;
    at.flat[at.used + 2] = length;
    at.flat[at.used + 3] = ENTRY_TYPE_CODE.get(type) ?? OTHER_TYPE;
    at.used += FIELDS;
  }

  /** How many entries name `serial`. */
  count(serial: string): number {
    return (this.bySerial.get(serial)?.used ?? 0) / FIELDS;
  }

  /** The positions of `serial`'s entries (of `types`, the newest `last` of them), oldest first. */
  locate(serial: string, selection: TimelineSelection = {}): Place[] {
    const at = this.bySerial.get(serial);
    const out: Place[] = [];
    if (!at) return out;
    const codes =
      selection.types && new Set(selection.types.map((t) => ENTRY_TYPE_CODE.get(t) ?? OTHER_TYPE));
    const last = selection.last ?? Infinity;
    // Newest first, so a `last` stops early; reversed at the end.
    for (let i = at.used - FIELDS; i >= 0 && out.length < last; i -= FIELDS) {
      if (codes && !codes.has(at.flat[i + 3] ?? OTHER_TYPE)) continue;
      out.push({ segment: at.flat[i] ?? 0, offset: at.flat[i + 1] ?? 0, length: at.flat[i + 2] ?? 0 });
    }
    return out.reverse();
  }

  /** Puts every place of `older` (entries that all come before this index's) in front. */
  prepend(older: TimelineIndex): void {
    for (const [serial, before] of older.bySerial) {
      const after = this.bySerial.get(serial);
      const flat = new Uint32Array(before.used + (after?.used ?? 0));
      flat.set(before.flat.subarray(0, before.used));
      if (after) flat.set(after.flat.subarray(0, after.used), before.used);
      this.bySerial.set(serial, { flat, used: flat.length });
    }
    older.clear();
  }

  /** Forgets the places in segments up to `no` (archived: no longer on disk where they were). */
  dropSegmentsUpTo(no: number): void {
    for (const [serial, at] of this.bySerial) {
      // Each serial's places are in journal order: the archived ones are a prefix.
      let k = 0;
      while (k < at.used && (at.flat[k] ?? 0) <= no) k += FIELDS;
      if (k === 0) continue;
      if (k === at.used) {
        this.bySerial.delete(serial);
        continue;
      }
      at.flat.copyWithin(0, k, at.used);
      at.used -= k;
    }
  }

  clear(): void {
    this.bySerial.clear();
  }
}
