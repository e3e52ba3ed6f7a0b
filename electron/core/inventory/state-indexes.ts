import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import type { Installation } from '../../../shared/domain/inventory/installation';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { activeLinkOf, type LinkRecord } from '../../../shared/domain/inventory/link';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import { ContractLinks } from './contract-links';
import { WaitingByContract } from './waiting-by-contract';

/** Entry types that can start or end a link in force. */
const LINK_CHANGING = new Set<JournalEntry['type']>([
  'link.created',
  'link.ended',
  'callback.offboarding',
  'backup.restored',
]);

/**
 * The inventory's lookups that a scan of the state would answer too slowly on every callback:
 * links in force per contract and waiting installations per typed contract number. Entries are
 * applied through `apply`, which keeps both in step.
 */
export class StateIndexes {
  private readonly contractLinks: ContractLinks;
  private readonly waiting: WaitingByContract;

  constructor(private readonly state: () => InventoryState) {
    this.contractLinks = new ContractLinks(() => this.state().links);
    this.waiting = new WaitingByContract(() => this.state().installations);
  }

  /** Links in force to `contractNumber`. */
  linksForContract(contractNumber: string): LinkRecord[] {
    return this.contractLinks.get(contractNumber);
  }

  /** Waiting (pending) installations that typed `contractNumber` (trimmed) in their call. */
  waitingNaming(contractNumber: string): Installation[] {
    const { installations } = this.state();
    return this.waiting.get(contractNumber).flatMap((serial) => installations.get(serial) ?? []);
  }

  /** Forgets both (the state was replaced); each is rebuilt when next asked. */
  invalidate(): void {
    this.contractLinks.invalidate();
    this.waiting.invalidate();
  }

  /**
   * Applies one durable entry to the state, keeping the indexes in step. Only entries that name a
   * serial change an installation (apply-entry.ts), and only that one.
   */
  apply(entry: JournalEntry): void {
    const serial = 'serial' in entry ? entry.serial : undefined;
    this.applyWithLinkIndex(entry, serial);
    if (serial !== undefined) this.waiting.touched(serial);
  }

  private applyWithLinkIndex(entry: JournalEntry, serial: string | undefined): void {
    const state = this.state();
    if (!this.contractLinks.built || !LINK_CHANGING.has(entry.type)) {
      applyEntry(state, entry);
      return;
    }
    if (serial === undefined) {
      // A restore marker names no serial; whatever it stands for, rebuild from the state.
      applyEntry(state, entry);
      this.contractLinks.invalidate();
      return;
    }
    const before = activeLinkOf(state.links.get(serial));
    applyEntry(state, entry);
    this.contractLinks.moved(serial, before, activeLinkOf(state.links.get(serial)));
  }
}
