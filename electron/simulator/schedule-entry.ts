import { hasGroup, setpointRange } from './command-parser';
import { GROUPS, ResponseCode, SETPOINT_POLICIES, isPolicyOf, type Group } from './profile';
import type { ModelSpec } from './spec';

/** One accepted schedule window. Times in Unix seconds, limits and setpoint in W. */
export interface ScheduleEntry {
  id: number;
  deviceType: Group;
  start: number;
  end: number;
  policy: string;
  siteImportW?: number;
  siteExportW?: number;
  /** Power setpoint for policies that need one (`power_setpoint_W` on the wire; a simulator extension). */
  setpointW?: number;
  /** The entry as received (unknown fields kept, `remove_overlap` dropped), echoed by get_future_schedules. */
  raw: Record<string, unknown>;
}

/** A validated entry before it gets an id. */
export type ScheduleDraft = Omit<ScheduleEntry, 'id'> & { removeOverlap: boolean };

export type DraftResult = { ok: true; draft: ScheduleDraft } | { ok: false; code: number; error: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const bad = (code: number, error: string): DraftResult => ({ ok: false, code, error });

/**
 * Validates one `set_schedules` entry (protocol.md §3): a JSON-encoded string (an object is tolerated),
 * with device_type, start_time < end_time in the future, a policy of that group, optional site limits.
 * Codes mirror the live ones: 1 malformed, 2 unknown device type or policy, 3 out of range, 4 not present.
 */
export function parseScheduleEntry(value: unknown, spec: ModelSpec, nowMs: number): DraftResult {
  let entry: unknown = value;
  if (typeof value === 'string') {
    try {
      entry = JSON.parse(value);
    } catch {
      return bad(ResponseCode.malformed, 'entry is not valid JSON');
    }
  }
  if (!isObject(entry)) return bad(ResponseCode.malformed, 'entry is not an object');
  const { device_type: type, start_time: start, end_time: end, policy } = entry;
  if (typeof type !== 'string') return bad(ResponseCode.malformed, 'device_type is missing');
  if (!(GROUPS as readonly string[]).includes(type))
    return bad(ResponseCode.unknownPolicy, `unknown device_type ${type}`);
  const deviceType = type as Group;
  if (!hasGroup(spec, deviceType)) return bad(ResponseCode.notPresent, `no ${deviceType} at this site`);
  if (!isFiniteNumber(start) || !isFiniteNumber(end))
    return bad(ResponseCode.malformed, 'start_time/end_time must be Unix seconds');
  if (end <= start) return bad(ResponseCode.outOfRange, 'end_time must be after start_time');
  if (end * 1000 <= nowMs) return bad(ResponseCode.outOfRange, 'the window has already ended');
  if (typeof policy !== 'string') return bad(ResponseCode.malformed, 'policy is missing');
  if (!isPolicyOf(deviceType, policy))
    return bad(ResponseCode.unknownPolicy, `unknown ${deviceType} policy ${policy}`);

  const limits = readLimits(entry);
  if (typeof limits === 'string') return bad(ResponseCode.malformed, limits);
  const setpoint = entry['power_setpoint_W'];
  if (setpoint !== undefined && !isFiniteNumber(setpoint))
    return bad(ResponseCode.malformed, 'power_setpoint_W is not a number');
  if (setpoint === undefined && SETPOINT_POLICIES.has(`${deviceType}:${policy}`)) {
    return bad(ResponseCode.malformed, `policy ${policy} needs power_setpoint_W`);
  }
  const [lo, hi] = setpointRange(spec, deviceType);
  if (setpoint !== undefined && (setpoint < lo || setpoint > hi)) {
    return bad(ResponseCode.outOfRange, `power_setpoint_W ${setpoint} outside [${lo}, ${hi}]`);
  }
  const removeOverlap = entry['remove_overlap'] ?? false;
  if (typeof removeOverlap !== 'boolean')
    return bad(ResponseCode.malformed, 'remove_overlap is not a boolean');

  const raw: Json = { ...entry };
  delete raw['remove_overlap'];
  return {
    ok: true,
    draft: {
      deviceType,
      start,
      end,
      policy,
      ...limits,
      ...(setpoint !== undefined ? { setpointW: setpoint } : {}),
      raw,
      removeOverlap,
    },
  };
}

function readLimits(entry: Json): { siteImportW?: number; siteExportW?: number } | string {
  const out: { siteImportW?: number; siteExportW?: number } = {};
  for (const [key, prop] of [
    ['site_import', 'siteImportW'],
    ['site_export', 'siteExportW'],
  ] as const) {
    const v = entry[key];
    if (v === undefined || v === null) continue;
    if (!isFiniteNumber(v) || v < 0) return `${key} must be a non-negative number of W`;
    out[prop] = v;
  }
  return out;
}

/** True when two entries describe the same window (used to make repeated set_schedules idempotent). */
export function sameWindow(
  a: Omit<ScheduleEntry, 'id' | 'raw'>,
  b: Omit<ScheduleEntry, 'id' | 'raw'>,
): boolean {
  return (
    a.deviceType === b.deviceType &&
    a.start === b.start &&
    a.end === b.end &&
    a.policy === b.policy &&
    a.siteImportW === b.siteImportW &&
    a.siteExportW === b.siteExportW &&
    a.setpointW === b.setpointW
  );
}
