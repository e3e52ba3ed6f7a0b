import type { DurableSegment } from '../journal/journal';

/** Main thread → snapshot worker. Handled strictly in order, so a write covers every earlier request. */
export type SnapshotWorkerRequest =
  /** Replace the worker's state: the snapshot document of the main thread's state, as JSON text. */
  | { type: 'reset'; snapshotJson: string }
  /**
   * Replace the worker's state with the snapshot file at `path`, which the main thread loaded and
   * found to be its whole state (entry `seq`, hash `hash`): nothing to serialise on the main thread.
   */
  | { type: 'load'; path: string; seq: number; hash: string }
  /**
   * Apply the durable journal entries `afterSeq`+1 … `toSeq` from the segment files (each read up to
   * its durable `size`): the main thread keeps no copy of them, the journal is on disk already.
   */
  | { type: 'replay'; segments: DurableSegment[]; afterSeq: number; toSeq: number }
  /** Write the state as the snapshot file at `path` (temp file, fsync, rename). */
  | { type: 'write'; id: number; path: string };

/** Snapshot worker → main thread: the outcome of one `write`. */
export type SnapshotWorkerReply =
  | {
      id: number;
      ok: true;
      seq: number;
      hash: string;
      ms: number;
      bytes: number;
      /** The thread ran at the OS's lowest priority (Linux; see thread-priority.ts). */
      background: boolean;
    }
  | { id: number; ok: false; message: string };
