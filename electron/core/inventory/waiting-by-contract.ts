import type { Installation } from '../../../shared/domain/inventory/installation';

/** The contract number a waiting installation typed (trimmed), or undefined if it does not wait or typed none. */
function waitingKey(installation: Installation | undefined): string | undefined {
  if (installation?.onboarding.state !== 'pending') return undefined;
  return installation.requestedContractNumber?.trim() || undefined;
}

type Index = {
  byContract: Map<string, Set<string>>;
  /** The key each indexed serial is filed under, to find it again when it changes. */
  keyOf: Map<string, string>;
};

/**
 * Waiting (pending) installations per contract number they typed, kept up to date entry by entry.
 * Automatic linking asks it on every onboarding call whether another waiting controller names the
 * same contract; a pass over all 10,000 installations per call instead was 15 % of the main
 * thread's time during an ingest burst.
 */
export class WaitingByContract {
  private index: Index | undefined;

  constructor(private readonly installations: () => Map<string, Installation>) {}

  /** Serials of the waiting installations whose typed contract number is `contractNumber`. */
  get(contractNumber: string): string[] {
    return [...(this.built().byContract.get(contractNumber) ?? [])];
  }

  /** Records that `serial`'s installation may have changed (an entry naming it was applied). */
  touched(serial: string): void {
    if (!this.index) return;
    const { byContract, keyOf } = this.index;
    const before = keyOf.get(serial);
    const after = waitingKey(this.installations().get(serial));
    if (before === after) return;
    if (before !== undefined) {
      const serials = byContract.get(before);
      serials?.delete(serial);
      if (serials?.size === 0) byContract.delete(before);
      keyOf.delete(serial);
    }
    if (after !== undefined) {
      keyOf.set(serial, after);
      const serials = byContract.get(after);
      if (serials) serials.add(serial);
      else byContract.set(after, new Set([serial]));
    }
  }

  /** Forgets the index (the state was replaced); the next `get` rebuilds it. */
  invalidate(): void {
    this.index = undefined;
  }

  private built(): Index {
    if (this.index) return this.index;
    const index: Index = { byContract: new Map(), keyOf: new Map() };
    this.index = index;
    for (const serial of this.installations().keys()) this.touched(serial);
    return index;
  }
}
