import type { ProtocolProfile } from './profile-schema';
import { isRecord, readPath, utf8Length } from './json-read';
import { serialFromFeedbackTopic } from './topics';

/** Feedback larger than this is rejected before parsing (a controller sends about 1 KiB). */
export const MAX_FEEDBACK_BYTES = 64 * 1024;

/** Latest plausible Unix time in seconds (9999-12-31T23:59:59Z); beyond it `time` looks like ms. */
const MAX_TIME_S = 253_402_300_799;

/** Measurements in Fleetdesk's convention: storage + = discharge, grid + = import, solar + = production. */
export interface FeedbackValues {
  storageW: number | null;
  socPct: number | null;
  storedWh: number | null;
  solarW: number | null;
  gridW: number | null;
}

export type DecodedFeedback =
  | {
      ok: true;
      serial: string;
      /** The controller's `time`, in ms since the epoch (its clock, possibly skewed). */
      time: number;
      /** `response_code` of the last command, or null when absent or not an integer. */
      responseCode: number | null;
      values: FeedbackValues;
      /** Values that were present but unusable (each then null), and other oddities. */
      issues: string[];
      /** The parsed payload as sent, unknown fields included. */
      raw: Record<string, unknown>;
    }
  /**
   * `serial` is known when the topic matched, so a bad payload can still be attributed; `kind` says
   * which check refused it, so callers can count rejections per cause without parsing `reason`.
   */
  | { ok: false; kind: FeedbackRejection; reason: string; serial: string | null };

/**
 * Why feedback was refused: not a feedback topic of the profile, over MAX_FEEDBACK_BYTES, text that
 * is not JSON, JSON that is not a feedback object (not an object, bad `time`), a feedback object
 * that says nothing (`empty`), or a decoder fault.
 */
export type FeedbackRejection = 'not-feedback' | 'too-large' | 'not-json' | 'schema' | 'empty' | 'internal';

type Check = (v: number) => string | null;
const VALUE_CHECKS: Record<keyof FeedbackValues, Check> = {
  storageW: () => null,
  socPct: (v) => (v < 0 || v > 100 ? 'must be 0…100 %' : null),
  storedWh: (v) => (v < 0 ? 'must be ≥ 0 Wh' : null),
  solarW: () => null,
  gridW: () => null,
};

/**
 * Decodes one live feedback message (protocol.md §2). Rejected: a topic that is not the profile's
 * feedback topic, a payload over MAX_FEEDBACK_BYTES (not parsed), text that is not a JSON object,
 * a missing or invalid `time`, or neither a value nor a response code. Any other bad value becomes null and is listed in `issues`, so one
 * odd field does not hide the rest. Never throws.
 */
export function decodeFeedback(profile: ProtocolProfile, topic: string, payload: string): DecodedFeedback {
  // The topic is matched outside the guarded decode, so even a decoder fault stays attributed.
  const serial = serialFromFeedbackTopic(profile, topic);
  if (serial === null) {
    const reason = `topic ${JSON.stringify(topic)} is not a feedback topic of the profile`;
    return { ok: false, kind: 'not-feedback', reason, serial };
  }
  try {
    return decode(profile, serial, payload);
  } catch (error) {
    const reason = `could not decode: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, kind: 'internal', reason, serial };
  }
}

function decode(profile: ProtocolProfile, serial: string, payload: string): DecodedFeedback {
  const fail = (kind: FeedbackRejection, reason: string): DecodedFeedback => ({
    ok: false,
    kind,
    reason,
    serial,
  });
  if (typeof payload !== 'string') return fail('schema', 'payload is not text');
  // A UTF-16 unit is at most 3 bytes in UTF-8: short text cannot be over the limit, so skip the count.
  if (
    payload.length * 3 > MAX_FEEDBACK_BYTES &&
    utf8Length(payload, MAX_FEEDBACK_BYTES) > MAX_FEEDBACK_BYTES
  ) {
    return fail('too-large', `payload is over ${MAX_FEEDBACK_BYTES} bytes`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return fail('not-json', 'payload is not valid JSON');
  }
  if (!isRecord(raw)) return fail('schema', 'payload is not a JSON object');
  const time = readTime(raw, profile.feedbackPaths.time);
  if (typeof time === 'string') return fail('schema', time);

  const issues: string[] = [];
  const responseCode = readNumber(raw, profile.feedbackPaths.responseCode, issues, (v) =>
    Number.isInteger(v) ? null : 'must be an integer',
  );
  const values = {} as FeedbackValues;
  for (const key of Object.keys(VALUE_CHECKS) as (keyof FeedbackValues)[]) {
    values[key] = readNumber(raw, profile.feedbackPaths[key], issues, VALUE_CHECKS[key]);
  }
  // To Fleetdesk's convention; `|| 0` keeps -0 out of the values.
  if (!profile.signs.storageDischargePositive && values.storageW !== null)
    values.storageW = -values.storageW || 0;
  if (!profile.signs.gridImportPositive && values.gridW !== null) values.gridW = -values.gridW || 0;
  // Nothing but a time (e.g. `{"time":1}`): no report a controller sends, and counting it as
  // feedback would make a stale response code look fresh (feedback-watch.ts). A message whose only
  // data sits in fields the profile does not read (a heat pump's) still counts: unknown fields are kept.
  if (
    responseCode === null &&
    issues.length === 0 &&
    Object.values(values).every((v) => v === null) &&
    !carriesData(raw, '', profile.feedbackPaths.time)
  ) {
    return fail('empty', 'no fields: no measured value and no response code');
  }
  return { ok: true, serial, time, responseCode, values, issues, raw };
}

/** Whether anything but the time and the node tags holds a value (null and {} hold none). */
function carriesData(value: unknown, path: string, timePath: string): boolean {
  if (path === timePath || path === 'extraTags') return false;
  if (Array.isArray(value)) return value.some((v) => carriesData(v, `${path}[]`, timePath));
  if (isRecord(value)) {
    return Object.entries(value).some(([k, v]) => carriesData(v, path === '' ? k : `${path}.${k}`, timePath));
  }
  return value !== null && value !== undefined;
}

function readTime(raw: Record<string, unknown>, path: string): number | string {
  const read = readPath(raw, path);
  if (read.kind !== 'found') return `${path} is missing`;
  const t = read.value;
  if (typeof t !== 'number' || !Number.isFinite(t)) return `${path} is not a finite number of Unix seconds`;
  if (t <= 0) return `${path} must be a positive number of Unix seconds`;
  if (t > MAX_TIME_S) return `${path} is too large for Unix seconds (milliseconds by mistake?)`;
  return Math.round(t * 1000);
}

function readNumber(
  raw: Record<string, unknown>,
  path: string,
  issues: string[],
  check: Check,
): number | null {
  const read = readPath(raw, path);
  if (read.kind === 'missing') return null;
  if (read.kind === 'blocked') {
    issues.push(`${path}: ${read.at} is not an object`);
    return null;
  }
  const v = read.value;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push(`${path}: expected a finite number, got ${describe(v)}`);
    return null;
  }
  const problem = check(v);
  if (problem !== null) {
    issues.push(`${path}: ${v} ${problem}`);
    return null;
  }
  return v;
}

/**
 * The issue with a feedback message's node id, if it names another node than `expected` (the site
 * node id the controller reported at onboarding, else the profile's template: see
 * `expectedNodeId`); a message without one has none. Listed, never a reason to refuse the message.
 */
export function nodeIdIssue(expected: string, raw: Record<string, unknown>): string | null {
  const read = readPath(raw, 'extraTags.nodeId');
  if (read.kind !== 'found' || read.value === expected) return null;
  return `extraTags.nodeId is ${describe(read.value)}, expected "${expected}"`;
}

const describe = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : typeof v;
};
