import { fail, ok, type ApiClient, type RequestOf, type Result } from '../../shared/contract';
import type {
  RolloutDetail,
  RolloutGridRow,
  RolloutStartAnswer,
  RolloutSummary,
} from '../../shared/contract/rollout-methods';
import { DEFAULT_ROLLOUT, planRollout } from '../../shared/domain/control/rollout-plan';
import { tallyTargets, type RolloutState } from '../../shared/domain/control/rollout-view';
import type { FakeApi } from '../renderer/fake-api';

type Stored = Omit<RolloutDetail, 'tally' | 'revision'>;

export interface FakeRollouts {
  api: ApiClient;
  /** Every rollout call made, in order. */
  calls: Array<{ method: string; request: unknown }>;
  rollouts: Map<string, Stored>;
  /** Adds a rollout as the core would list it (tests set up paused or big ones this way). */
  add(rollout: Stored): void;
  /** Changes targets (and maybe the state), then pushes `control.changed` like the core. */
  update(
    rolloutId: string,
    change: {
      rows?: Partial<Record<string, Partial<RolloutGridRow>>>;
      state?: RolloutState;
      reason?: string;
    },
  ): void;
}

/** A rollout of `serials` with the default plan, every target in `state`. */
export function storedRollout(
  rolloutId: string,
  serials: readonly string[],
  state: RolloutGridRow['state'] = 'pending',
  options = DEFAULT_ROLLOUT,
): Stored {
  const plan = planRollout(serials, options);
  return {
    rolloutId,
    kind: 'live',
    state: 'running',
    actor: 'Ada',
    startedAt: Date.now(),
    batches: plan.batches.length,
    batchesStarted: 1,
    options,
    command: { storage: { policy: 'setpoint', setpointW: -500 } },
    hold: true,
    auditReason: 'evening peak',
    size: serials.length,
    fromEarlierRun: false,
    grid: plan.batches.flatMap((batch, b) =>
      batch.map((serial) => ({
        serial,
        state,
        batch: b,
        attempts: state === 'pending' ? 0 : 1,
        changedAt: state === 'pending' ? null : Date.now(),
      })),
    ),
  };
}

const view = (r: Stored): RolloutDetail => ({
  ...r,
  tally: tallyTargets(r.grid),
  revision: JSON.stringify([r.state, r.reason, r.grid.map((t) => [t.state, t.attempts])]),
});
const summary = (r: Stored): RolloutSummary => {
  const { grid: _g, ...rest } = view(r);
  return rest;
};

/**
 * The contract's rollout methods in memory, over a fake API of the renderer tests (whose own fake
 * predates them). Starting checks the reason and the typed homes like the core does, on its dry-run.
 */
export function withRollouts(fake: FakeApi): FakeRollouts {
  const rollouts = new Map<string, Stored>();
  const calls: FakeRollouts['calls'] = [];
  const changed = () => fake.emit('control.changed', { at: Date.now() });
  const find = (id: string): Stored | undefined => rollouts.get(id);
  const record = <T>(method: string, request: unknown, answer: () => Result<T>): Promise<Result<T>> => {
    calls.push({ method, request });
    return Promise.resolve(answer());
  };
  const missing = () => fail('not-found', 'No such rollout.');

  const start = (r: RequestOf<'rollout.start'>): Result<RolloutStartAnswer> => {
    const confirmAbove = fake.state.control.confirmAbove;
    const valid = r.serials.filter((s) => !fake.state.control.badSerials.includes(s));
    if (valid.length > 1 && (r.reason ?? '').trim() === '')
      return ok({ ok: false, code: 'reason-required', reason: 'A bulk command needs a reason.' });
    if (valid.length > confirmAbove && r.typedHomes !== valid.length)
      return ok({ ok: false, code: 'confirmation-mismatch', reason: `Type ${valid.length}.` });
    const id = `r-${rollouts.size + 1}`;
    const given = Object.fromEntries(Object.entries(r.options ?? {}).filter(([, v]) => v !== undefined));
    const stored = storedRollout(id, valid, 'pending', { ...DEFAULT_ROLLOUT, ...given });
    rollouts.set(id, { ...stored, auditReason: r.reason ?? '', command: r.command, hold: r.hold });
    changed();
    return ok({ ok: true, rollout: summary(rollouts.get(id)!) });
  };

  const setState = (id: string, state: RolloutState, reason?: string) => {
    const r = find(id);
    if (!r) return;
    const { reason: _old, ...rest } = r;
    rollouts.set(id, { ...rest, state, ...(reason !== undefined && { reason }) });
    changed();
  };

  const rollout: ApiClient['rollout'] = {
    start: (r) => record('rollout.start', r, () => start(r)),
    list: () =>
      record('rollout.list', undefined, () =>
        ok([...rollouts.values()].map(summary).sort((a, b) => b.startedAt - a.startedAt)),
      ),
    get: (r) =>
      record('rollout.get', r, () => (find(r.rolloutId) ? ok(view(find(r.rolloutId)!)) : missing())),
    continue: (r) =>
      record('rollout.continue', r, () => {
        setState(r.rolloutId, 'running');
        return find(r.rolloutId) ? ok(summary(find(r.rolloutId)!)) : missing();
      }),
    abort: (r) =>
      record('rollout.abort', r, () => {
        setState(r.rolloutId, 'aborted', 'aborted by the operator');
        return find(r.rolloutId) ? ok(summary(find(r.rolloutId)!)) : missing();
      }),
    retryFailed: (r) =>
      record('rollout.retryFailed', r, () => ok({ retried: view(find(r.rolloutId)!).tally.failed })),
    releaseAll: (r) =>
      record('rollout.releaseAll', r, () => {
        const found = find(r.rolloutId);
        if (!found) return missing();
        const held = found.grid.filter((t) => t.state === 'confirmed').length;
        rollouts.set(r.rolloutId, {
          ...found,
          state: found.state === 'completed' ? 'completed' : 'aborted',
          grid: found.grid.map((t) => (t.state === 'confirmed' ? { ...t, state: 'released' } : t)),
        });
        changed();
        return ok({ released: held });
      }),
  };

  return {
    api: { ...fake.api, rollout },
    calls,
    rollouts,
    add: (r) => {
      rollouts.set(r.rolloutId, r);
      changed();
    },
    update: (id, change) => {
      const r = find(id);
      if (!r) return;
      const grid = r.grid.map((t) => ({ ...t, ...change.rows?.[t.serial] }));
      const { reason: _old, ...rest } = r;
      const reason = change.reason ?? (change.state === undefined ? r.reason : undefined);
      rollouts.set(id, {
        ...rest,
        grid,
        ...(change.state !== undefined && { state: change.state }),
        ...(reason !== undefined && { reason }),
      });
      changed();
    },
  };
}
