import { contractKey } from '../matching/normalize';
import type { Installation, OnboardingState } from './installation';
import type { LinkRecord } from './link';

type Linked = Extract<OnboardingState, { state: 'linked' }>;

/**
 * The onboarding state of a linked controller after an onboarding call that names `named` (if
 * it names a contract). Naming another contract than the link's is a conflict the operator must
 * see: it stays open until a decision (a new link, or the call turned down), or until the
 * controller names its own contract again. A number it already named when the operator decided is
 * not news, so a controller linked by hand despite a typo does not come back at every restart.
 */
export function linkedState(
  previous: Installation,
  link: LinkRecord,
  named: string | undefined,
  at: number,
): Linked {
  const state: Linked = { state: 'linked', since: at, contractNumber: link.contractNumber };
  const open = previous.onboarding.state === 'linked' ? previous.onboarding.claimed : undefined;
  if (named === undefined) return open ? { ...state, claimed: open } : state;
  const key = contractKey(named);
  if (key === contractKey(link.contractNumber)) return state;
  const known = previous.requestedContractNumber;
  if (!open && known !== null && contractKey(known) === key) return state;
  return { ...state, claimed: { contractNumber: named, since: open?.since ?? at } };
}
