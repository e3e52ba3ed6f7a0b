/**
 * Open commands (created, not ended) are kept in the inventory state, so restart recovery (EC-3)
 * gets them from the snapshot + journal tail rather than a scan of the whole journal. They must
 * equal what a scan of the journal finds, along every path a state is built.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCommands } from '../../electron/core/control/restart-recovery';
import {
  sha256Hex,
  storeFileText,
  type SnapshotEnvelope,
} from '../../electron/core/inventory/snapshot-envelope';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { stamp } from './fixtures/stamp';
import {
  fromSnapshot,
  readSnapshot,
  stateFingerprint,
  toSnapshot,
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

const dataDir = tempDirsPerTest('fleetdesk-open-commands-');

const created = (commandId: string, serial: string, at: number, hold = true): JournalDraft =>
  commandCreatedDraft(commandId, serial, at, { hold });

const outcome = commandOutcomeDraft;

/** A history with commands in every state: in force, unsettled, ended, and an outcome for nothing. */
const history: JournalDraft[] = [
  onboardingDraft('S1', 1),
  onboardingDraft('S2', 2),
  created('held', 'S1', 10),
  created('stranded', 'S2', 11, false),
  created('rejected', 'S2', 12),
  outcome('held', 'S1', 13, 'confirmed'),
  outcome('rejected', 'S2', 14, 'rejected'),
  outcome('never-created', 'S2', 15, 'expired'),
  created('superseded', 'S1', 16),
  outcome('superseded', 'S1', 17, 'confirmed'),
  outcome('superseded', 'S1', 18, 'superseded'),
];

const ids = (open: Array<{ created: { commandId: string }; confirmedAt?: number | undefined }>) =>
  open.map((o) => [o.created.commandId, o.confirmedAt ?? null]);

describe('open commands in the inventory state', () => {
  it('keeps exactly the commands created and not ended, confirmed ones with their confirmation time', () => {
    const entries = stamp(history);
    const state = replay(entries);
    expect(ids([...state.openCommands.values()])).toEqual([
      ['held', 13],
      ['stranded', null],
    ]);
    // The same set restart recovery would find by reading the whole journal.
    expect([...state.openCommands.values()]).toEqual(openCommands(entries));
  });

  it('replaces a record on confirmation rather than changing one a caller already holds', () => {
    const entries = stamp(history);
    const before = replay(entries.slice(0, 4));
    const held = before.openCommands.get('held');
    const after = replay(entries.slice(4), before);
    expect(held?.confirmedAt).toBeUndefined();
    expect(after.openCommands.get('held')?.confirmedAt).toBe(13);
  });

  it('survives a snapshot round trip and a tail replay, equal to a full replay', () => {
    const entries = stamp(history);
    for (let cut = 0; cut <= entries.length; cut += 1) {
      const doc = JSON.parse(JSON.stringify(toSnapshot(replay(entries.slice(0, cut))))) as Record<
        string,
        unknown
      >;
      const read = readSnapshot(doc);
      if (!read.ok) throw new Error(read.reason);
      const resumed = replay(entries.slice(cut), fromSnapshot(read.snapshot));
      expect(stateFingerprint(resumed)).toBe(stateFingerprint(replay(entries)));
    }
  });

  it('refuses a snapshot whose open command is not a valid command.created entry', () => {
    const doc = JSON.parse(JSON.stringify(toSnapshot(replay(stamp(history))))) as {
      openCommands: Array<{ created: Record<string, unknown> }>;
    };
    doc.openCommands[0]!.created['type'] = 'command.outcome';
    expect(readSnapshot(doc as unknown as Record<string, unknown>).ok).toBe(false);
  });

  it('reopens with the same open commands, from a snapshot at the head and from one lagging behind', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    for (const draft of history.slice(0, 6)) await first.inventory.commit([draft]);
    await first.inventory.close(); // snapshot at the head
    const second = await openInventory(dir);
    expect(ids(second.inventory.openCommands())).toEqual([
      ['held', 13],
      ['stranded', null],
      ['rejected', null],
    ]);
    for (const draft of history.slice(6)) await second.inventory.commit([draft]);
    await second.inventory.commit([created('late', 'S2', 20)]);
    // No snapshot after these: the next open replays them from the journal.
    const journal = await second.inventory.journalSince(0);
    const expected = openCommands(journal);
    expect(second.inventory.openCommands()).toEqual(expected);
    const seqAtSnapshot = JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number };
    expect(seqAtSnapshot.seq).toBeLessThan(second.inventory.seq);
    // Simulate a kill: the snapshot stays behind, the journal is durable.
    const third = await openInventory(dir);
    expect(third.inventory.openCommands()).toEqual(expected);
    expect(ids(expected)).toEqual([
      ['held', 13],
      ['stranded', null],
      ['late', null],
    ]);
    await third.inventory.close();
    await second.inventory.close();
  });

  it('loads a snapshot written before open commands were kept, finds them in the journal, and rewrites it', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    for (const draft of history) await first.inventory.commit([draft]);
    await first.inventory.close();
    // Rewrite the snapshot as an older build wrote it: same schema version, no `openCommands`.
    const path = join(dir, 'inventory.json');
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as SnapshotEnvelope;
    const { openCommands: dropped, ...older } = JSON.parse(envelope.payload) as Record<string, unknown>;
    expect(dropped).toBeDefined();
    const payload = JSON.stringify(older);
    writeFileSync(path, storeFileText({ ...envelope, payload, sha256: sha256Hex(payload) }));

    const again = await openInventory(dir);
    expect(again.inventory.problems).toEqual([]);
    expect(again.inventory.seq).toBe(history.length);
    const fromJournal = openCommands(await again.inventory.journalSince(0));
    expect(again.inventory.openCommands()).toEqual(fromJournal);
    expect(ids(fromJournal)).toEqual([
      ['held', 13],
      ['stranded', null],
    ]);
    // Entries after the old snapshot still apply on top of what was found.
    await again.inventory.commit([healthDraft(serialOf(0), 30), outcome('stranded', 'S2', 31, 'expired')]);
    expect(ids(again.inventory.openCommands())).toEqual([['held', 13]]);
    await again.inventory.close();

    // The snapshot written since holds them, so the next start needs no journal scan.
    const rewritten = JSON.parse((JSON.parse(readFileSync(path, 'utf8')) as SnapshotEnvelope).payload) as {
      openCommands?: unknown[];
    };
    expect(rewritten.openCommands).toHaveLength(1);
    const last = await openInventory(dir);
    expect(ids(last.inventory.openCommands())).toEqual([['held', 13]]);
    await last.inventory.close();
  });
});
