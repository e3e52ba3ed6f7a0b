import { ResponseCode, type Group } from './profile';
import { parseScheduleEntry, sameWindow, type ScheduleDraft, type ScheduleEntry } from './schedule-entry';
import type { ModelSpec } from './spec';

export type SetSchedulesResult =
  { ok: true; scheduleIds: number[]; deletedIds: number[] } | { ok: false; code: number; error: string };

/** Upper bound of stored windows per controller, so a runaway client cannot exhaust memory. */
export const MAX_SCHEDULES = 1000;
const MAX_ENTRIES_PER_REQUEST = 200;

/**
 * The schedules of one controller. Overlapping windows of one device type may coexist (unless
 * remove_overlap asks otherwise); the most recently created one wins while both are active.
 */
export class ScheduleStore {
  private readonly entries = new Map<number, ScheduleEntry>();
  private nextId = 1;

  constructor(private readonly spec: ModelSpec) {}

  /**
   * Handles the `fields` of a set_schedules request: every entry is validated before any is stored
   * (all or nothing). Sending an identical window again returns its existing id instead of a copy.
   */
  set(fields: unknown, nowMs: number): SetSchedulesResult {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      return { ok: false, code: ResponseCode.malformed, error: 'fields is not an object' };
    }
    const keys = Object.keys(fields)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b));
    if (keys.length === 0) return { ok: false, code: ResponseCode.malformed, error: 'no schedule entries' };
    if (keys.length > MAX_ENTRIES_PER_REQUEST) {
      return {
        ok: false,
        code: ResponseCode.outOfRange,
        error: `more than ${MAX_ENTRIES_PER_REQUEST} entries`,
      };
    }
    const drafts: ScheduleDraft[] = [];
    for (const key of keys) {
      const parsed = parseScheduleEntry((fields as Record<string, unknown>)[key], this.spec, nowMs);
      if (!parsed.ok) return { ok: false, code: parsed.code, error: `entry "${key}": ${parsed.error}` };
      drafts.push(parsed.draft);
    }
    this.prune(nowMs);
    if (this.entries.size + drafts.length > MAX_SCHEDULES) {
      return { ok: false, code: ResponseCode.outOfRange, error: `more than ${MAX_SCHEDULES} schedules` };
    }
    // remove_overlap removes overlapping EXISTING windows (protocol.md §3), so every removal runs before
    // anything of this request is stored; a window the request sends again keeps its id and is spared,
    // since the ack reports it as stored. Otherwise a later entry could delete an earlier one of the same
    // request while the ack still listed its id.
    const resent = new Set(drafts.flatMap((d) => this.findSame(d)?.id ?? []));
    const deletedIds = drafts.flatMap((d) => (d.removeOverlap ? this.removeOverlapping(d, resent) : []));
    const scheduleIds = drafts.map(({ removeOverlap: _removeOverlap, ...window }) => this.store(window));
    return { ok: true, scheduleIds, deletedIds };
  }

  /** Windows not yet ended (including the running ones), by start time. */
  future(nowMs: number): ScheduleEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.end * 1000 > nowMs)
      .sort((a, b) => a.start - b.start || a.id - b.id);
  }

  /** The winning active window per device type at `nowMs` (latest created wins). */
  active(nowMs: number): Partial<Record<Group, ScheduleEntry>> {
    const out: Partial<Record<Group, ScheduleEntry>> = {};
    for (const e of this.entries.values()) {
      if (e.start * 1000 > nowMs || e.end * 1000 <= nowMs) continue;
      const current = out[e.deviceType];
      if (current === undefined || e.id > current.id) out[e.deviceType] = e;
    }
    return out;
  }

  /** First window start or end strictly after `tMs`, so the model can step exactly to it. */
  nextBoundaryAfter(tMs: number): number | undefined {
    let next: number | undefined;
    for (const e of this.entries.values()) {
      for (const b of [e.start * 1000, e.end * 1000]) {
        if (b > tMs && (next === undefined || b < next)) next = b;
      }
    }
    return next;
  }

  /** Forgets windows that have ended. */
  prune(nowMs: number): void {
    for (const [id, e] of this.entries) if (e.end * 1000 <= nowMs) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private findSame(window: Omit<ScheduleEntry, 'id'>): ScheduleEntry | undefined {
    return [...this.entries.values()].find((e) => sameWindow(e, window));
  }

  /** Stores a window and returns its id; an identical stored window is reused instead of copied. */
  private store(window: Omit<ScheduleEntry, 'id'>): number {
    const existing = this.findSame(window);
    if (existing !== undefined) return existing.id;
    const id = this.nextId++;
    this.entries.set(id, { id, ...window });
    return id;
  }

  private removeOverlapping(window: Omit<ScheduleEntry, 'id'>, spared: ReadonlySet<number>): number[] {
    const removed: number[] = [];
    for (const [id, e] of this.entries) {
      if (spared.has(id) || e.deviceType !== window.deviceType) continue;
      if (e.start < window.end && window.start < e.end) {
        this.entries.delete(id);
        removed.push(id);
      }
    }
    return removed;
  }
}
