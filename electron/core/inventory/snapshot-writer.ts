import type { Worker } from 'node:worker_threads';
import { toSnapshot } from '../../../shared/domain/inventory/snapshot';
import { emptyState, type InventoryState } from '../../../shared/domain/inventory/state';
import type { DurableSegment } from '../journal/journal';
import type { Logger } from '../logger';
import type { SnapshotWorkerReply, SnapshotWorkerRequest } from './snapshot-worker-protocol';
import { startSnapshotWorker } from './snapshot-worker-thread';

/** Counters of snapshot writes, for the benchmark and diagnostics. */
export type SnapshotStats = {
  writes: number;
  /** Time the worker took to serialise and write (off the main thread). */
  lastMs: number;
  maxMs: number;
  /** Main-thread time of the last hand-over to the worker (0 unless it had no file to start from). */
  lastMainThreadMs: number;
  /** The last write's thread ran at the lowest OS priority (Linux only; see thread-priority.ts). */
  lastBackground: boolean;
  /** The entry the last snapshot written holds the state up to. */
  lastSeq: number;
};

type Written = { seq: number; hash: string; ms: number; background: boolean };
type Waiting = { resolve(written: Written): void; reject(error: Error): void };

/**
 * A snapshot file that holds the state up to entry `seq` (hash `hash`); without a path, the empty
 * state of a new data folder (entry 0), which the whole journal completes.
 */
type Base = { path: string | undefined; seq: number; hash: string };

/**
 * Writes the inventory snapshot from a worker thread that exists only while it writes. The worker
 * starts from the last snapshot file and replays the journal entries since from the journal's own
 * files (it reads both itself), so a write costs the main thread nothing and it keeps no copy of
 * anything between writes. A new data folder starts from the empty state and the whole journal.
 * Only without a file to start from (one moved aside as damaged at open, one from a build that
 * did not keep open commands, or after a failed write) is the main state serialised here.
 * Why not a worker that keeps its own copy between writes: at 10,000 installations that copy held
 * ~47 MB of RSS all the time for a write every ten minutes (sustained-feedback benchmark: 202.7 MB
 * before any feedback with it, 155.6 without).
 */
export class SnapshotWriter {
  private worker: Worker | undefined;
  private base: Base | undefined;
  /** Moves whenever `base` is set or dropped, so a write that ends later cannot restore a stale one. */
  private generation = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly stateOf: () => InventoryState,
    private readonly log: Logger,
    /** The journal's segment files holding the durable entries after a sequence number. */
    private readonly segmentsAfter: (seq: number) => DurableSegment[],
  ) {}

  /** Whether the worker thread exists (only while a write is owed). */
  get threadRunning(): boolean {
    return this.worker !== undefined;
  }

  /** Forgets the file to start from (the main state was replaced); the next write starts from it. */
  invalidate(): void {
    this.generation += 1;
    this.base = undefined;
  }

  /**
   * The snapshot file at `path` holds exactly the current state (entry `seq`, hash `hash`): the
   * next write starts from it. Should the file not match by then, that write fails and the one
   * after starts from the main state.
   */
  startFrom(path: string, seq: number, hash: string): void {
    this.generation += 1;
    this.base = { path, seq, hash };
  }

  /** A new data folder: the next write starts from the empty state and replays every entry. */
  startFromEmpty(): void {
    const empty = emptyState();
    this.generation += 1;
    this.base = { path: undefined, seq: empty.seq, hash: empty.hash };
  }

  /** Writes the current state to `path`; resolves once the file is durable in place. */
  write(path: string, stats: SnapshotStats): Promise<Written> {
    const started = performance.now();
    const { base, generation } = this;
    if (base !== undefined) {
      if (base.path === undefined)
        this.post({ type: 'reset', snapshotJson: JSON.stringify(toSnapshot(emptyState())) });
      else this.post({ type: 'load', path: base.path, seq: base.seq, hash: base.hash });
      // The entries since come from the journal's files: this thread hands over no copy of them.
      const toSeq = this.stateOf().seq;
      if (toSeq > base.seq)
        this.post({ type: 'replay', segments: this.segmentsAfter(base.seq), afterSeq: base.seq, toSeq });
    } else {
      this.post({ type: 'reset', snapshotJson: JSON.stringify(toSnapshot(this.stateOf())) });
    }
    stats.lastMainThreadMs = base === undefined ? performance.now() - started : 0;
    const id = this.nextId++;
    return new Promise<Written>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'write', id, path });
      // Kept alive while a write is owed, so a script that awaits it is not ended under it.
      this.worker?.ref();
    }).then(
      (written) => {
        // Entries applied while it was written came after it; the next write replays them.
        if (this.generation === generation) this.base = { path, seq: written.seq, hash: written.hash };
        return written;
      },
      (error: unknown) => {
        // The file, the journal or the worker may be at fault: the next write starts afresh from
        // the main state, which holds every entry (nothing is lost, the journal has them too).
        if (this.generation === generation) this.invalidate();
        throw error;
      },
    );
  }

  /** Stops the worker; a write still in flight is refused (the caller waits for writes first). */
  async close(): Promise<void> {
    this.invalidate();
    await this.stopWorker();
    this.fail(new Error('the snapshot writer was closed'));
  }

  private post(request: SnapshotWorkerRequest): void {
    this.running().postMessage(request);
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = startSnapshotWorker();
    // The journal holds every change, so an unfinished snapshot never needs to keep the process up.
    worker.unref();
    worker.on('message', (reply: SnapshotWorkerReply) => this.settle(reply));
    worker.on('error', (error) => {
      this.log.error({ err: error }, 'the snapshot worker failed');
      this.lost(worker, error);
    });
    worker.on('exit', (code) => this.lost(worker, new Error(`the snapshot worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: SnapshotWorkerReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    // Its copy of the state is only needed for a write: ending the thread gives all of it back.
    if (this.waiting.size === 0) void this.stopWorker();
    if (reply.ok)
      waiting.resolve({ seq: reply.seq, hash: reply.hash, ms: reply.ms, background: reply.background });
    else waiting.reject(new Error(reply.message));
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  /** A worker that died takes its copy with it; the next write starts from the main state. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.invalidate();
    this.fail(error);
  }

  private fail(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
