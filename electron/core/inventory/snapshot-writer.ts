import type { Worker } from 'node:worker_threads';
import { toSnapshot } from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import type { Logger } from '../logger';
import type { SnapshotWorkerReply, SnapshotWorkerRequest } from './snapshot-worker-protocol';
import { startSnapshotWorker } from './snapshot-worker-thread';

/** Counters of snapshot writes, for the benchmark and diagnostics. */
export type SnapshotStats = {
  writes: number;
  /** Time the worker took to serialise and write (off the main thread). */
  lastMs: number;
  maxMs: number;
  /** Main-thread time of the last hand-over to the worker (0 unless its copy had to be rebuilt). */
  lastMainThreadMs: number;
};

/** How long applied lines may wait before they go to the worker, and how much may pile up. */
const FORWARD_MS = 200;
const FORWARD_BYTES = 1 << 20;

type Waiting = { resolve(written: { seq: number; ms: number }): void; reject(error: Error): void };

/**
 * Writes the inventory snapshot from a worker thread. The worker keeps a copy of the state that
 * follows the main thread's entry by entry (`apply`), so a write costs the main thread nothing;
 * only (re)building the copy serialises the state here, once after open, a restore or a failure.
 */
export class SnapshotWriter {
  private worker: Worker | undefined;
  /** True while the worker's copy equals the main state (every applied batch was forwarded). */
  private synced = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private unsent: string[] = [];
  private unsentBytes = 0;
  private forwardTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stateOf: () => InventoryState,
    private readonly log: Logger,
  ) {}

  /**
   * Forwards the journal lines of a batch the main thread just applied; a no-op until the copy
   * exists. Lines are sent in bundles (every FORWARD_MS, or sooner past FORWARD_BYTES, and before
   * every write): one message per commit cost the main thread more than the worker saved it.
   */
  apply(lines: readonly string[]): void {
    if (!this.synced) return;
    for (const line of lines) {
      this.unsent.push(line);
      this.unsentBytes += line.length;
    }
    if (this.unsentBytes >= FORWARD_BYTES) this.forward();
    else if (this.forwardTimer === undefined) {
      this.forwardTimer = setTimeout(() => this.forward(), FORWARD_MS);
      this.forwardTimer.unref();
    }
  }

  /** Forgets the worker's copy (the main state was replaced); the next write rebuilds it. */
  invalidate(): void {
    this.desync();
  }

  /** Builds the worker's copy now (if it has none), so a later write costs this thread nothing. */
  prepare(): number {
    if (this.synced) return 0;
    const started = performance.now();
    this.post({ type: 'reset', snapshotJson: JSON.stringify(toSnapshot(this.stateOf())) });
    this.synced = true;
    return performance.now() - started;
  }

  /**
   * Builds the worker's copy from the snapshot file at `path`, which holds exactly the current
   * state (entry `seq`, hash `hash`): the worker reads it itself, so this thread serialises nothing.
   * Should the file not match, the worker refuses the next write and the copy is rebuilt from here.
   */
  prepareFromFile(path: string, seq: number, hash: string): void {
    if (this.synced) return;
    this.post({ type: 'load', path, seq, hash });
    this.synced = true;
  }

  /** Writes the current state to `path`; resolves once the file is durable in place. */
  write(path: string, stats: SnapshotStats): Promise<{ seq: number; ms: number }> {
    this.forward();
    stats.lastMainThreadMs = this.prepare();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'write', id, path });
      // Kept alive while a write is owed, so a script that awaits it is not ended under it.
      this.worker?.ref();
    });
  }

  /** Stops the worker; a write still in flight is refused (the caller waits for writes first). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.desync();
    if (worker) await worker.terminate();
    this.fail(new Error('the snapshot writer was closed'));
  }

  /** Sends the lines not sent yet. */
  private forward(): void {
    if (this.forwardTimer !== undefined) clearTimeout(this.forwardTimer);
    this.forwardTimer = undefined;
    if (this.unsent.length === 0) return;
    const lines = this.unsent.join('');
    this.unsent = [];
    this.unsentBytes = 0;
    this.post({ type: 'apply', lines });
  }

  /** The copy no longer follows the main state: drop what was waiting to be sent. */
  private desync(): void {
    this.synced = false;
    if (this.forwardTimer !== undefined) clearTimeout(this.forwardTimer);
    this.forwardTimer = undefined;
    this.unsent = [];
    this.unsentBytes = 0;
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
    if (this.waiting.size === 0) this.worker?.unref();
    if (reply.ok) waiting.resolve({ seq: reply.seq, ms: reply.ms });
    else {
      // The copy may have diverged (or never existed): rebuild it before the next write.
      this.desync();
      waiting.reject(new Error(reply.message));
    }
  }

  /** A worker that died takes its copy with it; the next write starts a new one. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.desync();
    this.fail(error);
  }

  private fail(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
