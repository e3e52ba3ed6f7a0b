import type * as Fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

/**
 * A second start that looks at the lock file at the worst moment: while the first start is
 * writing it. `rivalDuringWrite` runs once, inside the first write of anything in the folder.
 */
const hook = vi.hoisted(() => ({ rivalDuringWrite: undefined as (() => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const rivalFirst =
    <A extends unknown[], R>(write: (...args: A) => R) =>
    (...args: A): R => {
      const rival = hook.rivalDuringWrite;
      hook.rivalDuringWrite = undefined;
      rival?.();
      return write(...args);
    };
  return { ...fs, writeSync: rivalFirst(fs.writeSync), writeFileSync: rivalFirst(fs.writeFileSync) };
});

const { lockDataDir } = await import('../../electron/core/store/data-dir-lock');
const dataDir = tempDirsPerTest('fleetdesk-lock-');

describe('the data folder lock', () => {
  it('gives the folder to exactly one of two Fleetdesks starting at the same moment', () => {
    const dir = dataDir();
    const outcomes: string[] = [];
    const attempt = (who: string) => {
      try {
        lockDataDir(dir);
        outcomes.push(`${who} holds it`);
      } catch (error) {
        outcomes.push(`${who}: ${(error as Error).message}`);
      }
    };
    hook.rivalDuringWrite = () => attempt('second');
    attempt('first');
    expect(outcomes.filter((o) => o.endsWith('holds it'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('is already using'))).toHaveLength(1);
  });

  it('is free again once released, and refused while held', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(
      `Another Fleetdesk (process ${process.pid}) is already using ${dir}`,
    );
    release();
    lockDataDir(dir)();
  });
});
