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
  it('shows whole counts, first calls and last bodies at once, before the older journal is indexed', async () => {
    const d = tempDir();
    dirs.push(d);
    await withOldAndNewCalls(d.path);
    const { inventory, release } = await openWithHeldHistory(d.path);
    const matcher = new ContractMatcher(inventory);
    const card = async (serial: string) =>
      (await inboxItems(inventory, matcher)).find((i) => i.serial === serial);

    // The first onboarding call is in an older segment, not indexed yet: the state knows it anyway.
    const recalled = {
      kind: 'onboarding',
      calls: 2,
      callsComplete: true,
      firstAt: 1_000,
      lastAt: 9_000,
      lastBody: expect.objectContaining({ serialNumber: RECALLED }),
    };
    expect(await card(RECALLED)).toMatchObject(recalled);
    // A serial that never onboarded: its only call is in an older segment too.
    const stranger = {
      kind: 'unknown-serial',
      calls: 1,
      firstAt: 1_500,
      callsComplete: true,
      lastBody: expect.objectContaining({ serialNumber: STRANGER }),
    };
    expect(await card(STRANGER)).toMatchObject(stranger);

    release();
    await inventory.allProblems(); // resolves once the older segments are indexed
    expect(await card(RECALLED)).toMatchObject(recalled);
    expect(await card(STRANGER)).toMatchObject(stranger);
    await inventory.close();
  });
});
