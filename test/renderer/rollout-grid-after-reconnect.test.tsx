import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { createConnectionSource } from '../../renderer/src/api';
import { storedRollout, withRollouts } from '../rollout/fake-rollouts';
import { createFakeApi } from './fake-api';
import { fleetRow } from './fixtures';

const FLEET = Array.from({ length: 10 }, (_, i) =>
  fleetRow({ serial: `SG1-${String(i + 1).padStart(4, '0')}` }),
);

describe('the live rollout grid and the link to the host', () => {
  it('shows what the targets did while the link to the host was down, once it is back', async () => {
    window.location.hash = '#/control';
    const fake = createFakeApi({ fleet: FLEET });
    const rollouts = withRollouts(fake);
    const connection = createConnectionSource({ kind: 'open', session: 1 });
    render(<App api={rollouts.api} connection={connection} env="test" />);
    await waitFor(() => expect(document.documentElement.dataset.appState).toBe('ready'));
    rollouts.add(
      storedRollout(
        'r-1',
        FLEET.map((f) => f.serial),
        'sent',
      ),
    );
    const panel = await screen.findByRole('region', { name: 'Rollout' });
    await waitFor(() => expect(within(panel).getByTestId('count-sent').textContent).toBe('sent: 10'));

    act(() => connection.set({ kind: 'reconnecting', session: 1, attempt: 1, retryAt: Date.now() + 500 }));
    // While the link is down every target confirms; the control.changed events that said so are lost.
    const sent = rollouts.rollouts.get('r-1')!;
    rollouts.rollouts.set('r-1', {
      ...sent,
      grid: sent.grid.map((t) => (t.state === 'sent' ? { ...t, state: 'confirmed' } : t)),
    });
    act(() => connection.set({ kind: 'open', session: 2 }));

    await waitFor(() =>
      expect(within(panel).getByTestId('count-confirmed').textContent).toBe('confirmed: 10'),
    );
  }, 30_000);
});
