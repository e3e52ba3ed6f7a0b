import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/**
 * A controller reporting every 5 minutes has ~100,000 timeline entries after a year: the
 * installation page reads the newest 500 and the inbox only the onboarding calls, not all of them.
 */
describe('reading part of a timeline', () => {
  it('gives the newest entries, or those of some types, and counts them all, also after a reopen', async () => {
    const d = tempDir();
    dirs.push(d);
    const serial = serialOf(7);
    let opened = await openInventory(d.path, { journal: { maxSegmentBytes: 16 * 1024 } });
    await opened.inventory.commit([onboardingDraft(serial, 1)]);
    for (let i = 0; i < 120; i += 1) {
      await opened.inventory.commit([healthDraft(serial, 10 + i), healthDraft(serialOf(8), 10 + i)]);
      if (i === 60) await opened.inventory.commit([onboardingDraft(serial, 500)]);
    }
    await opened.inventory.commit([
      { type: 'note.added', at: 900, actor: 'Ann', serial, text: 'checked on site' },
    ]);

    for (let round = 0; round < 2; round += 1) {
      const { inventory } = opened;
      expect(await inventory.timelineCount(serial)).toBe(123);
      const newest = await inventory.timeline(serial, { last: 3 });
      expect(newest.map((e) => [e.type, e.at])).toEqual([
        ['callback.health', 128],
        ['callback.health', 129],
        ['note.added', 900],
      ]);
      const onboarding = await inventory.timeline(serial, { types: ['callback.onboarding'] });
      expect(onboarding.map((e) => e.at)).toEqual([1, 500]);
      const lastOnboarding = await inventory.timeline(serial, { types: ['callback.onboarding'], last: 1 });
      expect(lastOnboarding.map((e) => e.at)).toEqual([500]);
      expect(await inventory.timeline(serial)).toHaveLength(123);
      expect(await inventory.timelineCount(serialOf(99))).toBe(0);
      await inventory.close();
      // Again from the files: the index built by the open scan says the same.
      if (round === 0) opened = await openInventory(d.path, { journal: { maxSegmentBytes: 16 * 1024 } });
    }
  });
});
