import { afterEach } from 'vitest';
import { tempDir } from './temp-dir';

/**
 * Registers the cleanup of a test file's temp dirs and returns their maker: each call gives a
 * fresh directory, removed after the test that made it. (Not in temp-dir.ts: benchmarks use that
 * one outside Vitest.)
 */
export function tempDirsPerTest(prefix?: string): () => string {
  const made: Array<{ remove(): void }> = [];
  afterEach(() => made.splice(0).forEach((d) => d.remove()));
  return () => {
    const d = tempDir(prefix);
    made.push(d);
    return d.path;
  };
}
