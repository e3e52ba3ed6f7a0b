import { GROUPS, GROUP_KEYS, ResponseCode, SETPOINT_POLICIES, isPolicyOf, type Group } from './profile';
import type { ModelSpec } from './spec';

/** What a command asks of one group; a missing key means "keep". */
export interface GroupChange {
  policy?: string;
  setpointW?: number;
}

/** Envelope data logged with every command, valid or not. */
export interface CommandMeta {
  /** The parsed JSON, or the raw text when it was not JSON. */
  payload: unknown;
  /** Unix seconds after which the command must not be applied (top level or in `fields`). */
  validUntil?: number;
  /** Optional id used to recognise QoS 1 redeliveries (top level or in `fields`). */
  commandId?: string;
}

export type ParsedCommand =
  | { ok: true; changes: Partial<Record<Group, GroupChange>>; meta: CommandMeta }
  | { ok: false; code: number; reason: string; meta: CommandMeta };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (code: number, reason: string, meta: CommandMeta): ParsedCommand => ({
  ok: false,
  code,
  reason,
  meta,
});

/**
 * Parses and validates a live command against the default profile (protocol.md §2). Codes: 1 malformed,
 * 2 unknown policy, 3 setpoint out of range, 4 group (or node) not present. The first failing check
 * wins, in that order of severity, and a failing command changes nothing (commands are atomic).
 */
export function parseCommand(raw: string, spec: ModelSpec): ParsedCommand {
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return fail(ResponseCode.malformed, 'payload is not JSON', { payload: raw });
  }
  if (!isObject(payload) || !isObject(payload['fields'])) {
    return fail(ResponseCode.malformed, 'payload has no fields object', { payload });
  }
  const fields = payload['fields'];
  const metaResult = readMeta(payload, fields);
  if (typeof metaResult === 'string') return fail(ResponseCode.malformed, metaResult, { payload });
  const meta: CommandMeta = metaResult;

  const tags = payload['extraTags'];
  if (isObject(tags) && tags['nodeId'] !== undefined && tags['nodeId'] !== spec.siteNodeId) {
    return fail(ResponseCode.notPresent, `nodeId ${String(tags['nodeId'])} is not this site`, meta);
  }

  const named = GROUPS.filter((g) => GROUP_KEYS[g].policy in fields || GROUP_KEYS[g].setpoint in fields);
  if (named.length === 0) return fail(ResponseCode.malformed, 'fields name no asset group', meta);

  const changes: Partial<Record<Group, GroupChange>> = {};
  for (const group of named) {
    const policy = fields[GROUP_KEYS[group].policy];
    const setpoint = fields[GROUP_KEYS[group].setpoint];
    if (policy !== undefined && typeof policy !== 'string') {
      return fail(ResponseCode.malformed, `${GROUP_KEYS[group].policy} is not a string`, meta);
    }
    if (setpoint !== undefined && (typeof setpoint !== 'number' || !Number.isFinite(setpoint))) {
      return fail(ResponseCode.malformed, `${GROUP_KEYS[group].setpoint} is not a finite number`, meta);
    }
    if (policy !== undefined && SETPOINT_POLICIES.has(`${group}:${policy}`) && setpoint === undefined) {
      return fail(
        ResponseCode.malformed,
        `${group} policy ${policy} needs ${GROUP_KEYS[group].setpoint}`,
        meta,
      );
    }
    changes[group] = {
      ...(policy !== undefined ? { policy } : {}),
      ...(setpoint !== undefined ? { setpointW: setpoint } : {}),
    };
  }
  for (const group of named) {
    if (!hasGroup(spec, group)) return fail(ResponseCode.notPresent, `no ${group} at this site`, meta);
  }
  for (const group of named) {
    const policy = changes[group]?.policy;
    if (policy !== undefined && !isPolicyOf(group, policy)) {
      return fail(ResponseCode.unknownPolicy, `unknown ${group} policy ${policy}`, meta);
    }
  }
  for (const group of named) {
    const setpoint = changes[group]?.setpointW;
    const [lo, hi] = setpointRange(spec, group);
    if (setpoint !== undefined && (setpoint < lo || setpoint > hi)) {
      return fail(ResponseCode.outOfRange, `${group} setpoint ${setpoint} W outside [${lo}, ${hi}]`, meta);
    }
  }
  return { ok: true, changes, meta };
}

function readMeta(payload: Json, fields: Json): CommandMeta | string {
  const validUntil = payload['validUntil'] ?? fields['validUntil'];
  if (validUntil !== undefined && (typeof validUntil !== 'number' || !Number.isFinite(validUntil))) {
    return 'validUntil is not a number of Unix seconds';
  }
  const id = payload['commandId'] ?? fields['commandId'];
  const commandId = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  return {
    payload,
    ...(validUntil !== undefined ? { validUntil } : {}),
    ...(commandId !== undefined ? { commandId } : {}),
  };
}

/** True when the site has the group (storage and solar always exist in the simulator). */
export function hasGroup(spec: ModelSpec, group: Group): boolean {
  if (group === 'ev') return spec.ev !== undefined;
  if (group === 'hvac') return spec.hvac !== undefined;
  return true;
}

/** Accepted setpoint range per group, in W (storage: positive discharge, negative charge). */
export function setpointRange(spec: ModelSpec, group: Group): [number, number] {
  switch (group) {
    case 'storage':
      return [-spec.storage.nominalPowerW, spec.storage.nominalPowerW];
    case 'solar':
      return [0, spec.solar.peakW];
    case 'ev':
      return [0, spec.ev?.nominalPowerW ?? 0];
    case 'hvac':
      return [0, spec.hvac?.nominalPowerW ?? 0];
  }
}
