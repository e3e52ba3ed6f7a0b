import { compareAddresses, type AddressAgreement } from './address-agreement';
import { addressCandidates, numberCandidates, type Candidate, type MatchKind } from './candidates';
import type { ContractIndex } from './contract-index';
import type { LooseAddress } from './normalize';

export type { MatchKind } from './candidates';

export type MatchFlag =
  | 'rejected-before'
  | 'no-contract-given'
  | 'unknown-contract'
  | 'contract-linked-elsewhere'
  | 'serial-linked-elsewhere'
  | 'address-differs';

export type Suggestion = {
  contractNumber: string;
  customerName: string;
  kind: MatchKind;
  address: AddressAgreement;
  /** Serial already linked to this contract, if any. */
  linkedTo: string | null;
};

export type MatchResult = { flags: MatchFlag[]; suggestions: Suggestion[]; autoLink: boolean };

export type OnboardingFacts = {
  serial: string;
  contractNumber?: string | null;
  address?: LooseAddress | null;
  /** The operator's latest inbox decision on this serial was to reject it. */
  rejectedBefore?: boolean;
};

export type LinkLookup = {
  serialOfContract(contractNumber: string): string | undefined;
  contractOfSerial(serial: string): string | undefined;
};

const MAX_SUGGESTIONS = 5;
const rank: Record<MatchKind, number> = { exact: 0, format: 1, typo: 2, address: 3 };

/**
 * Matches one onboarding call against the imported contracts: the exact number first, then the
 * same number typed differently, then near numbers (closest first), then homes at the address
 * sent. Only a unique exact match whose address agrees, with neither side linked elsewhere and
 * no rejection of the serial standing, may link without an operator.
 */
export function matchOnboarding(
  facts: OnboardingFacts,
  index: ContractIndex,
  links: LinkLookup,
): MatchResult {
  const typed = facts.contractNumber?.trim() ?? '';
  const byNumber = typed === '' ? [] : numberCandidates(typed, index);
  // An exact or reformatted number settles which contract was meant; a near one may not, so homes
  // at the address sent are suggested beside it.
  const settled = byNumber.some((c) => c.kind === 'exact' || c.kind === 'format');
  const byAddress = settled ? [] : addressCandidates(facts.address ?? null, index);
  const suggestions = worthShowing(
    dedupe([...byNumber, ...byAddress]).map((c) => ({ ...c, suggestion: suggest(c, facts, links) })),
  )
    .sort(
      (a, b) =>
        rank[a.kind] - rank[b.kind] ||
        a.slips - b.slips ||
        order(a.suggestion.address) - order(b.suggestion.address),
    )
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.suggestion);
  const flags = flagsFor(facts, typed, suggestions, links);
  const top = suggestions[0];
  const autoLink =
    top?.kind === 'exact' &&
    top.address === 'agrees' &&
    suggestions.filter((s) => s.kind === 'exact').length === 1 &&
    flags.length === 0;
  return { flags, suggestions, autoLink };
}

/**
 * Near numbers as close as the closest one, and farther ones only where the address backs them:
 * with numbers issued in sequence, every number has many neighbours two slips away, and listing
 * them buried the one the customer meant.
 */
function worthShowing<C extends Candidate & { suggestion: Suggestion }>(candidates: C[]): C[] {
  const closest = candidates.reduce((min, c) => (c.kind === 'typo' ? Math.min(min, c.slips) : min), Infinity);
  return candidates.filter(
    (c) => c.kind !== 'typo' || c.slips === closest || c.suggestion.address === 'agrees',
  );
}

function suggest({ contract, kind }: Candidate, facts: OnboardingFacts, links: LinkLookup): Suggestion {
  const linked = links.serialOfContract(contract.contractNumber);
  return {
    contractNumber: contract.contractNumber,
    customerName: contract.customerName,
    kind,
    address: compareAddresses(facts.address ?? null, contract.address),
    linkedTo: linked !== undefined && linked !== facts.serial ? linked : null,
  };
}

function flagsFor(
  facts: OnboardingFacts,
  typed: string,
  suggestions: Suggestion[],
  links: LinkLookup,
): MatchFlag[] {
  const flags: MatchFlag[] = [];
  const top = suggestions[0];
  // First: whatever else matches, the operator said no to this controller last time.
  if (facts.rejectedBefore === true) flags.push('rejected-before');
  if (typed === '') flags.push('no-contract-given');
  else if (top === undefined || top.kind !== 'exact') flags.push('unknown-contract');
  if (top?.kind === 'exact' && top.linkedTo !== null) flags.push('contract-linked-elsewhere');
  const current = links.contractOfSerial(facts.serial);
  if (current !== undefined && current !== top?.contractNumber) flags.push('serial-linked-elsewhere');
  if (top?.kind === 'exact' && top.address === 'differs') flags.push('address-differs');
  return flags;
}

/** The first (strongest) candidate per contract. */
function dedupe(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter(
    ({ contract }) => !seen.has(contract.contractNumber) && seen.add(contract.contractNumber),
  );
}

const order = (a: AddressAgreement) => (a === 'agrees' ? 0 : a === 'unknown' ? 1 : 2);
