import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractMatcher } from '../../electron/core/onboarding/contract-matcher';
import { inboxItems } from '../../electron/core/onboarding/inbox-view';
import {
  sha256Hex,
  storeFileText,
  type SnapshotEnvelope,
} from '../../electron/core/inventory/snapshot-envelope';
import type { Inventory } from '../../electron/core/inventory/inventory';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function folder(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

// Small segments and a small online bound, as a large fleet reaches with the defaults in a day.
const options = {
  journal: { maxSegmentBytes: 16 * 1024 },
  retention: () => ({ onlineDays: 30, maxOnlineBytes: 48 * 1024 }),
  snapshot: { everyEntries: 1_000_000, everyMs: 3_600_000 },
};

const STRANGER = 'SG1-STRANGER';
const NOTE = 'customer called: installer swaps the unit';
const PENDING = serialOf(99);

/**
 * A data folder where a serial that never onboarded (with a note on its card) and a pending
 * onboarding naming an unknown contract wait in the inbox while the rest of the fleet reports
 * health, until their entries are archived and leave the timeline index.
 */
async function waitingCardsArchivedAway() {
  const dataDir = folder();
  const { inventory } = await openInventory(dataDir, options);
  await inventory.commit([healthDraft(STRANGER, 10)]);
  await inventory.commit([{ type: 'note.added', at: 20, actor: 'Ann', serial: STRANGER, text: NOTE }]);
  await inventory.commit([onboardingDraft(PENDING, 30, { contractNumber: 'C-UNKNOWN' })]);
  const fleet = [1, 2, 3].map(serialOf);
  await inventory.commit(fleet.map((s, i) => onboardingDraft(s, i + 1)));
  for (let i = 0; i < 300; i += 1) {
    await inventory.commit(fleet.map((s) => healthDraft(s, 100 + i)));
    if (i % 50 === 0) await inventory.commit([healthDraft(STRANGER, 100 + i)]);
  }
  const before = await cards(inventory);
  await inventory.flushSnapshot();
  await inventory.archivingSettled();
  expect(inventory.archiveSummary().segments).toBeGreaterThan(0);
  // The archive took the cards' calls and the note out of the timelines.
  expect(await inventory.timeline(PENDING, { types: ['callback.onboarding'] })).toEqual([]);
  expect(await inventory.timeline(STRANGER, { types: ['note.added'] })).toEqual([]);
  return { dataDir, inventory, before };
}

async function cards(inventory: Inventory) {
  const items = await inboxItems(inventory, new ContractMatcher(inventory));
  return {
    stranger: items.find((i) => i.serial === STRANGER),
    pending: items.find((i) => i.serial === PENDING),
  };
}

describe('the inbox after the journal archived its older part', () => {
  it("keeps the operator's notes on a serial that never onboarded", async () => {
    const { inventory, before } = await waitingCardsArchivedAway();
    expect(before.stranger?.notes).toEqual([expect.objectContaining({ by: 'Ann', text: NOTE })]);
    const after = (await cards(inventory)).stranger;
    expect(after?.calls).toBe(before.stranger?.calls);
    expect(after?.notes).toEqual(before.stranger?.notes);
    expect(after?.lastBody).toMatchObject({ serialNumber: STRANGER });
    await inventory.close();
  });

  it('keeps the raw payload of a pending onboarding call on its card', async () => {
    const { inventory, before } = await waitingCardsArchivedAway();
    expect(before.pending?.lastBody).toMatchObject({ contractNumber: 'C-UNKNOWN' });
    const after = (await cards(inventory)).pending;
    expect(after).toMatchObject({ kind: 'onboarding', calls: 1, callsComplete: true });
    expect(after).toEqual(before.pending);
    await inventory.close();
  });

  it('shows the same cards after a restart', async () => {
    const { dataDir, inventory, before } = await waitingCardsArchivedAway();
    await inventory.close();
    const reopened = (await openInventory(dataDir, options)).inventory;
    expect(await cards(reopened)).toEqual(before);
    await reopened.close();
  });

  it('shows the same cards after a start from a snapshot an earlier build wrote', async () => {
    const { dataDir, inventory, before } = await waitingCardsArchivedAway();
    await inventory.close();
    // Rewrite the snapshot as an earlier build wrote it: same schema version, no `inboxHistory`.
    const path = join(dataDir, 'inventory.json');
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as SnapshotEnvelope;
    const { inboxHistory: dropped, ...older } = JSON.parse(envelope.payload) as Record<string, unknown>;
    expect(dropped).toBeDefined();
    const payload = JSON.stringify(older);
    writeFileSync(path, storeFileText({ ...envelope, payload, sha256: sha256Hex(payload) }));

    // Rebuilt from the journal, archive included, once: the snapshot written next holds it.
    const upgraded = (await openInventory(dataDir, options)).inventory;
    expect(upgraded.problems).toEqual([]);
    expect(await cards(upgraded)).toEqual(before);
    await upgraded.flushSnapshot();
    await upgraded.close();
    const rewritten = JSON.parse((JSON.parse(readFileSync(path, 'utf8')) as SnapshotEnvelope).payload) as {
      inboxHistory?: unknown[];
    };
    expect(rewritten.inboxHistory).toEqual(
      expect.arrayContaining([expect.objectContaining({ serial: PENDING })]),
    );
  });

  it('shows the same cards after a restore of a backup taken after archiving', async () => {
    const { inventory, before } = await waitingCardsArchivedAway();
    const file = join(folder(), 'backup.jsonl.gz');
    await inventory.backup(file);
    await inventory.commit([healthDraft(STRANGER, 5_000)]);
    const restored = (await openInventory(folder(), options)).inventory;
    await restored.restore(file, 'Ann');
    expect(await cards(restored)).toEqual(before);
    await restored.close();
    await inventory.close();
  });
});
