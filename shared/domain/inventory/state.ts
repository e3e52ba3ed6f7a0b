import type { Contract } from './contract';
import type { InboxHistory } from './inbox-history';
import type { Installation, UnknownSerial } from './installation';
import type { LinkRecord } from './link';
import { GENESIS_HASH } from './journal-entry';
import type { OpenCommand } from './open-commands';

/**
 * The inventory's working set. Only `applyEntry` changes it. The maps are updated in place (so
 * replaying 100,000 entries stays linear); the records in them are replaced, never mutated, so a
 * record handed to a caller never changes under it.
 */
export type InventoryState = {
  /** Sequence number and hash of the last entry applied (0 and the genesis hash when empty). */
  seq: number;
  hash: string;
  installations: Map<string, Installation>;
  contracts: Map<string, Contract>;
  /** Link history per serial, oldest first; the last record is in force unless it has ended. */
  links: Map<string, LinkRecord[]>;
  /** Serials that sent health or offboarding before any onboarding: the inbox shows them. */
  unknown: Map<string, UnknownSerial>;
  /** Idempotency keys already recorded, with the sequence number of the entry that recorded them. */
  eventKeys: Map<string, number>;
  /**
   * The body digest recorded with each of `eventKeys` that has one (entries of earlier builds have
   * none), forgotten with its key. Apart from `eventKeys` so snapshots of earlier builds still load.
   */
  eventDigests: Map<string, string>;
  /** Commands created and not ended, by command id in creation order (what restart recovery ends). */
  openCommands: Map<string, OpenCommand>;
  /** What inbox cards show of each serial's calls and early notes, by serial (inbox-history.ts). */
  inboxHistory: Map<string, InboxHistory>;
};

/** A state with nothing in it. */
export function emptyState(): InventoryState {
  return {
    seq: 0,
    hash: GENESIS_HASH,
    installations: new Map(),
    contracts: new Map(),
    links: new Map(),
    unknown: new Map(),
    eventKeys: new Map(),
    eventDigests: new Map(),
    openCommands: new Map(),
    inboxHistory: new Map(),
  };
}

/** A copy whose maps can be changed without touching `state` (records are shared; they are immutable). */
export function cloneState(state: InventoryState): InventoryState {
  return {
    seq: state.seq,
    hash: state.hash,
    installations: new Map(state.installations),
    contracts: new Map(state.contracts),
    links: new Map(state.links),
    unknown: new Map(state.unknown),
    eventKeys: new Map(state.eventKeys),
    eventDigests: new Map(state.eventDigests),
    openCommands: new Map(state.openCommands),
    inboxHistory: new Map(state.inboxHistory),
  };
}

// In a module of its own, so the listener's thread (whose OpenAPI document names it) can read it
// without loading the inventory's schemas.
export { MAX_EVENT_KEYS } from './event-keys';
