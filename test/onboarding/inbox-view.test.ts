import { afterEach, describe, expect, it } from 'vitest';
import { ContractMatcher } from '../../electron/core/onboarding/contract-matcher';
import { inboxItems } from '../../electron/core/onboarding/inbox-view';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const SMALL_SEGMENTS = { maxSegmentBytes: 8 * 1024 };
const PENDING = 'SG1-PENDING';

/** A controller that onboarded long ago and again just now, with plenty of other calls between. */
async function journalWithOldAndNewCalls(dataDir: string) {
  const { inventory } = await openInventory(dataDir, { journal: SMALL_SEGMENTS });
  await inventory.commit([onboardingDraft(PENDING, 1_000)]);
  for (let i = 0; i < 60; i += 1) await inventory.commit([healthDraft(serialOf(i % 4), 2_000 + i)]);
  await inventory.commit([onboardingDraft(PENDING, 9_000)]);
  await inventory.flushSnapshot();
  await inventory.close();
}

describe('the onboarding inbox right after a start', () => {
  it('shows what is indexed at once, says the count is incomplete, and is whole once indexing is done', async () => {
    const d = tempDir();
    dirs.push(d);
    await journalWithOldAndNewCalls(d.path);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { inventory } = await openInventory(d.path, { journal: { ...SMALL_SEGMENTS, historyAfter: gate } });
    const matcher = new ContractMatcher(inventory);

    // The health calls come from serials that never onboarded: they wait in the inbox too.
    const onboarding = async () =>
      (await inboxItems(inventory, matcher)).filter((i) => i.kind === 'onboarding');
    const early = await onboarding();
    expect(early).toEqual([
      expect.objectContaining({
        serial: PENDING,
        kind: 'onboarding',
        calls: 1,
        callsComplete: false,
        lastAt: 9_000,
      }),
    ]);
    // The first call is in an older segment, not indexed yet: "first" is when it was first seen.
    expect(early[0]?.firstAt).toBe(1_000);
    expect(early[0]?.lastBody).toMatchObject({ serialNumber: PENDING });

    release();
    await inventory.allProblems(); // resolves once the older segments are indexed
    expect(await onboarding()).toEqual([
      expect.objectContaining({
        serial: PENDING,
        calls: 2,
        callsComplete: true,
        firstAt: 1_000,
        lastAt: 9_000,
      }),
    ]);
    await inventory.close();
  });
});
