/**
 * Child of the start-up benchmark: opens the inventory in `argv[2]` once in this fresh process
 * (cold JIT, fresh heap, as a real start) and prints `{ openMs, historyMs, seq, heapMiB }`.
 * It closes without writing a snapshot so that every run sees the same files.
 */
import { openInventory } from '../inventory/fixtures/open-inventory';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: journal-open-once.ts <dataDir>');
const started = performance.now();
const { inventory } = await openInventory(dataDir, {
  snapshot: { everyEntries: Number.MAX_SAFE_INTEGER, everyMs: 3_600_000 },
});
const openMs = performance.now() - started;
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
const problems = await inventory.allProblems();
const historyMs = performance.now() - started;
// Skip the final snapshot: the benchmark reopens the same files several times.
(inventory as unknown as { snapshots: { flush(): void } }).snapshots.flush = () => undefined;
await inventory.close();
process.stdout.write(
  `${JSON.stringify({ openMs, historyMs, seq: inventory.seq, heapMiB, problems: problems.length })}\n`,
);
