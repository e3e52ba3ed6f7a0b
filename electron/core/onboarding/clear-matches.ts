import type { UnattributedDraft } from '../../../shared/domain/inventory/journal-entry';
import type { LinkSource } from '../../../shared/domain/inventory/link';
import type { Inventory } from '../inventory/inventory';
import type { ContractMatcher } from './contract-matcher';
import type { Installation } from '../../../shared/domain/inventory/installation';
import type { MatchResult } from '../../../shared/domain/matching/match-onboarding';

/** One link the inbox showed as a clear match and asks to make. */
export type ClearMatchRequest = { serial: string; contractNumber: string };

export type ClearMatchPlan = {
  drafts: UnattributedDraft[];
  linked: string[];
  /** Requests that no longer stand, each with the reason in words; their cards stay in the inbox. */
  skipped: Array<ClearMatchRequest & { why: string }>;
};

/** The reason each of these links carries in its history. */
export const CLEAR_MATCH_REASON =
  'clear match (the contract number typed exactly, the same address), linked with the others from the inbox';

/**
 * The contract an installation's clear match names, when it has one: it waits (pending), and the
 * match is what automatic linking would link (`autoLink`: the only exact number, the same address,
 * no flag). Undefined otherwise.
 */
export function clearContractOf(
  installation: Pick<Installation, 'onboarding'>,
  match: MatchResult,
): string | undefined {
  if (installation.onboarding.state !== 'pending' || !match.autoLink) return undefined;
  return match.suggestions[0]?.contractNumber;
}

/**
 * The clear matches that stand: serial → contract, without the contracts that more than one
 * waiting controller names clearly (`claimants` lists them per contract), since only one can be
 * the customer's.
 */
export function unsharedClearMatches(candidates: Iterable<readonly [serial: string, contract: string]>): {
  bySerial: Map<string, string>;
  claimants: Map<string, string[]>;
} {
  const bySerial = new Map<string, string>();
  const claimants = new Map<string, string[]>();
  for (const [serial, contract] of candidates) {
    bySerial.set(serial, contract);
    const named = claimants.get(contract);
    if (named) named.push(serial);
    else claimants.set(contract, [serial]);
  }
  for (const [serial, contract] of bySerial)
    if ((claimants.get(contract)?.length ?? 0) > 1) bySerial.delete(serial);
  return { bySerial, claimants };
}

/**
 * The other waiting controllers that name `contractNumber` as clearly as `serial` does. Automatic
 * linking leaves a controller waiting while there is one: which of them is the customer's is the
 * operator's call. Only controllers waiting with exactly that number typed are matched (the
 * inventory keeps them indexed), so this costs no pass over the fleet on every onboarding call.
 */
export function otherClearClaimants(
  inventory: Inventory,
  matcher: ContractMatcher,
  serial: string,
  contractNumber: string,
): string[] {
  return inventory
    .waitingNaming(contractNumber)
    .filter((i) => i.serial !== serial && clearContractOf(i, matcher.match(i)) === contractNumber)
    .map((i) => i.serial);
}

/**
 * The links of "Link the clear matches", each checked again against the inventory as it is now:
 * what the operator saw may have changed since (another call, an import, a decision on a card), so
 * a request stands only while its controller waits and the contract it names is still its clear
 * match, by the same rule as the inbox's (a controller that called since and names the same
 * contract clearly makes both fall: which one is the customer's is the operator's call).
 */
export function planClearMatches(
  inventory: Inventory,
  matcher: ContractMatcher,
  requests: readonly ClearMatchRequest[],
  source: LinkSource,
): ClearMatchPlan {
  const clear = unsharedClearMatches(
    inventory.listInstallations().flatMap((i) => {
      // Only the waiting ones are matched: a fleet is mostly linked, and matching is the cost here.
      const contract = i.onboarding.state === 'pending' ? clearContractOf(i, matcher.match(i)) : undefined;
      return contract === undefined ? [] : [[i.serial, contract] as const];
    }),
  );
  const plan: ClearMatchPlan = { drafts: [], linked: [], skipped: [] };
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.serial)) continue;
    seen.add(request.serial);
    const why = whyNotClear(inventory, clear, request);
    if (why !== undefined) {
      plan.skipped.push({ ...request, why });
      continue;
    }
    plan.drafts.push({ type: 'link.created', ...request, reason: CLEAR_MATCH_REASON, source });
    plan.linked.push(request.serial);
  }
  return plan;
}

function whyNotClear(
  inventory: Inventory,
  clear: ReturnType<typeof unsharedClearMatches>,
  { serial, contractNumber }: ClearMatchRequest,
): string | undefined {
  const installation = inventory.getInstallation(serial);
  if (!installation) return 'it has not onboarded';
  const { state } = installation.onboarding;
  if (state !== 'pending') return `it is ${state} now`;
  if (clear.bySerial.get(serial) === contractNumber) return undefined;
  const claimants = clear.claimants.get(contractNumber)?.length ?? 0;
  if (claimants > 1) return `${claimants} controllers name contract ${contractNumber}: decide on their cards`;
  return `contract ${contractNumber} is no longer its clear match: decide on its card`;
}
