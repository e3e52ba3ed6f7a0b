import { compareAddresses } from './address-agreement';
import type { ContractIndex, MatchableContract } from './contract-index';
import { contractDistance } from './contract-distance';
import { addressParts, contractKey, type LooseAddress } from './normalize';

/** Why a contract is suggested, strongest first. */
export type MatchKind = 'exact' | 'format' | 'typo' | 'address';

/** A contract worth suggesting, with how many slips its number is from what was typed. */
export type Candidate = { contract: MatchableContract; kind: MatchKind; slips: number };

/** Beyond two slips a number is another customer's, not a typo of this one. */
export const MAX_SLIPS = 2;

/**
 * Contracts whose number resembles `typed`: the exact number, else the same number typed
 * differently (case, spacing, punctuation, O for 0, I or l for 1), else every number at most two
 * slips away. Which of the near ones are worth showing is decided once addresses are compared.
 */
export function numberCandidates(typed: string, index: ContractIndex): Candidate[] {
  const exact = index.exact.get(typed);
  if (exact) return [{ contract: exact, kind: 'exact', slips: 0 }];
  const key = contractKey(typed);
  const same = index.byKey.get(key) ?? [];
  if (same.length > 0) return same.map((contract) => ({ contract, kind: 'format', slips: 0 }));
  const near: Candidate[] = [];
  for (const entry of index.entries) {
    if (Math.abs(entry.key.length - key.length) > MAX_SLIPS) continue;
    const slips = contractDistance(entry.key, key);
    if (slips <= MAX_SLIPS) near.push({ contract: entry.contract, kind: 'typo', slips });
  }
  return near;
}

/** Contracts at the address the controller sent (same postal code, and the street agrees). */
export function addressCandidates(address: LooseAddress | null, index: ContractIndex): Candidate[] {
  if (!address) return [];
  const postalCode = addressParts(address).postalCode;
  return (index.byPostalCode.get(postalCode) ?? [])
    .filter((c) => compareAddresses(address, c.address) === 'agrees')
    .map((contract) => ({ contract, kind: 'address', slips: 0 }));
}
