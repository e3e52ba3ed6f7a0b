import { isDeepStrictEqual } from 'node:util';
import type {
  ColumnMapping,
  ContractRow,
  ImportReport,
  Reconciliation,
} from '../../../shared/domain/fleet/contracts-view';
import type { Inventory } from '../inventory/inventory';
import type { Contract } from '../../../shared/domain/inventory/contract';
import type { ContractMatcher } from '../onboarding/contract-matcher';
import type { Clock } from '../clock';
import { taskProgress } from '../data/progress-throttle';
import type { CoreEvents } from '../events';
import { parseContractCsvInSteps } from './contract-csv-steps';

type ImportRequest = { csv: string; fileName: string; mapping?: ColumnMapping | undefined };

/** Contract import (preview first, then one journaled import), the list, and the reconciliation. */
export class ContractService {
  constructor(
    private readonly deps: {
      inventory: Inventory;
      matcher: ContractMatcher;
      clock: Clock;
      events: CoreEvents;
      operator: () => string;
      /** Whether the broker link is up (the reconciliation's MQTT list only means something then). */
      brokerConnected: () => boolean;
    },
  ) {}

  /**
   * The file read in steps (a 100,000-row file takes about half a second to read, which in one go
   * would hold up live control), telling the UI how far it is.
   */
  private read(request: ImportRequest, task: 'contracts-preview' | 'contracts-import') {
    const { clock, events, inventory } = this.deps;
    return parseContractCsvInSteps(request.csv, request.mapping, {
      onProgress: taskProgress(clock, events, task),
      // The import replaces a stored contract with the same number (apply-entry.ts): say so per
      // row, and whether that changes it (a file exported by Fleetdesk and read back changes none).
      isStored: (contract) => {
        const stored = inventory.getContract(contract.contractNumber);
        if (stored === undefined) return false;
        return isDeepStrictEqual(asStored(stored), asStored(contract)) ? 'unchanged' : true;
      },
    });
  }

  async preview(request: ImportRequest): Promise<ImportReport> {
    return { ...(await this.read(request, 'contracts-preview')).report, imported: 0 };
  }

  /** Imports every valid row as one durable entry; bad rows are reported, never half-imported. */
  async import(request: ImportRequest): Promise<ImportReport> {
    const { report, contracts } = await this.read(request, 'contracts-import');
    if (contracts.length > 0) {
      await this.deps.inventory.commit([
        {
          type: 'contract.imported',
          at: this.deps.clock.now(),
          actor: this.deps.operator(),
          contracts,
          origin: request.fileName,
        },
      ]);
      this.deps.matcher.invalidate();
    }
    return { ...report, imported: contracts.length };
  }

  list(): ContractRow[] {
    const serialOf = new Map<string, string>();
    for (const installation of this.deps.inventory.listInstallations()) {
      const link = this.deps.inventory.activeLink(installation.serial);
      if (link) serialOf.set(link.contractNumber, installation.serial);
    }
    return this.deps.inventory
      .listContracts()
      .map((c) => ({ ...c, linkedSerial: serialOf.get(c.contractNumber) ?? null }));
  }

  /** Contracts and installations that do not line up, for the operator to chase. */
  reconcile(): Reconciliation {
    const { inventory } = this.deps;
    const linkedContracts = new Set<string>();
    const onboardedNeverHeard: string[] = [];
    const onboardedNeverOnMqtt: string[] = [];
    const onboardedWithoutContract: string[] = [];
    for (const installation of inventory.listInstallations()) {
      if (installation.onboarding.state === 'offboarded' || installation.onboarding.state === 'rejected')
        continue;
      const link = inventory.activeLink(installation.serial);
      if (link) linkedContracts.add(link.contractNumber);
      else onboardedWithoutContract.push(installation.serial);
      const { health, mqtt, command } = installation.lastSeen;
      // A confirmed command is feedback over MQTT too.
      const onMqtt = mqtt !== undefined || command !== undefined;
      if (!onMqtt) onboardedNeverOnMqtt.push(installation.serial);
      if (!onMqtt && health === undefined) onboardedNeverHeard.push(installation.serial);
    }
    const contractedNotOnboarded = inventory
      .listContracts()
      .map((c) => c.contractNumber)
      .filter((n) => !linkedContracts.has(n));
    return {
      contractedNotOnboarded,
      onboardedNeverHeard,
      onboardedNeverOnMqtt,
      onboardedWithoutContract,
      brokerConnected: this.deps.brokerConnected(),
    };
  }
}

/** A contract as the journal keeps it (JSON: no undefined fields), for comparing. */
const asStored = (contract: Contract): unknown => JSON.parse(JSON.stringify(contract));
