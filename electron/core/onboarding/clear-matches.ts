import type { UnattributedDraft } from '../../../shared/domain/inventory/journal-entry';
import type { LinkSource } from '../../../shared/domain/inventory/link';
import type { Inventory } from '../inventory/inventory';
import type { ContractMatcher } from './contract-matcher';

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
 * The links of "Link the clear matches", each checked again against the inventory as it is now:
 * what the operator saw may have changed since (another call, an import, a decision on a card), so
 * a request stands only while its controller waits and the contract it names is still its clear
 * match, by the rule automatic linking uses. Two requests for one contract both fall: which
 * controller is the customer's is the operator's call, on the cards.
 */
export function planClearMatches(
  inventory: Inventory,
  matcher: ContractMatcher,
  requests: readonly ClearMatchRequest[],
  source: LinkSource,
): ClearMatchPlan {
  const claims = new Map<string, Set<string>>();
  for (const r of requests)
    claims.set(r.contractNumber, (claims.get(r.contractNumber) ?? new Set()).add(r.serial));
  const plan: ClearMatchPlan = { drafts: [], linked: [], skipped: [] };
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.serial)) continue;
    seen.add(request.serial);
    const why = whyNotClear(inventory, matcher, request, claims.get(request.contractNumber)?.size ?? 0);
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
  matcher: ContractMatcher,
  { serial, contractNumber }: ClearMatchRequest,
  claimants: number,
): string | undefined {
  const installation = inventory.getInstallation(serial);
  if (!installation) return 'it has not onboarded';
  const { state } = installation.onboarding;
  if (state !== 'pending') return `it is ${state} now`;
  if (claimants > 1) return `${claimants} controllers name contract ${contractNumber}: decide on their cards`;
  const match = matcher.match(installation);
  if (!match.autoLink || match.suggestions[0]?.contractNumber !== contractNumber)
    return `contract ${contractNumber} is no longer its clear match: decide on its card`;
  return undefined;
}
