import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import { GENESIS_HASH, type JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { stateFingerprint, type InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import type { SegmentSink } from '../journal/segment-sink';
import { claimUpToThisBuild } from './backup-claim';
import { BackupInvalidError } from './backup-invalid';

/**
 * Proves a backup entry by entry as it streams past, holding only the state it replays to: an
 * unbroken sequence and hash chain from the first entry, then (at `finish`) that the entries
 * replay to exactly the state the backup claims. Each proven line goes on to `sink`.
 */
export class BackupReplay {
  private last = { seq: 0, hash: GENESIS_HASH };
  private readonly state: InventoryState = emptyState();
  private count = 0;

  constructor(private readonly sink: SegmentSink) {}

  /** How many entries were added. */
  get entries(): number {
    return this.count;
  }

  /** Adds the next entry and its journal line; the entry's own hash was checked by the caller. */
  async add(entry: JournalEntry, line: string): Promise<void> {
    if (entry.seq !== this.last.seq + 1 || entry.prevHash !== this.last.hash) {
      throw new BackupInvalidError(
        `the backup's journal breaks at entry ${entry.seq} (after ${this.last.seq})`,
      );
    }
    applyEntry(this.state, entry);
    this.last = { seq: entry.seq, hash: entry.hash };
    this.count += 1;
    await this.sink.write(line, entry);
  }

  /** The replayed state, once it is proven to be the one `snapshot` describes. */
  finish(snapshot: InventorySnapshot): InventoryState {
    if (this.last.seq !== snapshot.seq) {
      throw new BackupInvalidError(
        `the backup's journal ends at ${this.last.seq}, its state at ${snapshot.seq}`,
      );
    }
    // An earlier build's claim lacks what later builds derive from the same entries (backup-claim.ts).
    const claimed = claimUpToThisBuild(snapshot, this.state);
    if (stateFingerprint(this.state) !== stateFingerprint(claimed)) {
      throw new BackupInvalidError('the journal in the backup does not replay to the state it holds');
    }
    return this.state;
  }
}
