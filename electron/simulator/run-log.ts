import { createWriteStream, type WriteStream } from 'node:fs';
import type { RecordSink, RunRecord } from './run-record';

/** The run log: records go to in-process subscribers and, when a file is given, to JSONL. */
export interface RunLog {
  record: RecordSink;
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(fn: RecordSink): () => void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Creates the run log. The file is opened for append, and each run starts with a `run-started` line, so
 * reusing a file never destroys an earlier run's evidence.
 */
export function createRunLog(file?: string): RunLog {
  const subscribers = new Set<RecordSink>();
  let stream: WriteStream | undefined =
    file === undefined ? undefined : createWriteStream(file, { flags: 'a' });
  let failure: Error | undefined;
  stream?.on('error', (error) => {
    // Keep simulating if the disk fails; the error surfaces on close().
    failure = error;
    stream = undefined;
  });
  return {
    record(r: RunRecord) {
      stream?.write(`${JSON.stringify(r)}\n`);
      for (const fn of subscribers) fn(r);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    close() {
      const s = stream;
      stream = undefined;
      subscribers.clear();
      return new Promise((resolve, reject) => {
        const done = (): void => (failure === undefined ? resolve() : reject(failure));
        if (s === undefined) done();
        else s.end(done);
      });
    },
  };
}
