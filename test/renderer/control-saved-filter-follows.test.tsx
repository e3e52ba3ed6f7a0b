import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../renderer/src/features/fleet/fleet-model';
import type { SavedFilter } from '../../shared/domain/fleet/saved-filter';
import {
  openControl,
  savedFilterSelect,
  searchBox,
  shownCount,
  SLOW,
  targets,
} from './control-targets-fixture';

/** "Attention": installations in one health state; nothing of it shows in the search box. */
const attention = (health: 'error' | 'warning'): SavedFilter => ({
  name: 'Attention',
  filter: { ...EMPTY_FILTER, health },
});
const pickSaved = (name: string) => fireEvent.change(savedFilterSelect(), { target: { value: name } });
const typeSearch = (text: string) => fireEvent.change(searchBox(), { target: { value: text } });
const notice = () => screen.queryByTestId('saved-filter-notice')?.textContent;

describe('the Control page follows the saved filter it was given, as it is now', () => {
  it(
    'follows a saved filter that was redefined on the Fleet page (or another window), and says so',
    async () => {
      const { fake } = await openControl({ savedFilters: [attention('error')] });
      pickSaved('Attention');
      expect(shownCount()).toBe('4 of 30 shown');

      // Meanwhile "Attention" is saved again as the 6 in warning; settings.changed arrives.
      await act(async () => {
        await fake.api.settings.update({ savedFilters: [attention('warning')] });
      });
      // The select still names "Attention", so the list is what "Attention" means now.
      expect(savedFilterSelect().value).toBe('Attention');
      await waitFor(() => expect(shownCount()).toBe('6 of 30 shown'));
      expect(within(targets()).getByRole('button', { name: 'Select all shown (6)' })).toBeTruthy();
      expect(notice()).toBe(
        'The saved filter "Attention" was changed on the Fleet page or in another window; the list shows what it means now. Targets selected before stay selected.',
      );

      // Picking again is the operator's acknowledgement.
      pickSaved('Attention');
      expect(notice()).toBeUndefined();
      expect(shownCount()).toBe('6 of 30 shown');
    },
    SLOW,
  );

  it(
    'stops filtering by a saved filter deleted elsewhere, says so, and never takes up one saved later under its name',
    async () => {
      const { fake } = await openControl({ savedFilters: [attention('error')] });
      pickSaved('Attention');
      expect(shownCount()).toBe('4 of 30 shown');

      await act(async () => {
        await fake.api.settings.update({ savedFilters: [] });
      });
      // Nothing on screen narrows the list any more (no search, no saved filter)…
      expect(searchBox().value).toBe('');
      expect(savedFilterSelect().value).toBe('');
      // …so nothing does: "Select all shown" must not silently take only the deleted filter's homes.
      await waitFor(() => expect(shownCount()).toBe('30 of 30 shown'));
      expect(notice()).toBe(
        'The saved filter "Attention" was deleted (on the Fleet page or in another window); showing all installations.',
      );

      // A filter saved later under the same name is another filter: it applies once picked, not before.
      await act(async () => {
        await fake.api.settings.update({ savedFilters: [attention('warning')] });
      });
      expect(savedFilterSelect().value).toBe('');
      expect(shownCount()).toBe('30 of 30 shown');
    },
    SLOW,
  );

  it(
    'narrows within the picked saved filter as the operator types, and searches everything once it is unpicked',
    async () => {
      await openControl({ savedFilters: [attention('error')] });
      pickSaved('Attention');
      typeSearch('SG1-0021');
      // In error, and the search on top: the select still names the filter that narrows the list.
      expect(shownCount()).toBe('1 of 30 shown');
      expect(savedFilterSelect().value).toBe('Attention');
      typeSearch('SG1-0001');
      expect(shownCount()).toBe('0 of 30 shown');

      // "No saved filter": the search alone, no health filter left behind out of sight.
      pickSaved('');
      typeSearch('SG1-0001');
      expect(savedFilterSelect().value).toBe('');
      expect(shownCount()).toBe('1 of 30 shown');
    },
    SLOW,
  );
});
