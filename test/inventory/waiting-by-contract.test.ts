import { afterEach, describe, expect, it } from 'vitest';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { tempDir } from '../support/temp-dir';
import { linkDraft, offboardingDraft, onboardingDraft } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

type Inventory = Awaited<ReturnType<typeof openInventory>>['inventory'];

/** What the index must answer: the waiting installations that typed the number, found the slow way. */
const byScan = (inventory: Inventory, contractNumber: string) =>
  inventory
    .listInstallations()
    .filter((i) => i.onboarding.state === 'pending' && i.requestedContractNumber?.trim() === contractNumber)
    .map((i) => i.serial)
    .sort();

const indexed = (inventory: Inventory, contractNumber: string) =>
  inventory
    .waitingNaming(contractNumber)
    .map((i) => i.serial)
    .sort();

const NUMBERS = ['C-1', 'C-2'];
const answers = (inventory: Inventory) => NUMBERS.map((n) => indexed(inventory, n));

describe('Inventory.waitingNaming', () => {
  it('follows every change of a waiting controller, as a scan of the fleet finds it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { inventory } = await openInventory(dir.path);
    const step = async (draft: JournalDraft, expected: string[][]) => {
      await inventory.commit([draft]);
      expect(answers(inventory)).toEqual(expected);
      expect(answers(inventory)).toEqual(NUMBERS.map((n) => byScan(inventory, n)));
    };
    await inventory.commit([
      onboardingDraft('A', 1, { contractNumber: ' C-1 ' }),
      onboardingDraft('B', 2, { contractNumber: 'C-1' }),
      onboardingDraft('C', 3, { contractNumber: 'C-2' }),
    ]);
    // The first question builds the index; every later answer comes from keeping it in step.
    expect(answers(inventory)).toEqual([['A', 'B'], ['C']]);
    await step(linkDraft('A', 'C-1', 10), [['B'], ['C']]);
    await step(onboardingDraft('B', 11, { contractNumber: 'C-2' }), [[], ['B', 'C']]);
    await step(
      {
        type: 'inbox.rejected',
        at: 12,
        actor: 'Ann',
        serial: 'C',
        reason: 'not our customer',
      },
      [[], ['B']],
    );
    await step(offboardingDraft('B', 13), [[], []]);
    await step(
      {
        type: 'link.ended',
        at: 14,
        actor: 'Ann',
        serial: 'A',
        reason: 'wrong customer',
        source: { kind: 'operator', ref: 'op-14' },
      },
      [['A'], []],
    );
    await step(onboardingDraft('D', 15, { contractNumber: 'C-2' }), [['A'], ['D']]);
    await inventory.close();
    const again = await openInventory(dir.path);
    expect(answers(again.inventory)).toEqual([['A'], ['D']]);
    await again.inventory.close();
  });
});
