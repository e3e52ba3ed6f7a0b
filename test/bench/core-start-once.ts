/**
 * Child of the start-up benchmark: starts a whole core on `argv[2]` once in this fresh process
 * (cold JIT, fresh heap, as a real start): createCore(...).start() to ready, with settings,
 * tokens, the inventory, services, control's restart recovery and the listener, as
 * test/support/core-harness.ts builds it. Prints `{ startMs, seq, recovered, openAfterRecovery,
 * journalScanMs, listenerUp }`. Start-up changes the data dir (recovery journals outcomes, stop
 * writes a snapshot), so the caller hands it a fresh copy each time.
 */
import { systemClock } from '../../electron/core/clock';
import { createCore } from '../../electron/core/create-core';
import { createLogger } from '../../electron/core/logger';
import { confStoreOpener } from '../../electron/host/conf-store';

const [dataDir, seqArg] = process.argv.slice(2);
if (!dataDir || !seqArg) throw new Error('usage: core-start-once.ts <dataDir> <seq of the last entry>');
const seqAtStart = Number(seqArg);
const core = createCore({
  dataDir,
  clock: systemClock,
  openStore: confStoreOpener(dataDir),
  log: createLogger(process.env['FLEETDESK_LOG_LEVEL'] ?? 'silent'),
  host: 'headless',
  version: '0.0.0-bench',
  listener: { host: '127.0.0.1', port: 0 },
});
const started = performance.now();
await core.start();
const startMs = performance.now() - started;
const { inventory } = core.services();
const listenerUp = core.info().listenerUrl !== '';
// For comparison: reading the whole journal, as start-up did before open commands were kept.
const scanStarted = performance.now();
const all = await inventory.journalSince(0);
const journalScanMs = performance.now() - scanStarted;
// What recovery ended was journaled after the entries that were there before the start.
const recovered = all.filter((e) => e.seq > seqAtStart && e.type === 'command.outcome').length;
const openAfterRecovery = inventory.openCommands().length;
await core.stop();
process.stdout.write(
  `${JSON.stringify({ startMs, seq: inventory.seq, recovered, openAfterRecovery, journalScanMs, listenerUp })}\n`,
);
