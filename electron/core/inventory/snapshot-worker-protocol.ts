/** Main thread → snapshot worker. Handled strictly in order, so a write covers every earlier `apply`. */
export type SnapshotWorkerRequest =
  /** Replace the worker's state: the snapshot document of the main thread's state, as JSON text. */
  | { type: 'reset'; snapshotJson: string }
  /**
   * Replace the worker's state with the snapshot file at `path`, which the main thread loaded and
   * found to be its whole state (entry `seq`, hash `hash`): nothing to serialise on the main thread.
   */
  | { type: 'load'; path: string; seq: number; hash: string }
  /**
   * Journal lines of entries the main thread applied (durable, in order), to apply the same way.
   * Lines rather than entry objects: a string is copied to the worker, an object tree is cloned.
   */
  | { type: 'apply'; lines: string }
  /** Write the state as the snapshot file at `path` (temp file, fsync, rename). */
  | { type: 'write'; id: number; path: string };

/** Snapshot worker → main thread: the outcome of one `write`. */
export type SnapshotWorkerReply =
  | { id: number; ok: true; seq: number; hash: string; ms: number; bytes: number }
  | { id: number; ok: false; message: string };
