import { describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/domain/settings';
import { MAX_SAVED_FILTERS } from '../../shared/domain/fleet/saved-filter';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const gent = {
  name: 'Linked in Gent',
  filter: { search: 'gent', onboarding: 'linked', health: 'any', linked: 'any', control: 'any' },
};

describe('saved fleet filters', () => {
  it('are kept in the data folder across restarts, and a malformed one is refused', async () => {
    const dir = tempDir();
    try {
      const first = makeCore(dir.path);
      await first.start();
      try {
        await callCore(first, 'settings.update', { savedFilters: [gent] });
        for (const savedFilters of [
          [{ ...gent, filter: { ...gent.filter, health: 'purple' } }],
          [{ ...gent, name: '   ' }],
          Array.from({ length: MAX_SAVED_FILTERS + 1 }, (_, i) => ({ ...gent, name: `f${i}` })),
        ]) {
          const answer = await first.call('settings.update', { savedFilters });
          expect(answer.ok).toBe(false);
        }
      } finally {
        await first.stop();
      }
      const again = makeCore(dir.path);
      await again.start();
      try {
        expect((await callCore<Settings>(again, 'settings.get')).savedFilters).toEqual([gent]);
      } finally {
        await again.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
