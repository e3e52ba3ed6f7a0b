import { z } from 'zod';
import { migrate, versionOf } from '../migrations';
import { canonicalJson } from './canonical-json';
import { ContractSchema } from './contract';
import { InboxHistorySchema } from './inbox-history';
import { InstallationSchema, UnknownSerialSchema } from './installation';
import { LinkRecordSchema } from './link';
import { OpenCommandSchema } from './open-commands';
import { MAX_EVENT_KEYS, type InventoryState } from './state';

/** The snapshot schema version this build writes. Bump it together with a migration. */
export const SNAPSHOT_VERSION = 1;

/**
 * The inventory document written behind to the Store (`inventory.json`): the state after entry
 * `seq`, whose hash is `hash`. Opening replays the journal from `seq + 1`.
 */
export const InventorySnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_VERSION),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  installations: z.array(InstallationSchema),
  contracts: z.array(ContractSchema),
  links: z.array(z.array(LinkRecordSchema).min(1)),
  unknown: z.array(UnknownSerialSchema),
  eventKeys: z.array(z.tuple([z.string(), z.number().int()])),
  /**
   * The body digest of each event key that has one (state.ts `eventDigests`). Added within schema
   * version 1 as an optional field, like `openCommands`: a snapshot without it loads with none, so
   * those keys' repeats are told apart by key only, as before; an older build ignores the field.
   */
  eventDigests: z.array(z.tuple([z.string(), z.string()])).optional(),
  /**
   * Commands open after `seq`, in creation order. Added within schema version 1 as an optional
   * field, so snapshots of either build load in the other: one without it (an older build wrote
   * it) leaves them unknown, and recovery finds them in the journal up to `seq` once
   * (see `openCommandsKnown`); an older build ignores the field.
   */
  openCommands: z.array(OpenCommandSchema).optional(),
  /**
   * What inbox cards show of each serial's calls and early notes (inbox-history.ts). Added within
   * schema version 1 as an optional field, like `openCommands`: a snapshot without it (an older
   * build wrote it) loads with none, and recovery rebuilds it from the journal once (see
   * `inboxHistoryKnown`); an older build ignores the field.
   */
  inboxHistory: z.array(InboxHistorySchema).optional(),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshotSchema>;

/** The document form of `state`; arrays rather than maps because it is stored as JSON. */
export function toSnapshot(state: InventoryState): InventorySnapshot {
  return {
    schemaVersion: SNAPSHOT_VERSION,
    seq: state.seq,
    hash: state.hash,
    installations: [...state.installations.values()],
    contracts: [...state.contracts.values()],
    links: [...state.links.values()],
    unknown: [...state.unknown.values()],
    eventKeys: [...state.eventKeys.entries()],
    eventDigests: [...state.eventDigests.entries()],
    openCommands: [...state.openCommands.values()],
    inboxHistory: [...state.inboxHistory.values()],
  };
}

/** False for a snapshot written before open commands were kept: its state holds none of them. */
export function openCommandsKnown(snapshot: Pick<InventorySnapshot, 'openCommands'>): boolean {
  return snapshot.openCommands !== undefined;
}

/** False for a snapshot written before the inbox history was kept: its state holds none. */
export function inboxHistoryKnown(snapshot: Pick<InventorySnapshot, 'inboxHistory'>): boolean {
  return snapshot.inboxHistory !== undefined;
}

/** The state a snapshot describes (no open commands when it predates them: see `openCommandsKnown`). */
export function fromSnapshot(snapshot: InventorySnapshot): InventoryState {
  // The most recent keys only, as a replay keeps them (a snapshot from before the bound has them all).
  const eventKeys = new Map(snapshot.eventKeys.slice(-MAX_EVENT_KEYS));
  return {
    seq: snapshot.seq,
    hash: snapshot.hash,
    installations: new Map(snapshot.installations.map((i) => [i.serial, i])),
    contracts: new Map(snapshot.contracts.map((c) => [c.contractNumber, c])),
    // The schema guarantees every history has a first record.
    links: new Map(snapshot.links.map((history) => [history[0]?.serial ?? '', history])),
    unknown: new Map(snapshot.unknown.map((u) => [u.serial, u])),
    eventKeys,
    eventDigests: new Map((snapshot.eventDigests ?? []).filter(([key]) => eventKeys.has(key))),
    openCommands: new Map((snapshot.openCommands ?? []).map((o) => [o.created.commandId, o])),
    inboxHistory: new Map((snapshot.inboxHistory ?? []).map((h) => [h.serial, h])),
  };
}

export type SnapshotRead = { ok: true; snapshot: InventorySnapshot } | { ok: false; reason: string };

/** Migrates and validates a stored snapshot document; a failure says what is wrong. Pure. */
export function readSnapshot(doc: Record<string, unknown>): SnapshotRead {
  let migrated = doc;
  try {
    // migrate() deep-copies its input; at 10,000 installations that copy costs ~90 ms of start-up,
    // so it runs only when there is something to migrate.
    if (versionOf(doc) !== SNAPSHOT_VERSION) migrated = migrate(doc, SNAPSHOT_VERSION, {});
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const parsed = InventorySnapshotSchema.safeParse(migrated);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  return { ok: false, reason: `inventory snapshot does not match the schema (${issues.join('; ')})` };
}

/**
 * A canonical form of a state for comparison: every collection sorted by its key, so two states
 * built along different paths (snapshot + replay, or a full replay) compare equal when they are.
 */
export function stateFingerprint(state: InventoryState): string {
  const byKey = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return canonicalJson({
    seq: state.seq,
    hash: state.hash,
    installations: byKey(state.installations),
    contracts: byKey(state.contracts),
    links: byKey(state.links),
    unknown: byKey(state.unknown),
    eventKeys: byKey(state.eventKeys),
    eventDigests: byKey(state.eventDigests),
    openCommands: byKey(state.openCommands),
    inboxHistory: byKey(state.inboxHistory),
  });
}
