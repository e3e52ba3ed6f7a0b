import { screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import type { RolloutState } from '../../shared/domain/control/rollout-view';
import { storedRollout, withRollouts, type FakeRollouts } from '../rollout/fake-rollouts';
import { createFakeApi } from './fake-api';
import { fleetRow } from './fixtures';
import { renderApp } from './render-app';

const serial = (i: number) => `SG1-${String(i + 1).padStart(4, '0')}`;
const FLEET = Array.from({ length: 20 }, (_, i) => fleetRow({ serial: serial(i) }));

/** A call's answer the test hands over when it chooses: what happens while it is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The Control page with a rollout of 20 whose first batch is in flight (1 confirmed, 4 sent), over
 * the fake rollout API with the methods `override` returns (a failure, a held answer, the core's
 * refusals). Resolves once its panel shows `state`.
 */
export async function openRolloutInFlight(
  override: (rollouts: FakeRollouts) => Partial<FakeRollouts['api']['rollout']>,
  state: RolloutState = 'running',
) {
  window.location.hash = '#/control';
  const fake = createFakeApi({ fleet: FLEET });
  const rollouts = withRollouts(fake);
  const api = { ...rollouts.api, rollout: { ...rollouts.api.rollout, ...override(rollouts) } };
  await renderApp({ ...fake, api });
  await screen.findByRole('region', { name: 'Broker link' });
  const r = storedRollout(
    'r-1',
    FLEET.map((f) => f.serial),
  );
  r.grid = r.grid.map((t, i) =>
    i < 5 ? { ...t, state: i === 0 ? 'confirmed' : 'sent', attempts: 1, changedAt: Date.now() } : t,
  );
  rollouts.add({ ...r, state });
  const panel = await screen.findByRole('region', { name: 'Rollout' });
  await waitFor(() => expect(within(panel).getByTestId('rollout-state').textContent).toBe(state));
  return { panel, rollouts, fake };
}
