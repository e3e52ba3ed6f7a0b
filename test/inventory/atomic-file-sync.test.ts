/**
 * Issue #4, durability ("recover from snapshot + journal after a crash"): the snapshot, the
 * journal archive and the restore marker are all put in place by replaceFileAtomically, which must
 * fsync the temp file before the rename and the directory after it. atomic-file.test.ts checks
 * only the bytes and the absence of temp files, and kill -9 tests cannot see a missing fsync (the
 * page cache survives a killed process), so all stay green with both syncs removed.
 */
import { open } from 'node:fs/promises';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../electron/core/inventory/atomic-file';
import { nodeJournalIo } from '../../electron/core/journal/journal-io';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

const dir = tempDirsPerTest('fleetdesk-atomic-sync-');
afterEach(() => vi.restoreAllMocks());

describe.runIf(process.platform === 'linux')('writing a file atomically', () => {
  it('fsyncs the new content before the rename and the directory after it', async () => {
    const d = dir();
    const target = join(d, 'snapshot.json');
    const probe = await open(join(d, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync(): Promise<void>; sync(): Promise<void> };
    await probe.close();
    const synced: string[] = [];
    for (const method of ['datasync', 'sync'] as const) {
      const real = proto[method];
      vi.spyOn(proto, method).mockImplementation(function (this: { fd: number }) {
        synced.push(readlinkSync(`/proc/self/fd/${this.fd}`));
        return real.call(this);
      });
    }
    const dirSyncs: string[] = [];
    const realSyncDir = nodeJournalIo.syncDir;
    vi.spyOn(nodeJournalIo, 'syncDir').mockImplementation(async (p) => {
      dirSyncs.push(p);
      return realSyncDir(p);
    });

    await writeFileAtomic(target, '{"seq":42}');

    expect(synced.some((p) => p.startsWith(`${target}.tmp-`))).toBe(true);
    expect(dirSyncs).toContain(d);
  });
});
