import { DEFAULT_THRESHOLDS, type ConfirmationThresholds } from '../../../shared/domain/control/confirmation';
import type { ProtocolProfile } from '../../../shared/protocol/profile';
import type { BrokerPort } from '../broker/broker-port';
import type { Clock } from '../clock';
import type { Inventory } from '../inventory/inventory';
import type { Logger } from '../logger';
import type { Commit } from './control-journal';

/** Timing and limits of live control; the defaults are the documented decisions (README of this folder). */
export type ControlOptions = {
  /** Each publish settles by then (PUBACK or `timeout`), so a hung callback never blocks control. */
  publishDeadlineMs: number;
  /** A command not confirmed this long after its publish expires: a 1–5 s battery ramp plus one 10 s feedback period. */
  confirmDeadlineMs: number;
  /**
   * Least time between two publishes to one controller: protocol.md §2 asks for at most one a
   * second; the extra 100 ms absorbs delivery jitter, so two commands never *arrive* within a second.
   */
  perControllerMs: number;
  /**
   * Most publishes per second over the fleet, commands and lease refreshes together (our own
   * guard for the broker and the uplink, not a protocol rule; see the README for the default).
   */
  globalPerSecond: number;
  /**
   * A bulk send starts its targets this many at a time: the next batch goes through pacing and
   * the audit write once this one's records are durable, so publishing the first ones overlaps
   * journaling the rest (one group commit per batch) instead of waiting for all of them.
   */
  auditBatch: number;
  thresholds: ConfirmationThresholds;
  /** How often batched UI events go out. */
  eventBatchMs: number;
  /** Ended commands kept in memory for the views (the journal keeps all of them). */
  keepEnded: number;
};

export const DEFAULT_CONTROL_OPTIONS: ControlOptions = {
  publishDeadlineMs: 5000,
  confirmDeadlineMs: 15_000,
  perControllerMs: 1100,
  globalPerSecond: 1000,
  auditBatch: 1000,
  thresholds: DEFAULT_THRESHOLDS,
  eventBatchMs: 250,
  keepEnded: 10_000,
};

/** What the control service needs from the rest of the core. */
export type ControlDeps = {
  broker: BrokerPort;
  /** The protocol profile in force (settings); read at every command. */
  profile: () => ProtocolProfile;
  /** `openCommands`: what the journal shows open, for a restore to be reconciled with (restore-reconcile.ts). */
  inventory: Pick<Inventory, 'getInstallation'> & Partial<Pick<Inventory, 'openCommands'>>;
  /** The durable journal (`inventory.commit`). */
  commit: Commit;
  clock: Clock;
  log: Logger;
  /** The operator's name, for the audit trail. */
  operator: () => string;
  /** A fallback timeout the operator set for an installation (seconds); wins over onboarding's. */
  fallbackOverride?: (serial: string) => number | null | undefined;
  options?: Partial<ControlOptions>;
  /**
   * The limits the operator set in Settings, read at each use so a change applies to the next
   * publish and the next send. Explicit `options` (tests, benchmarks) win over them.
   */
  limits?: () => Pick<ControlOptions, 'globalPerSecond' | 'thresholds'>;
  /**
   * Told of every lease refresh just before it is published, for the lease marks that date a
   * lapse after a restart (EC-3, restart-recovery.ts). A command's own publish is in the journal.
   */
  onRefreshSending?: (serial: string, at: number, fallbackS: number) => void;
};
