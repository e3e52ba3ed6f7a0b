import { distance } from 'fastest-levenshtein';
import { compareAddresses, type AddressAgreement } from './address-agreement';
import type { ContractIndex, MatchableContract } from './contract-index';
import { addressParts, normalizeContractNumber, type LooseAddress } from './normalize';

export type MatchFlag =
  | 'no-contract-given'
  | 'unknown-contract'
  | 'contract-linked-elsewhere'
  | 'serial-linked-elsewhere'
  | 'address-differs';

/** Why a contract is suggested, strongest first. */
export type MatchKind = 'exact' | 'format' | 'typo' | 'address';

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
};

export type LinkLookup = {
  serialOfContract(contractNumber: string): string | undefined;
  contractOfSerial(serial: string): string | undefined;
};

const MAX_TYPO_DISTANCE = 2;
const MAX_SUGGESTIONS = 5;
const rank: Record<MatchKind, number> = { exact: 0, format: 1, typo: 2, address: 3 };

/**
 * Matches one onboarding call against the imported contracts: the exact number first, then the
 * same number typed differently, then typos (edit distance ≤ 2), then homes at the same address.
 * Only a unique exact match whose address agrees, with neither side linked elsewhere, may link
 * without an operator.
 */
export function matchOnboarding(
  facts: OnboardingFacts,
  index: ContractIndex,
  links: LinkLookup,
): MatchResult {
  const typed = facts.contractNumber?.trim() ?? '';
  const candidates = typed === '' ? [] : numberCandidates(typed, index);
  if (candidates.length === 0) candidates.push(...addressCandidates(facts.address ?? null, index));
  const suggestions = dedupe(candidates)
    .map(({ contract, kind }) => suggest(contract, kind, facts, links))
    .sort((a, b) => rank[a.kind] - rank[b.kind] || order(a.address) - order(b.address))
    .slice(0, MAX_SUGGESTIONS);
  const flags = flagsFor(facts, typed, suggestions, links);
  const top = suggestions[0];
  const autoLink =
    top?.kind === 'exact' &&
    top.address === 'agrees' &&
    suggestions.filter((s) => s.kind === 'exact').length === 1 &&
    flags.length === 0;
  return { flags, suggestions, autoLink };
}

function numberCandidates(
  typed: string,
  index: ContractIndex,
): Array<{ contract: MatchableContract; kind: MatchKind }> {
  const exact = index.exact.get(typed);
  if (exact) return [{ contract: exact, kind: 'exact' }];
  const normalized = normalizeContractNumber(typed);
  const format = index.byNormalized.get(normalized) ?? [];
  if (format.length > 0) return format.map((contract) => ({ contract, kind: 'format' as const }));
  return index.entries
    .filter((e) => Math.abs(e.normalized.length - normalized.length) <= MAX_TYPO_DISTANCE)
    .filter((e) => distance(e.normalized, normalized) <= MAX_TYPO_DISTANCE)
    .map((e) => ({ contract: e.contract, kind: 'typo' as const }));
}

function addressCandidates(
  address: LooseAddress | null,
  index: ContractIndex,
): Array<{ contract: MatchableContract; kind: MatchKind }> {
  if (!address) return [];
  const postalCode = addressParts(address).postalCode;
  return (index.byPostalCode.get(postalCode) ?? [])
    .filter((c) => compareAddresses(address, c.address) === 'agrees')
    .map((contract) => ({ contract, kind: 'address' as const }));
}

function suggest(
  contract: MatchableContract,
  kind: MatchKind,
  facts: OnboardingFacts,
  links: LinkLookup,
): Suggestion {
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
  if (typed === '') flags.push('no-contract-given');
  else if (top === undefined || top.kind !== 'exact') flags.push('unknown-contract');
  if (top?.kind === 'exact' && top.linkedTo !== null) flags.push('contract-linked-elsewhere');
  const current = links.contractOfSerial(facts.serial);
  if (current !== undefined && current !== top?.contractNumber) flags.push('serial-linked-elsewhere');
  if (top?.kind === 'exact' && top.address === 'differs') flags.push('address-differs');
  return flags;
}

function dedupe<T extends { contract: MatchableContract }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter(
    ({ contract }) => !seen.has(contract.contractNumber) && seen.add(contract.contractNumber),
  );
}

const order = (a: AddressAgreement) => (a === 'agrees' ? 0 : a === 'unknown' ? 1 : 2);
