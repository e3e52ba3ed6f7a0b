/**
 * Entry of the snapshot worker thread. For one write it builds its own copy of the inventory state
 * (the last snapshot file plus the journal lines since, applied with the same pure `applyEntry`
 * the main thread runs, or the main thread's state itself) and writes the snapshot file from it,
 * so serialising and writing ~9 MB never blocks the main event loop. The main thread ends the
 * thread after the write (snapshot-writer.ts), which gives its memory back.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../thread-priority';
import { applyEntry } from '../../../shared/domain/inventory/apply-entry';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { fromSnapshot, type InventorySnapshot } from '../../../shared/domain/inventory/snapshot';
import type { InventoryState } from '../../../shared/domain/inventory/state';
import { writeFileAtomic } from './atomic-file';
import {
  sha256Hex,
  SNAPSHOT_FORMAT,
  snapshotEnvelope,
  storeFileText,
  type SnapshotEnvelope,
} from './snapshot-envelope';
import type { SnapshotWorkerReply, SnapshotWorkerRequest } from './snapshot-worker-protocol';

const port = parentPort;
if (!port) throw new Error('snapshot-worker.ts runs only as a worker thread');
/** Whether this thread runs at the lowest priority, so it takes only CPU the main thread leaves over. */
const background = lowerThisThreadPriority();

let state: InventoryState | undefined;
/** Set when applying an entry failed: the copy may differ from the main thread's, so it writes nothing. */
let broken: string | undefined;

const reply = (message: SnapshotWorkerReply) => port.postMessage(message);

/** The state of a snapshot file the main thread vouched for; refuses one that is not that file any more. */
function loadFile(request: { path: string; seq: number; hash: string }): InventoryState {
  const envelope = JSON.parse(readFileSync(request.path, 'utf8')) as Partial<SnapshotEnvelope>;
  const { format, seq, hash, sha256, payload } = envelope;
  if (format !== SNAPSHOT_FORMAT || typeof payload !== 'string' || sha256Hex(payload) !== sha256)
    throw new Error('not an intact inventory snapshot');
  if (seq !== request.seq || hash !== request.hash)
    throw new Error(`it holds entry ${String(seq)}, not entry ${request.seq}`);
  return fromSnapshot(JSON.parse(payload) as InventorySnapshot);
}

/**
 * Applies entries `afterSeq`+1 … `toSeq` from the journal's segment files, in order. One line per
 * entry, so the lines before `afterSeq` are skipped without parsing; every applied entry must be
 * the next number, or the replay fails (the main thread then hands over its state instead).
 */
function replay(into: InventoryState, r: Extract<SnapshotWorkerRequest, { type: 'replay' }>): void {
  let next = r.afterSeq + 1;
  for (const segment of r.segments) {
    if (next > r.toSeq) break;
    const lines = readFileSync(segment.path).subarray(0, segment.size).toString('utf8').split('\n');
    // Where `next` should be if every line of the segment is one entry in order; should it not be
    // (a line left out as damaged), the segment is read from its start instead.
    let i = Math.max(0, next - segment.firstSeq);
    let skipped = i > 0;
    for (; i < lines.length && next <= r.toSeq; i += 1) {
      const line = lines[i];
      if (line === undefined || line === '') continue;
      const entry = JSON.parse(line) as JournalEntry;
      if (entry.seq < next) continue;
      if (entry.seq > next && skipped) {
        skipped = false;
        i = -1;
        continue;
      }
      if (entry.seq !== next) throw new Error(`journal entry ${next} not found in ${segment.path}`);
      applyEntry(into, entry);
      next += 1;
    }
  }
  if (next !== r.toSeq + 1) throw new Error(`journal entries ${next}-${r.toSeq} could not be read`);
}

port.on('message', (request: SnapshotWorkerRequest) => {
  switch (request.type) {
    case 'reset':
      // The document comes from the main thread's own state, already validated when it was built.
      state = fromSnapshot(JSON.parse(request.snapshotJson) as InventorySnapshot);
      broken = undefined;
      return;
    case 'load':
      try {
        state = loadFile(request);
        broken = undefined;
      } catch (error) {
        state = undefined;
        broken = `the snapshot file could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      }
      return;
    case 'replay':
      if (!state || broken) return;
      try {
        replay(state, request);
      } catch (error) {
        broken = error instanceof Error ? error.message : String(error);
      }
      return;
    case 'write': {
      const { id, path } = request;
      if (!state || broken) {
        reply({ id, ok: false, message: broken ?? 'the snapshot worker has no state yet' });
        return;
      }
      const started = performance.now();
      // Built synchronously: entries that arrive while the file is written are not in this one.
      const envelope = snapshotEnvelope(state);
      const text = storeFileText(envelope);
      writeFileAtomic(path, text).then(
        () =>
          reply({
            id,
            ok: true,
            seq: envelope.seq,
            hash: envelope.hash,
            ms: performance.now() - started,
            bytes: Buffer.byteLength(text),
            background,
          }),
        (error: unknown) =>
          reply({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
});
