import { screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import { EMPTY_FILTER } from '../../renderer/src/features/fleet/fleet-model';
import type { ApiClient } from '../../shared/contract';
import type { SavedFilter } from '../../shared/domain/fleet/saved-filter';
import { withRollouts, type FakeRollouts } from '../rollout/fake-rollouts';
import { createFakeApi, type FakeApi } from './fake-api';
import { fleetRow } from './fixtures';
import { renderApp } from './render-app';

/** Whole-page flows on a shared 2-core machine: generous, since other suites run at the same time. */
export const SLOW = 30_000;

export const serial = (i: number) => `SG1-${String(i + 1).padStart(4, '0')}`;

/** 30 installations: 12 in Gent, the rest in Brugge; 4 in error, 6 in warning. */
export const FLEET = Array.from({ length: 30 }, (_, i) =>
  fleetRow({
    serial: serial(i),
    address: i < 12 ? `Veldstraat ${i}, 9000 Gent, BE` : `Markt ${i}, 8000 Brugge, BE`,
    health: i >= 20 && i < 24 ? 'error' : i >= 24 ? 'warning' : 'ok',
  }),
);

export const GENT: SavedFilter = { name: 'Gent', filter: { ...EMPTY_FILTER, search: 'gent' } };

export interface ControlPageOptions {
  savedFilters?: SavedFilter[];
  /** Changes what the page's API does (e.g. an answer lost on the way back). */
  wrapApi?(api: ApiClient, fake: FakeApi): ApiClient;
}

/** Opens the Control page over the fleet above, with rollouts, once every installation is listed. */
export async function openControl({ savedFilters = [GENT], wrapApi }: ControlPageOptions = {}): Promise<{
  fake: FakeApi;
  rollouts: FakeRollouts;
}> {
  window.location.hash = '#/control';
  const fake = createFakeApi({ fleet: FLEET, settings: { savedFilters } });
  const rollouts = withRollouts(fake);
  const api = wrapApi ? wrapApi(rollouts.api, fake) : rollouts.api;
  await renderApp({ ...fake, api });
  await screen.findByRole('region', { name: 'Broker link' });
  await waitFor(() => expect(shownCount()).toBe('30 of 30 shown'));
  return { fake, rollouts };
}

export const targets = () => screen.getByRole('region', { name: 'Targets' });
export const shownCount = () => screen.getByTestId('picker-shown').textContent;
export const savedFilterSelect = () =>
  within(targets()).getByLabelText('From saved filter') as HTMLSelectElement;
export const searchBox = () => within(targets()).getByLabelText('Search installations') as HTMLInputElement;
export const sendButton = () => screen.getByRole('button', { name: /^Send to/ }) as HTMLButtonElement;
