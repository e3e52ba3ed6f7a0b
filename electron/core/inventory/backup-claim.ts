import type { Installation } from '../../../shared/domain/inventory/installation';
import {
  fromSnapshot,
  inboxHistoryKnown,
  openCommandsKnown,
  type InventorySnapshot,
} from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';

/**
 * The state a backup claims, brought up to what this build derives from the same entries, so it
 * can be compared with their replay. The claim was computed by the build that wrote the backup,
 * and later builds keep more in the state, derived from entries older builds journaled too. Where
 * the claim cannot know a field, the replay (whose entries are proven) is the only word on it:
 *
 * - `openCommands`: not kept before 2ee38b1; a claim without them has none.
 * - `inboxHistory`: the inbox cards' calls, last bodies and early notes, not kept before it was
 *   added to the snapshot; a claim without it has none.
 * - `lastRejection` and a linked onboarding's `claimed`: kept since 055978f; absent in older claims.
 * - `fallbackSince`: kept since 9311d95, and 5b9159c stopped counting the planned lapse of a
 *   command sent without holding, so a claim of the builds between holds groups this one does
 *   not. Always taken from the replay.
 *
 * Everything else is compared as the claim has it. The state a restore adopts is the replay in
 * any case: this only decides whether the file agrees with itself.
 */
export function claimUpToThisBuild(snapshot: InventorySnapshot, replayed: InventoryState): InventoryState {
  const claimed = fromSnapshot(snapshot);
  if (!openCommandsKnown(snapshot)) claimed.openCommands = replayed.openCommands;
  if (!inboxHistoryKnown(snapshot)) claimed.inboxHistory = replayed.inboxHistory;
  for (const [serial, installation] of claimed.installations) {
    const derived = replayed.installations.get(serial);
    if (derived) claimed.installations.set(serial, withLaterFields(installation, derived));
  }
  return claimed;
}

function withLaterFields(claim: Installation, derived: Installation): Installation {
  const { fallbackSince: _olderRule, lastRejection, ...rest } = claim;
  const next: Installation = { ...rest, onboarding: onboardingWithClaim(claim, derived) };
  const rejection = lastRejection ?? derived.lastRejection;
  if (rejection) next.lastRejection = rejection;
  if (derived.fallbackSince) next.fallbackSince = derived.fallbackSince;
  return next;
}

/** A linked claim without `claimed` takes the replay's, when both are linked to the same contract. */
function onboardingWithClaim(claim: Installation, derived: Installation): Installation['onboarding'] {
  const mine = claim.onboarding;
  const theirs = derived.onboarding;
  if (mine.state !== 'linked' || mine.claimed || theirs.state !== 'linked' || !theirs.claimed) return mine;
  if (mine.contractNumber !== theirs.contractNumber) return mine;
  return { ...mine, claimed: theirs.claimed };
}
