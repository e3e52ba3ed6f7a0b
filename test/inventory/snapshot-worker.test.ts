import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { replay } from '../../shared/domain/inventory/apply-entry';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import {
  fromSnapshot,
  stateFingerprint,
  type InventorySnapshot,
} from '../../shared/domain/inventory/snapshot';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';
import {
  commandCreatedDraft,
  commandOutcomeDraft,
  healthDraft,
  onboardingDraft,
  serialOf,
} from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dataDir = tempDirsPerTest('fleetdesk-snapshot-worker-');

const commandCreated = commandCreatedDraft;
const commandConfirmed = (commandId: string, serial: string, at: number): JournalDraft =>
  commandOutcomeDraft(commandId, serial, at, 'confirmed', 'response code 0');

type Inv = Awaited<ReturnType<typeof openInventory>>['inventory'];

/** The snapshot document on disk, as the Store port reads it. */
const onDisk = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number; payload: string };

/**
 * Writes a snapshot that starts from the last one (this thread serialises nothing) and checks the
 * file holds exactly the inventory's state.
 */
async function expectRoutineWriteOfState(dir: string, inventory: Inv) {
  await inventory.flushSnapshot();
  expect(inventory.snapshotStats.lastMainThreadMs).toBe(0);
  const written = onDisk(dir);
  expect(written.seq).toBe(inventory.seq);
  expect(stateFingerprint(fromSnapshot(JSON.parse(written.payload)))).toBe(
    stateFingerprint(fromSnapshot(inventory.snapshot())),
  );
}

/** 1,200 installations: enough that the worker is handed the state at open. */
async function bigFleet(inventory: Inv) {
  await Promise.all(
    Array.from({ length: 1200 }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), 10 + i)])),
  );
}

describe('snapshot worker', () => {
  it('takes a clean snapshot from the file itself after a restart, and writes what the main thread holds', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await bigFleet(first.inventory);
    await first.inventory.close(); // a clean shutdown: the snapshot is at the head
    expect(onDisk(dir).seq).toBe(first.inventory.seq);

    const again = await openInventory(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => again.inventory.commit([healthDraft(serialOf(i), 5000 + i)])),
    );
    // Commands open and end in the worker's copy too (restart recovery reads them from the snapshot).
    await again.inventory.commit([
      commandCreated('c1', serialOf(1), 6000),
      commandCreated('c2', serialOf(2), 6001),
    ]);
    await again.inventory.commit([commandConfirmed('c1', serialOf(1), 6002)]);
    await again.inventory.flushSnapshot();
    // The worker read the file: the main thread serialised nothing for this write.
    expect(again.inventory.snapshotStats.lastMainThreadMs).toBe(0);
    const written = onDisk(dir);
    expect(written.seq).toBe(again.inventory.seq);
    const live = stateFingerprint(fromSnapshot(again.inventory.snapshot()));
    expect(stateFingerprint(fromSnapshot(JSON.parse(written.payload)))).toBe(live);
    expect(stateFingerprint(replay(await again.inventory.journalSince(0)))).toBe(live);
    const openInFile = (JSON.parse(written.payload) as InventorySnapshot).openCommands ?? [];
    expect(openInFile.map((o) => [o.created.commandId, o.confirmedAt ?? null])).toEqual([
      ['c1', 6002],
      ['c2', null],
    ]);
    await again.inventory.close();
  });

  it("writes a new data folder's first snapshot from the journal alone: this thread serialises nothing", async () => {
    const dir = dataDir();
    const { inventory } = await openInventory(dir);
    await bigFleet(inventory);
    await inventory.commit([commandCreated('c1', serialOf(3), 7000)]);
    await expectRoutineWriteOfState(dir, inventory);
    const openInFile = (JSON.parse(onDisk(dir).payload) as InventorySnapshot).openCommands ?? [];
    expect(openInFile.map((o) => o.created.commandId)).toEqual(['c1']);
    await inventory.close();
  });

  it('after a crash, starts the first write from the snapshot the open loaded and the entries replayed since', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await bigFleet(first.inventory);
    await first.inventory.flushSnapshot();
    const snapshotSeq = onDisk(dir).seq;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => first.inventory.commit([healthDraft(serialOf(i), 8000 + i)])),
    );
    // No close(): the snapshot on disk lags the journal by 40 entries, as after a kill.
    const again = await openInventory(dir);
    expect(again.inventory.seq).toBe(snapshotSeq + 40);
    await again.inventory.commit([healthDraft(serialOf(1), 9000)]);
    await expectRoutineWriteOfState(dir, again.inventory);
    await again.inventory.close();
    await first.inventory.close();
    const reopened = await openInventory(dir);
    expect(reopened.inventory.problems).toEqual([]);
    expect(stateFingerprint(fromSnapshot(reopened.inventory.snapshot()))).toBe(
      stateFingerprint(fromSnapshot(again.inventory.snapshot())),
    );
    await reopened.inventory.close();
  });

  it('rebuilds the copy from the main thread when the file changed under it, losing nothing', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await bigFleet(first.inventory);
    await first.inventory.close();
    const again = await openInventory(dir);
    // Spoil the file after the open read it: the worker must refuse it, not write from it.
    writeFileSync(join(dir, 'inventory.json'), '{"format":"fleetdesk-inventory-snapshot","seq":1}');
    await again.inventory.commit([healthDraft(serialOf(1), 9000)]);
    await again.inventory.flushSnapshot(); // refused by the worker; logged, retried later
    await again.inventory.flushSnapshot();
    await again.inventory.commit([healthDraft(serialOf(2), 9001)]);
    await again.inventory.close();
    expect(onDisk(dir).seq).toBe(again.inventory.seq);
    const reopened = await openInventory(dir);
    expect(reopened.inventory.problems).toEqual([]);
    expect(stateFingerprint(fromSnapshot(reopened.inventory.snapshot()))).toBe(
      stateFingerprint(fromSnapshot(again.inventory.snapshot())),
    );
    await reopened.inventory.close();
  });

  it('keeps what is committed while a write is in flight for the next write, which starts from the file', async () => {
    const dir = dataDir();
    const { inventory } = await openInventory(dir);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), i)])),
    );
    // The first write (no file yet) replays the journal in the worker; these commits land while it runs.
    const first = inventory.flushSnapshot();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inventory.commit([healthDraft(serialOf(i % 10), 100 + i)])),
    );
    await first;
    await expectRoutineWriteOfState(dir, inventory);
    await inventory.close();
  });

  it('runs the worker thread only while a write is owed, so its copy of the state is not kept', async () => {
    const dir = dataDir();
    const { inventory } = await openInventory(dir);
    await bigFleet(inventory);
    expect(inventory.snapshotThreadRunning).toBe(false);
    const writing = inventory.flushSnapshot();
    await vi.waitFor(() => expect(inventory.snapshotThreadRunning).toBe(true), { interval: 1 });
    await writing;
    expect(inventory.snapshotThreadRunning).toBe(false);
    await inventory.commit([healthDraft(serialOf(1), 9000)]);
    await inventory.flushSnapshot();
    expect(inventory.snapshotThreadRunning).toBe(false);
    expect(onDisk(dir).seq).toBe(inventory.seq);
    await inventory.close();
  });

  it('writes from a thread at the lowest OS priority on Linux, leaving the process and this thread as they were', async () => {
    const thisThread =
      process.platform === 'linux' ? Number(readlinkSync('/proc/thread-self').split('/').pop()) : 0;
    const before = { process: getPriority(process.pid), thread: getPriority(thisThread) };
    const dir = dataDir();
    const { inventory } = await openInventory(dir);
    await bigFleet(inventory);
    await inventory.flushSnapshot();
    // Linux has per-thread priorities; elsewhere Node cannot lower one thread alone and must not lower the app.
    expect(inventory.snapshotStats.lastBackground).toBe(process.platform === 'linux');
    expect({ process: getPriority(process.pid), thread: getPriority(thisThread) }).toEqual(before);
    await inventory.close();
  });

  it('replays the entries since the last snapshot from the journal files, across segments', async () => {
    const dir = dataDir();
    // Small segments: the entries between two writes span many files.
    const { inventory } = await openInventory(dir, { journal: { maxSegmentBytes: 4096 } });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), i)])),
    );
    await inventory.flushSnapshot();
    for (let i = 0; i < 60; i += 1) await inventory.commit([healthDraft(serialOf(i % 20), 1000 + i)]);
    expect(readdirSync(join(dir, 'journal')).length).toBeGreaterThan(3);
    await expectRoutineWriteOfState(dir, inventory);
    await inventory.close();
  });
});
