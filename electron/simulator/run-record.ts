/**
 * Records of the run log (JSONL, one per line). Times are Unix milliseconds of the simulator's clock,
 * so tests can check them against deadlines without parsing dates.
 */

export type CommandOutcomeKind =
  | 'applied'
  | 'rejected'
  | 'duplicate'
  /** Arrived after its validUntil: not applied. */
  | 'expired-on-arrival'
  /** Arrived in time but the injected latency pushed its application past validUntil: not applied. */
  | 'expired-before-apply';

export interface CommandRecord {
  type: 'command';
  serial: string;
  outcome: CommandOutcomeKind;
  receivedAtMs: number;
  handledAtMs: number;
  /** Only for `applied`: when the command took effect. */
  appliedAtMs?: number;
  responseCode?: number;
  reason?: string;
  validUntil?: number;
  commandId?: string;
  payload: unknown;
}

export interface FallbackRecord {
  type: 'fallback';
  serial: string;
  lastCommandAtMs: number;
  /** When the model returned to local control: exactly lastCommandAtMs + timeoutS. */
  fallbackAtMs: number;
  /** When the simulator's tick noticed (at most one tick later). */
  detectedAtMs: number;
  timeoutS: number;
}

export interface ScheduleRecord {
  type: 'schedules-set' | 'schedules-rejected';
  serial: string;
  atMs: number;
  responseCode: number;
  scheduleIds?: number[];
  deletedIds?: number[];
  error?: string;
}

export interface DropRecord {
  type: 'message-dropped';
  serial: string;
  atMs: number;
  direction: 'in' | 'out';
  topic: string;
}

export interface HttpRecord {
  type: 'http';
  serial: string;
  atMs: number;
  endpoint: 'onboarding' | 'health' | 'offboarding';
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
  eventId: string;
}

export interface LifecycleRecord {
  type: 'offboarded' | 'connection';
  /** Controller serial, or `shared` for the shared connection. */
  serial: string;
  atMs: number;
  state?: 'connected' | 'closed' | 'forced-disconnect';
}

/** First line of every run, so several runs appended to one file stay apart. */
export interface RunStartedRecord {
  type: 'run-started';
  atMs: number;
  seed: number;
  controllers: number;
  settings: Record<string, unknown>;
}

export type RunRecord =
  | RunStartedRecord
  | CommandRecord
  | FallbackRecord
  | ScheduleRecord
  | DropRecord
  | HttpRecord
  | LifecycleRecord;

/** Where records go; the model only knows this function. */
export type RecordSink = (record: RunRecord) => void;
