import { ResponseCode } from './profile';
import type { ScheduleEntry } from './schedule-entry';
import type { ScheduleStore, SetSchedulesResult } from './schedule-store';
import type { ModelSpec } from './spec';

/** The reply to publish plus what changed, for the run log. */
export interface ScheduleReply {
  payload: Record<string, unknown>;
  result?: SetSchedulesResult;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An entry as get_future_schedules reports it: the fields as received plus the assigned id. */
export function describeEntry(e: ScheduleEntry): Json {
  return {
    ...e.raw,
    id: e.id,
    device_type: e.deviceType,
    start_time: e.start,
    end_time: e.end,
    policy: e.policy,
  };
}

/**
 * Handles one message on the schedule topic (protocol.md §3) and builds the reply wrapped in `data`.
 * Unparseable requests and unknown message types get a reply too, with responseCode 1 and an error,
 * so a client never waits for an ack that will not come.
 */
export function handleScheduleRequest(
  raw: string,
  spec: ModelSpec,
  store: ScheduleStore,
  nowMs: number,
  timeS: number,
): ScheduleReply {
  const envelope = (data: Json): Json => ({ extraTags: { nodeId: spec.siteNodeId }, time: timeS, data });
  let request: unknown;
  try {
    request = JSON.parse(raw);
  } catch {
    request = undefined;
  }
  if (!isObject(request) || typeof request['message_type'] !== 'string') {
    const error = 'request is not a JSON object with a message_type';
    return { payload: envelope({ message_type: 'error', responseCode: ResponseCode.malformed, error }) };
  }
  const type = request['message_type'];
  const tags = request['extraTags'];
  if (isObject(tags) && tags['nodeId'] !== undefined && tags['nodeId'] !== spec.siteNodeId) {
    const error = `nodeId ${String(tags['nodeId'])} is not this site`;
    return {
      payload: envelope({ message_type: `${type}_ack`, responseCode: ResponseCode.notPresent, error }),
    };
  }
  switch (type) {
    case 'set_schedules': {
      const result = store.set(request['fields'], nowMs);
      const data: Json = result.ok
        ? {
            message_type: 'set_schedules_ack',
            responseCode: ResponseCode.accepted,
            state: { schedule_ids: result.scheduleIds, deleted_ids: result.deletedIds },
          }
        : { message_type: 'set_schedules_ack', responseCode: result.code, error: result.error };
      return { payload: envelope(data), result };
    }
    case 'get_future_schedules':
      return {
        payload: envelope({
          message_type: 'get_future_schedules_ack',
          responseCode: ResponseCode.accepted,
          state: { schedules: store.future(nowMs).map(describeEntry) },
        }),
      };
    default:
      return {
        payload: envelope({
          message_type: `${type}_ack`,
          responseCode: ResponseCode.malformed,
          error: `unknown message_type ${type}`,
        }),
      };
  }
}
