import type { RequestOf } from '../../../shared/contract';
import type { RolloutDetail, RolloutSummary } from '../../../shared/contract/rollout-methods';
import type { RolloutOptions } from '../../../shared/domain/control/rollout-plan';
import type { ControlService, Rollout } from '../control';
import { PAST_ROLLOUTS_KEPT } from '../control/past-rollouts-reader';
import type { PastRollout } from '../../../shared/domain/control/past-rollouts';
import { assertKnown } from '../live/control-facade';
import type { Services } from '../services';
import { ApiFailure, type Handlers } from './dispatch';

type RolloutHandlers = Pick<
  Handlers,
  | 'rollout.start'
  | 'rollout.list'
  | 'rollout.get'
  | 'rollout.continue'
  | 'rollout.abort'
  | 'rollout.retryFailed'
  | 'rollout.releaseAll'
>;

/** The rollout as the Control page lists it. */
export function rolloutSummary(rollout: Rollout, grid = rollout.targets()): RolloutSummary {
  const { options, cmd, reason } = rollout.terms;
  const view = rollout.view();
  let lastChange = 0;
  for (const row of grid) lastChange = Math.max(lastChange, row.changedAt ?? 0);
  return {
    ...view,
    options,
    command: cmd.command,
    hold: cmd.hold,
    auditReason: reason,
    size: grid.length,
    // Row changes move lastChange; pauses, continues and aborts move the state and the reason.
    revision: `${view.state}|${view.reason ?? ''}|${view.batchesStarted}|${lastChange}|${JSON.stringify(view.tally)}`,
    fromEarlierRun: false,
  };
}

/** A rollout of an earlier run as the Control page lists it; it never changes, so neither does its revision. */
function pastSummary(past: PastRollout): RolloutSummary {
  return {
    ...past.view,
    options: past.options,
    command: past.cmd.command,
    hold: past.cmd.hold,
    auditReason: past.auditReason,
    size: past.grid.length,
    revision: `earlier run|${past.view.state}`,
    fromEarlierRun: true,
  };
}

const sessionIds = (control: ControlService) => new Set(control.rollouts().map((v) => v.rolloutId));

/** This session's rollouts and the kept ones of earlier runs, newest first. */
async function list(s: Services): Promise<RolloutSummary[]> {
  const session = s.control.rollouts().map((v) => rolloutSummary(find(s.control, v.rolloutId)));
  // The journal's history must not hide the rollouts running now: without it, list those alone.
  const past = await s.pastRollouts.list(sessionIds(s.control)).catch((error: unknown) => {
    s.support.log.warn({ err: error }, 'rollouts of earlier runs could not be read from the journal');
    return [];
  });
  return [...session, ...past.map(pastSummary)].sort((a, b) => b.startedAt - a.startedAt);
}

async function get(s: Services, rolloutId: string): Promise<RolloutDetail> {
  const rollout = s.control.rollout(rolloutId);
  if (rollout !== undefined) return detail(rollout);
  const past = (await s.pastRollouts.list(sessionIds(s.control))).find((r) => r.view.rolloutId === rolloutId);
  if (past === undefined)
    throw new ApiFailure(
      'not-found',
      `No such rollout (of earlier runs, the last ${PAST_ROLLOUTS_KEPT} are kept).`,
    );
  return { ...pastSummary(past), grid: past.grid };
}

function detail(rollout: Rollout): RolloutDetail {
  const grid = rollout.targets();
  return { ...rolloutSummary(rollout, grid), grid };
}

function find(control: ControlService, rolloutId: string): Rollout {
  const rollout = control.rollout(rolloutId);
  if (rollout === undefined) throw new ApiFailure('not-found', 'No such rollout.');
  return rollout;
}

/** A rollout of this session, which the operator can steer; one of an earlier run is refused in words. */
async function steerable(s: Services, rolloutId: string): Promise<Rollout> {
  const rollout = s.control.rollout(rolloutId);
  if (rollout !== undefined) return rollout;
  const past = await s.pastRollouts.list(sessionIds(s.control));
  if (past.some((r) => r.view.rolloutId === rolloutId))
    throw new ApiFailure(
      'conflict',
      'This rollout ran in an earlier session of Fleetdesk and ended when Fleetdesk stopped; it cannot be steered. Send a new command to its targets instead.',
    );
  return find(s.control, rolloutId);
}

/** Starts a rollout after the core's admission checks: known targets here, the rest in `admit`. */
async function start(
  s: Services,
  request: RequestOf<'rollout.start'>,
): Promise<Awaited<ReturnType<RolloutHandlers['rollout.start']>>> {
  assertKnown(request.serials, (serial) => s.inventory.getInstallation(serial) !== undefined);
  const started = await s.control.startRollout(
    request.serials,
    { kind: 'live', command: request.command, hold: request.hold },
    {
      ...(request.reason !== undefined && { reason: request.reason }),
      ...(request.typedHomes !== undefined && { confirmation: { typedHomes: request.typedHomes } }),
      ...(request.skipInvalid !== undefined && { skipInvalid: request.skipInvalid }),
      ...(request.options !== undefined && { plan: withoutUndefined(request.options) }),
    },
  );
  if (!started.ok) return { ok: false, code: started.code, reason: started.reason };
  return { ok: true, rollout: rolloutSummary(started.rollout) };
}

/** Zod leaves absent optional keys out, but be explicit: an undefined option must not erase a default. */
function withoutUndefined(o: RequestOf<'rollout.start'>['options']): Partial<RolloutOptions> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * The rollout methods. Operator actions that make no sense in the rollout's state answer
 * `conflict` in words instead of doing nothing silently.
 */
export function rolloutHandlers(s: () => Services): RolloutHandlers {
  return {
    'rollout.start': (request) => start(s(), request),
    'rollout.list': () => list(s()),
    'rollout.get': ({ rolloutId }) => get(s(), rolloutId),
    'rollout.continue': async ({ rolloutId }) => {
      const rollout = await steerable(s(), rolloutId);
      const state = rollout.view().state;
      if (state !== 'paused') throw new ApiFailure('conflict', `The rollout is ${state}, not paused.`);
      rollout.continue();
      return rolloutSummary(rollout);
    },
    'rollout.abort': async ({ rolloutId }) => {
      const rollout = await steerable(s(), rolloutId);
      const state = rollout.view().state;
      if (state === 'completed' || state === 'aborted')
        throw new ApiFailure(
          'conflict',
          `The rollout has already ${state === 'completed' ? 'completed' : 'been aborted'}.`,
        );
      rollout.abort();
      return rolloutSummary(rollout);
    },
    'rollout.retryFailed': async ({ rolloutId }) => {
      const rollout = await steerable(s(), rolloutId);
      if (rollout.view().state === 'running')
        throw new ApiFailure('conflict', 'The rollout is still running; retry once it has paused or ended.');
      return { retried: rollout.retryFailed() };
    },
    'rollout.releaseAll': async ({ rolloutId, reason }) => {
      const rollout = await steerable(s(), rolloutId);
      // releaseAll aborts first (later batches would hand control straight back), after its reason check.
      return { released: await rollout.releaseAll(reason) };
    },
  };
}
