import { afterEach, describe, expect, it } from 'vitest';
import { ContractMatcher } from '../../electron/core/onboarding/contract-matcher';
import { inboxItems } from '../../electron/core/onboarding/inbox-view';
import {
  openWithHeldHistory,
  RECALLED,
  STRANGER,
  withOldAndNewCalls,
} from '../inventory/fixtures/held-history';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the onboarding inbox right after a start', () => {
  it('shows what is indexed at once, says the count is incomplete, and is whole once indexing is done', async () => {
    const d = tempDir();
    dirs.push(d);
    await withOldAndNewCalls(d.path);
    const { inventory, release } = await openWithHeldHistory(d.path);
    const matcher = new ContractMatcher(inventory);
    // The health calls come from serials that never onboarded: they wait in the inbox too.
    const onboarding = async () =>
      (await inboxItems(inventory, matcher)).filter((i) => i.kind === 'onboarding');

    const early = await onboarding();
    expect(early).toEqual([
      expect.objectContaining({
        serial: RECALLED,
        kind: 'onboarding',
        calls: 1,
        callsComplete: false,
        lastAt: 9_000,
      }),
    ]);
    // The first call is in an older segment, not indexed yet: "first" is when it was first seen.
    expect(early[0]?.firstAt).toBe(1_000);
    expect(early[0]?.lastBody).toMatchObject({ serialNumber: RECALLED });

    // A serial that never onboarded: its count and times are known, its last body not yet.
    const stranger = async () => (await inboxItems(inventory, matcher)).find((i) => i.serial === STRANGER);
    expect(await stranger()).toMatchObject({
      calls: 1,
      firstAt: 1_500,
      callsComplete: false,
      lastBody: null,
    });

    release();
    await inventory.allProblems(); // resolves once the older segments are indexed
    expect(await stranger()).toMatchObject({
      calls: 1,
      callsComplete: true,
      lastBody: expect.objectContaining({ serialNumber: STRANGER }),
    });
    expect(await onboarding()).toEqual([
      expect.objectContaining({
        serial: RECALLED,
        calls: 2,
        callsComplete: true,
        firstAt: 1_000,
        lastAt: 9_000,
      }),
    ]);
    await inventory.close();
  });
});
