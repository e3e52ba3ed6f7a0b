import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** An open segment file that only grows (or is cut back after a failed write). */
export interface AppendHandle {
  /** Appends all of `data` at the end of the file. */
  write(data: Uint8Array): Promise<void>;
  /** Makes everything written so far durable (fdatasync). */
  sync(): Promise<void>;
  /**
   * True when each `write` is already durable when it resolves (the file is open with O_DSYNC),
   * so no `sync` is needed after it.
   */
  readonly writesAreDurable?: boolean;
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The journal's write path to the disk, injected so tests can count and delay fsyncs or make
 * them fail. Reading during recovery goes straight to node:fs; only writing needs the seam.
 */
export interface JournalIo {
  /** Opens `path` for appending, creating it when missing. */
  openAppend(path: string): Promise<AppendHandle>;
  /** Makes a directory entry durable (a new segment's name), where the platform allows it. */
  syncDir(dir: string): Promise<void>;
}

/**
 * Append, create, and where the platform has it O_DSYNC: each write returns once its data is on
 * the disk, the same guarantee as write + fdatasync, in one trip to libuv's thread pool instead of
 * two. Under load every trip is a main-thread wake-up and a wait; Windows has no O_DSYNC and
 * falls back to write + fdatasync.
 */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
const DSYNC = (constants as { O_DSYNC?: number }).O_DSYNC;

/** The real disk. */
export const nodeJournalIo: JournalIo = {
  async openAppend(path) {
    const handle = await open(path, DSYNC === undefined ? 'a' : APPEND_FLAGS | DSYNC, 0o666);
    return {
      writesAreDurable: DSYNC !== undefined,
      async write(data) {
        for (let done = 0; done < data.length;) {
          const { bytesWritten } = await handle.write(data, done, data.length - done);
          done += bytesWritten;
        }
      },
      sync: () => handle.datasync(),
      truncate: (size) => handle.truncate(size),
      close: () => handle.close(),
    };
  },
  async syncDir(dir) {
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // Windows cannot open or fsync a directory; NTFS journals the rename itself.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
    }
  },
};
