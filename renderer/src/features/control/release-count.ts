import type { CommandRow } from '../../../../shared/contract/control-methods';
import type { RolloutGridRow } from '../../../../shared/contract/rollout-methods';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import { END_STATES } from '../../../../shared/domain/control/lifecycle';
import type { RolloutTargetState } from '../../../../shared/domain/control/rollout-view';

/**
 * A command not ended (draft, sent, accepted, confirmed): what the core's release stops
 * (control-state.ts `liveOf`). Not started and refused targets have no command at all.
 */
export function isLiveCommand(state: RolloutTargetState): boolean {
  return state !== 'pending' && state !== 'refused' && !(END_STATES as readonly string[]).includes(state);
}

/**
 * The installations a rollout's Release all releases, as the core counts them (rollout.ts
 * `releaseAll`): every target whose command of the rollout is live, in flight ones included. The
 * dialog's wording and its reason rule use this count, so the core never refuses what the dialog let
 * through.
 */
export function rolloutReleasable(rows: readonly RolloutGridRow[]): number {
  return rows.filter((r) => isLiveCommand(r.state)).length;
}

/**
 * The installations the leases' Release all releases, as the core counts them (control-service.ts
 * `release('all')`): every serial with a lease in force or a draft, which is every serial with a live
 * command. A lease listed as releasing is counted only if a newer command of it is live (the core
 * still shows the old one until the new one is delivered).
 */
export function leasesReleasable(leases: readonly LeaseView[], commands: readonly CommandRow[]): number {
  const serials = new Set(leases.filter((l) => l.status !== 'releasing').map((l) => l.serial));
  for (const c of commands) if (isLiveCommand(c.state)) serials.add(c.serial);
  return serials.size;
}
