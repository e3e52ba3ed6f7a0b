import { ContractIndex } from '../../../shared/domain/matching/contract-index';
import { matchOnboarding, type MatchResult } from '../../../shared/domain/matching/match-onboarding';
import type { Inventory } from '../inventory/inventory';
import type { Installation } from '../../../shared/domain/inventory/installation';

/**
 * Matches installations against the imported contracts. The index is rebuilt only when the
 * contracts change (an import), not per call.
 */
export class ContractMatcher {
  private index: ContractIndex | undefined;

  constructor(private readonly inventory: Inventory) {}

  /** Call after contracts were imported. */
  invalidate(): void {
    this.index = undefined;
  }

  match(
    installation: Pick<Installation, 'serial' | 'requestedContractNumber' | 'address' | 'lastRejection'>,
  ): MatchResult {
    this.index ??= new ContractIndex(this.inventory.listContracts());
    return matchOnboarding(
      {
        serial: installation.serial,
        contractNumber: installation.requestedContractNumber,
        address: installation.address,
        rejectedBefore: installation.lastRejection !== undefined,
      },
      this.index,
      {
        serialOfContract: (n) => this.inventory.linksForContract(n)[0]?.serial,
        contractOfSerial: (s) => this.inventory.activeLink(s)?.contractNumber,
      },
    );
  }
}
