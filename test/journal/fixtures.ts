import type { AppendHandle, JournalIo } from '../../electron/core/journal/journal-io';
import { nodeJournalIo } from '../../electron/core/journal/journal-io';

/**
 * A JournalIo over the real disk that counts writes and fsyncs, can slow fsyncs down (so that
 * concurrent appends pile up), and records which sequence numbers each completed fsync covered.
 */
export function countingIo(options: { syncDelayMs?: number; failSyncAfter?: number } = {}) {
  const stats = { writes: 0, syncs: 0, syncedSeqs: new Set<number>() };
  let unsynced: number[] = [];
  const io: JournalIo = {
    syncDir: (dir) => nodeJournalIo.syncDir(dir),
    async openAppend(path) {
      const real = await nodeJournalIo.openAppend(path);
      const handle: AppendHandle = {
        async write(data) {
          stats.writes += 1;
          await real.write(data);
          for (const m of Buffer.from(data)
            .toString('utf8')
            .matchAll(/"seq":(\d+)/g))
            unsynced.push(Number(m[1]));
        },
        async sync() {
          if (options.failSyncAfter !== undefined && stats.syncs >= options.failSyncAfter)
            throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
          const covered = unsynced;
          unsynced = [];
          if (options.syncDelayMs) await new Promise((r) => setTimeout(r, options.syncDelayMs));
          await real.sync();
          stats.syncs += 1;
          for (const seq of covered) stats.syncedSeqs.add(seq);
        },
        truncate: (size) => real.truncate(size),
        close: () => real.close(),
      };
      return handle;
    },
  };
  return { io, stats };
}
