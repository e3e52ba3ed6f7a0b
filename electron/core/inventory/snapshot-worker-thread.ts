import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../threads/start-worker-thread';

/**
 * The worker's young generation, capped: it mostly holds one copy of the state while it writes, and
 * V8's default young space (grown to ~16-32 MB under load) only let its garbage pile up beside
 * the main thread's in the core's RSS (sustained-feedback benchmark).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Starts the snapshot worker thread (built as `dist-electron/snapshot-worker/index.cjs`). */
export function startSnapshotWorker(): Worker {
  return startWorkerThread({
    bundle: 'snapshot-worker',
    source: join(import.meta.dirname, 'snapshot-worker.ts'),
    resourceLimits: WORKER_LIMITS,
  });
}
