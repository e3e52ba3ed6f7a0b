import { activeLinkOf, type LinkRecord } from '../../../shared/domain/inventory/link';

/**
 * Links in force per contract number, kept up to date entry by entry. Matching asks it once per
 * onboarding call; rebuilding it from all 10,000 link histories after every new link (what an
 * index dropped on each change costs) was the largest single cost of ingest during a roll-out.
 */
export class ContractLinks {
  private byContract: Map<string, LinkRecord[]> | undefined;

  constructor(private readonly historyOf: () => Map<string, LinkRecord[]>) {}

  /** Links in force to `contractNumber`. */
  get(contractNumber: string): LinkRecord[] {
    return this.index().get(contractNumber) ?? [];
  }

  /** Records that `serial`'s link in force went from `before` to `after` (either may be absent). */
  moved(serial: string, before: LinkRecord | undefined, after: LinkRecord | undefined): void {
    if (!this.byContract || before === after) return;
    if (before) {
      const list = this.byContract.get(before.contractNumber)?.filter((l) => l.serial !== serial) ?? [];
      if (list.length > 0) this.byContract.set(before.contractNumber, list);
      else this.byContract.delete(before.contractNumber);
    }
    if (after) {
      // A new array: callers may hold the previous one.
      this.byContract.set(after.contractNumber, [
        ...(this.byContract.get(after.contractNumber) ?? []),
        after,
      ]);
    }
  }

  /** Forgets the index (the state was replaced); the next `get` rebuilds it. */
  invalidate(): void {
    this.byContract = undefined;
  }

  /** Whether an index exists (otherwise there is nothing to keep up to date). */
  get built(): boolean {
    return this.byContract !== undefined;
  }

  private index(): Map<string, LinkRecord[]> {
    if (this.byContract) return this.byContract;
    const byContract = new Map<string, LinkRecord[]>();
    for (const history of this.historyOf().values()) {
      const link = activeLinkOf(history);
      if (!link) continue;
      const list = byContract.get(link.contractNumber);
      if (list) list.push(link);
      else byContract.set(link.contractNumber, [link]);
    }
    this.byContract = byContract;
    return byContract;
  }
}
