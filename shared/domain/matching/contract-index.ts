import { addressParts, contractKey, type LooseAddress } from './normalize';

/** What matching needs to know of a contract. */
export type MatchableContract = {
  contractNumber: string;
  customerName: string;
  address: LooseAddress | null;
};

/** A contract with its number keyed (format slips, O for 0, I or l for 1). */
export type IndexEntry = { contract: MatchableContract; key: string };

/**
 * Contracts indexed once for matching many onboarding calls: by exact number, by key (the same
 * number typed differently), and by postal code (address suggestions), so one call at 10,000
 * contracts is a lookup plus one pass of edit distances, not a re-fold of every contract.
 */
export class ContractIndex {
  readonly exact = new Map<string, MatchableContract>();
  readonly byKey = new Map<string, MatchableContract[]>();
  readonly byPostalCode = new Map<string, MatchableContract[]>();
  readonly entries: IndexEntry[] = [];

  constructor(contracts: Iterable<MatchableContract>) {
    for (const contract of contracts) {
      const key = contractKey(contract.contractNumber);
      this.exact.set(contract.contractNumber.trim(), contract);
      push(this.byKey, key, contract);
      const postalCode = contract.address ? addressParts(contract.address).postalCode : '';
      if (postalCode) push(this.byPostalCode, postalCode, contract);
      this.entries.push({ contract, key });
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
