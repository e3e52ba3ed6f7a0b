import { z } from 'zod';
import { ControlRequestSchema } from './control-methods';
import type { LiveCommand } from '../domain/control/live-command';
import type { RolloutOptions } from '../domain/control/rollout-plan';
import type { RolloutTargetView, RolloutView } from '../domain/control/rollout-view';

const none = z.undefined();
/** Rollout ids are UUIDs made by the core; the bound only keeps a forged request small. */
const RolloutIdSchema = z.object({ rolloutId: z.string().min(1).max(64) }).strict();

/** Options of the staged plan; each one left out takes the core's default (5, then 50; 80 %, 10 %). */
export const RolloutOptionsRequestSchema = z
  .object({
    firstBatch: z.number().int().min(1).max(20_000).optional(),
    batchSize: z.number().int().min(1).max(20_000).optional(),
    minConfirmRatio: z.number().min(0).max(1).optional(),
    maxFailureRatio: z.number().min(0).max(1).optional(),
  })
  .strict();

/**
 * A staged bulk send: the live command, the reason (required for more than one target), the typed
 * number of homes above the impact threshold, and the plan's options. Both checks are the core's.
 */
export const RolloutStartSchema = ControlRequestSchema.extend({
  reason: z.string().trim().max(500).optional(),
  typedHomes: z.number().int().nonnegative().max(1_000_000).optional(),
  /** Leave out the targets the dry-run refused instead of refusing the whole rollout. */
  skipInvalid: z.boolean().optional(),
  options: RolloutOptionsRequestSchema.optional(),
}).strict();

/** One rollout as the Control page lists it: its view plus what it was started with. */
export type RolloutSummary = RolloutView & {
  options: RolloutOptions;
  command: LiveCommand;
  hold: boolean;
  /** The reason the operator gave (journaled with every command); `reason` is why it paused or ended. */
  auditReason: string;
  /** Targets in the plan. */
  size: number;
  /**
   * Changes whenever the rollout or any target's state does: the page refetches the (large) grid
   * only then, not on every `control.changed` (lease refreshes fire those all the time).
   */
  revision: string;
  /**
   * Started by an earlier run of Fleetdesk and rebuilt from the journal: it can be read, not
   * steered (nothing of it runs any more).
   */
  fromEarlierRun: boolean;
};

/** One row of the live grid: the target's state and when it last changed (null: not started). */
export type RolloutGridRow = RolloutTargetView & { changedAt: number | null };

export type RolloutDetail = RolloutSummary & { grid: RolloutGridRow[] };

export type RolloutStartAnswer =
  { ok: true; rollout: RolloutSummary } | { ok: false; code: string; reason: string };

/** Answers are built by the core from its own types (see control-methods.ts); typed for the client. */
const answer = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

/** Staged rollouts: start, watch (`control.changed` says when to refetch), steer and release. */
export const rolloutMethods = {
  'rollout.start': { request: RolloutStartSchema, response: answer<RolloutStartAnswer>() },
  /**
   * Every rollout of this session and the last 20 of earlier runs (rebuilt from the journal),
   * newest first, without their grids.
   */
  'rollout.list': { request: none, response: answer<RolloutSummary[]>() },
  'rollout.get': { request: RolloutIdSchema, response: answer<RolloutDetail>() },
  /** Goes on past a pause (the operator accepts the failures so far). */
  'rollout.continue': { request: RolloutIdSchema, response: answer<RolloutSummary>() },
  /** Stops starting batches; what was sent stays in force until released. */
  'rollout.abort': { request: RolloutIdSchema, response: answer<RolloutSummary>() },
  /** Sends again to the rejected, expired, not delivered and refused targets only. */
  'rollout.retryFailed': { request: RolloutIdSchema, response: answer<{ retried: number }>() },
  /** Aborts the rollout if it is still going, then releases every installation it still controls. */
  'rollout.releaseAll': {
    /** The reason is required by the core when more than one installation is released. */
    request: RolloutIdSchema.extend({ reason: z.string().trim().max(500).optional() }).strict(),
    response: answer<{ released: number }>(),
  },
} as const;
