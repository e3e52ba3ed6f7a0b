import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { fromSnapshot, stateFingerprint } from '../../shared/domain/inventory/snapshot';
import { tempDir } from '../support/temp-dir';
import {
  contractsDraft,
  healthDraft,
  linkDraft,
  offboardingDraft,
  onboardingDraft,
  serialOf,
} from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dataDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

const fingerprint = (snapshot: Parameters<typeof fromSnapshot>[0]) =>
  stateFingerprint(fromSnapshot(snapshot));

/** 30 installations onboarded, contracts imported, some linked, some health. */
async function populate(
  inventory: Awaited<ReturnType<typeof openInventory>>['inventory'],
  from = 0,
  count = 30,
) {
  await inventory.commit([contractsDraft(10, 1)]);
  await Promise.all(
    Array.from({ length: count }, (_, i) => inventory.commit([onboardingDraft(serialOf(from + i), 10 + i)])),
  );
  await inventory.commit([
    linkDraft(serialOf(from + 1), 'C-00001', 100),
    linkDraft(serialOf(from + 2), 'C-00001', 101),
  ]);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      inventory.commit([healthDraft(serialOf(from + i), 200 + i, i % 3 ? 'ok' : 'error')]),
    ),
  );
}

describe('Inventory', () => {
  it('answers queries after durable commits and tells about each commit', async () => {
    const seen: number[] = [];
    const { inventory } = await openInventory(dataDir(), {
      onCommitted: (entries) => seen.push(...entries.map((e) => e.seq)),
    });
    await populate(inventory);
    expect(inventory.listInstallations()).toHaveLength(30);
    expect(inventory.getInstallation(serialOf(0))?.health.status).toBe('error');
    expect(inventory.activeLink(serialOf(1))?.contractNumber).toBe('C-00001');
    expect(
      inventory
        .linksForContract('C-00001')
        .map((l) => l.serial)
        .sort(),
    ).toEqual([serialOf(1), serialOf(2)]);
    expect(inventory.listContracts()).toHaveLength(10);
    expect((await inventory.timeline(serialOf(1))).map((e) => e.type)).toEqual([
      'callback.onboarding',
      'link.created',
      'callback.health',
    ]);
    expect(seen).toEqual(Array.from({ length: inventory.seq }, (_, i) => i + 1));
    await inventory.close();
  });

  it('tells a repeated event from the delivery that first recorded it, also within one commit', async () => {
    const { inventory } = await openInventory(dataDir());
    await inventory.commit([onboardingDraft('SG1-1', 1)]);
    const [first, againAtOnce] = await Promise.all([
      inventory.commit([healthDraft('SG1-1', 2, 'ok', 'health:SG1-1:e1')]),
      inventory.commit([healthDraft('SG1-1', 3, 'error', 'health:SG1-1:e1')]),
    ]);
    const [later] = await inventory.commit([healthDraft('SG1-1', 4, 'error', 'health:SG1-1:e1')]);
    const [unkeyed] = await inventory.commit([healthDraft('SG1-1', 5)]);
    expect([first?.[0], againAtOnce?.[0], later, unkeyed].map((e) => e && inventory.isRepeat(e))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    // The repeats were journaled, without effect: the health is the first delivery's, then the unkeyed one's.
    expect(inventory.getInstallation('SG1-1')?.lastSeen.health).toBe(5);
    await inventory.close();
  });

  it('keeps the links per contract in step with every link change, as a fresh open builds them', async () => {
    const dir = dataDir();
    const { inventory } = await openInventory(dir);
    await populate(inventory);
    const serialsOf = (inv: typeof inventory, n: string) =>
      inv
        .linksForContract(n)
        .map((l) => l.serial)
        .sort();
    expect(serialsOf(inventory, 'C-00001')).toEqual([serialOf(1), serialOf(2)]);
    // Moved to another contract, ended by the operator, ended by an offboarding, and a new link.
    await inventory.commit([linkDraft(serialOf(1), 'C-00002', 300)]);
    await inventory.commit([
      {
        type: 'link.ended',
        at: 301,
        actor: 'Ann',
        serial: serialOf(2),
        reason: 'moved house',
        source: { kind: 'operator', ref: 'op-301' },
      },
    ]);
    await inventory.commit([linkDraft(serialOf(3), 'C-00002', 302)]);
    await inventory.commit([offboardingDraft(serialOf(3), 303)]);
    await inventory.commit([linkDraft(serialOf(4), 'C-00001', 304)]);
    const live = ['C-00001', 'C-00002', 'C-00003'].map((n) => serialsOf(inventory, n));
    expect(live).toEqual([[serialOf(4)], [serialOf(1)], []]);
    await inventory.close();
    const again = await openInventory(dir);
    expect(['C-00001', 'C-00002', 'C-00003'].map((n) => serialsOf(again.inventory, n))).toEqual(live);
    await again.inventory.close();
  });

  it('refuses an invalid draft without recording anything', async () => {
    const { inventory } = await openInventory(dataDir());
    const bad = { ...healthDraft('S', 1), serial: '' };
    await expect(inventory.commit([bad])).rejects.toThrow();
    expect(inventory.seq).toBe(0);
    await inventory.close();
  });

  it('recovers from snapshot + later journal entries to the same state as a full replay', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await populate(first.inventory, 0, 20);
    await first.inventory.flushSnapshot();
    const snapshotSeq = first.inventory.seq;
    await populate(first.inventory, 100, 5);
    const live = first.inventory.snapshot();
    // Simulate a crash: no close(), so no final snapshot; the journal holds everything.
    await first.inventory.journalSince(0);
    const snapshotOnDisk = JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number };
    expect(snapshotOnDisk.seq).toBe(snapshotSeq);
    const again = await openInventory(dir);
    expect(fingerprint(again.inventory.snapshot())).toBe(fingerprint(live));
    expect(stateFingerprint(replay(await again.inventory.journalSince(0)))).toBe(fingerprint(live));
    expect(again.inventory.problems).toEqual([]);
    await again.inventory.close();
    await first.inventory.close();
  });

  it('quarantines a corrupt snapshot, rebuilds from the journal, and tells the operator', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await populate(first.inventory);
    const live = first.inventory.snapshot();
    await first.inventory.close();
    writeFileSync(join(dir, 'inventory.json'), '{"schemaVersion":1,"seq":4');
    const again = await openInventory(dir);
    expect(fingerprint(again.inventory.snapshot())).toBe(fingerprint(live));
    const moved = readdirSync(dir).filter((f) => /^inventory\.corrupt-.*\.json$/.test(f));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(dir, moved[0] ?? ''), 'utf8')).toBe('{"schemaVersion":1,"seq":4');
    expect(again.inventory.problems.map((p) => p.kind)).toEqual(['snapshot-unreadable']);
    expect(again.notices.list()).toHaveLength(1);
    await again.inventory.close();
    expect((JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number }).seq).toBe(
      live.seq,
    );
  });

  it.each([['null'], ['[]'], ['"inventory"']])(
    'quarantines a snapshot file holding %s (JSON, not an object) and rebuilds from the journal',
    async (content) => {
      const dir = dataDir();
      const first = await openInventory(dir);
      await populate(first.inventory);
      const live = first.inventory.snapshot();
      await first.inventory.close();
      writeFileSync(join(dir, 'inventory.json'), content);
      const again = await openInventory(dir);
      expect(fingerprint(again.inventory.snapshot())).toBe(fingerprint(live));
      const moved = readdirSync(dir).filter((f) => /^inventory\.corrupt-.*\.json$/.test(f));
      expect(moved.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual([content]);
      expect(again.inventory.problems.map((p) => p.kind)).toEqual(['snapshot-unreadable']);
      await again.inventory.close();
    },
  );

  type Payload = Record<string, unknown>;
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  it.each<[string, (payload: Payload) => Payload, boolean]>([
    ['fails the schema', (p) => ({ ...p, installations: [{ serial: 42 }] }), true],
    ['disagrees with the journal', (p) => ({ ...p, hash: 'f'.repeat(64) }), true],
    ['fails its checksum', (p) => ({ ...p, contracts: [] }), false],
  ])('quarantines a snapshot that %s and rebuilds from the journal', async (_name, spoil, fixChecksum) => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await populate(first.inventory);
    const live = first.inventory.snapshot();
    await first.inventory.close();
    const doc = JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as {
      payload: string;
      sha256: string;
    };
    const payload = JSON.stringify(spoil(JSON.parse(doc.payload) as Payload));
    writeFileSync(
      join(dir, 'inventory.json'),
      JSON.stringify({ ...doc, payload, sha256: fixChecksum ? sha(payload) : doc.sha256 }),
    );
    const again = await openInventory(dir);
    expect(fingerprint(again.inventory.snapshot())).toBe(fingerprint(live));
    expect(readdirSync(dir).filter((f) => f.startsWith('inventory.corrupt-'))).toHaveLength(1);
    expect(again.inventory.problems).toHaveLength(1);
    await again.inventory.close();
  });

  it('writes the snapshot behind on its policy and leaves no timer after close', async () => {
    const dir = dataDir();
    const { inventory, clock } = await openInventory(dir, {
      snapshot: { everyEntries: 25, everyMs: 60_000 },
    });
    await populate(inventory);
    // The write runs in a worker thread: wait for it rather than for a fixed time.
    await vi.waitFor(() => expect(inventory.snapshotStats.writes).toBeGreaterThan(0), { timeout: 20_000 });
    await inventory.commit([healthDraft(serialOf(0), 999)]);
    expect(clock.live()).toBe(1); // the timed write for the entry since the last one
    await inventory.close();
    expect(clock.live()).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')) as { seq: number }).seq).toBe(
      inventory.seq,
    );
    await expect(inventory.commit([healthDraft('S', 1)])).rejects.toThrow(/closed/);
  });

  it('starts from the journal alone when the snapshot file is gone', async () => {
    const dir = dataDir();
    const first = await openInventory(dir);
    await populate(first.inventory);
    const live = first.inventory.snapshot();
    await first.inventory.close();
    writeFileSync(join(dir, 'inventory.json'), '{}');
    const again = await openInventory(dir);
    expect(fingerprint(again.inventory.snapshot())).toBe(fingerprint(live));
    expect(again.inventory.problems).toEqual([]);
    await again.inventory.close();
    expect(existsSync(join(dir, 'journal', '000001.jsonl'))).toBe(true);
  });

  it('tells the operator about damage the background check finds in older journal segments', async () => {
    const dir = dataDir();
    const small = { journal: { maxSegmentBytes: 4_000 } };
    const first = await openInventory(dir, small);
    await populate(first.inventory);
    await first.inventory.close();
    const oldest = join(dir, 'journal', '000001.jsonl');
    const lines = readFileSync(oldest, 'utf8').split('\n');
    lines[0] = (lines[0] ?? '').replace('"actor":"Ann"', '"actor":"Eve"');
    writeFileSync(oldest, lines.join('\n'));
    const again = await openInventory(dir, small);
    expect(again.inventory.problems).toEqual([]); // start-up did not wait for the old segments
    expect((await again.inventory.allProblems()).map((p) => [p.kind, p.severity])).toEqual([
      ['hash-mismatch', 'error'],
    ]);
    expect(again.notices.list()[0]?.detail).toContain('000001.jsonl line 1');
    await again.inventory.close();
  });
});
