import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, type Result } from '../../shared/contract';
import type { RolloutSummary } from '../../shared/contract/rollout-methods';
import { storedRollout } from '../rollout/fake-rollouts';
import { deferred, openRolloutInFlight } from './running-rollout';

/** Whole-page flows on a shared 2-core machine: generous, since other suites run at the same time. */
const SLOW = 30_000;

/**
 * Tries every way to dismiss a dialog but its Cancel button (Escape, a click outside; its close
 * button must not even be offered), then returns it: still open, since its call is out.
 */
function tryToDismiss(name: string): HTMLElement {
  const overlay = document.querySelector('.mantine-Modal-overlay');
  expect(overlay).not.toBeNull();
  fireEvent.click(overlay!);
  fireEvent.keyDown(document.body, { key: 'Escape' });
  const dialog = screen.getByRole('dialog', { name });
  expect(within(dialog).queryByRole('button', { name: 'Close' })).toBeNull();
  return dialog;
}

describe('a rollout dialog whose call is in flight', () => {
  it(
    'stays open through Escape and a click outside during an Abort, and shows why it failed',
    async () => {
      const answer = deferred<Result<RolloutSummary>>();
      const { panel } = await openRolloutInFlight(() => ({ abort: () => answer.promise }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Abort' }));
      const dialog = await screen.findByRole('dialog', { name: 'Abort this rollout?' });
      // Before the press it can be dismissed as any dialog: the close button is there.
      expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Abort rollout' }));
      await waitFor(() =>
        expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(
          true,
        ),
      );
      expect(tryToDismiss('Abort this rollout?')).toBe(dialog);
      answer.resolve(fail('unavailable', 'The rollout could not be aborted: the core is busy.'));
      // The rollout still runs: the operator must read why, where they are looking.
      await waitFor(() =>
        expect(within(dialog).getByRole('alert').textContent).toContain(
          'could not be aborted: the core is busy',
        ),
      );
      // Once the answer is in, it can be dismissed again.
      fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    },
    SLOW,
  );

  it(
    'stays open through Escape and a click outside during a Release all, and shows its refusal',
    async () => {
      const answer = deferred<Result<{ released: number }>>();
      const { panel } = await openRolloutInFlight(() => ({ releaseAll: () => answer.promise }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Release all' }));
      const dialog = await screen.findByRole('dialog', { name: 'Release all installations?' });
      fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'wrong setpoint' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Release all' }));
      await waitFor(() =>
        expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(
          true,
        ),
      );
      expect(tryToDismiss('Release all installations?')).toBe(dialog);
      answer.resolve(fail('unavailable', 'The core could not release: the broker link is down.'));
      await waitFor(() =>
        expect(within(dialog).getByRole('alert').textContent).toContain('could not release'),
      );
      // Nothing was released: the reason stays typed for the next try.
      expect((within(dialog).getByLabelText(/Reason/) as HTMLInputElement).value).toBe('wrong setpoint');
    },
    SLOW,
  );

  it(
    'stays open on its rollout when another window starts a rollout meanwhile, and shows the failure',
    async () => {
      const answer = deferred<Result<RolloutSummary>>();
      const { panel, rollouts } = await openRolloutInFlight(() => ({ abort: () => answer.promise }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Abort' }));
      const dialog = await screen.findByRole('dialog', { name: 'Abort this rollout?' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Abort rollout' }));
      await waitFor(() =>
        expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(
          true,
        ),
      );
      // Another operator starts a newer rollout: it is listed, and the one on screen stays.
      rollouts.add({ ...storedRollout('r-2', ['SG1-0020']), startedAt: Date.now() + 1_000 });
      const select = (await within(panel).findByLabelText('Rollouts')) as HTMLSelectElement;
      expect([...select.options].map((o) => o.value)).toEqual(['r-2', 'r-1']);
      expect(select.value).toBe('r-1');
      answer.resolve(fail('unavailable', 'The rollout could not be aborted: the core is busy.'));
      await waitFor(() =>
        expect(within(dialog).getByRole('alert').textContent).toContain('could not be aborted'),
      );
      expect(within(panel).getByTestId('count-sent').textContent).toBe('sent: 4');
    },
    SLOW,
  );
});

describe('a rollout action answered before the panel shows its effect', () => {
  it(
    'Continue cannot be pressed again (and fail) while the panel still shows the old "paused"',
    async () => {
      let holdGets = false;
      const gate = deferred<void>();
      const { panel, rollouts } = await openRolloutInFlight(
        (r) => ({
          // The (big) grid of the rollout loads slowly once the continue is answered.
          get: async (req) => {
            if (holdGets) await gate.promise;
            return r.api.rollout.get(req);
          },
          continue: async (req) => {
            const state = r.rollouts.get(req.rolloutId)?.state;
            // As the core (rollout-handlers.ts): only a paused rollout continues.
            if (state !== 'paused') return fail('conflict', `The rollout is ${state}, not paused.`);
            holdGets = true;
            return r.api.rollout.continue(req);
          },
        }),
        'paused',
      );
      const button = () => within(panel).getByRole('button', { name: 'Continue' }) as HTMLButtonElement;
      fireEvent.click(button());
      await waitFor(() => expect(button().getAttribute('data-loading')).toBeNull());
      expect(rollouts.calls.filter((c) => c.method === 'rollout.continue')).toHaveLength(1);
      // The answer is in; the panel still says "paused". A double click's second press:
      expect(within(panel).getByTestId('rollout-state').textContent).toBe('paused');
      expect(button().disabled).toBe(true);
      fireEvent.click(button());
      gate.resolve();
      await waitFor(() => expect(within(panel).getByTestId('rollout-state').textContent).toBe('running'));
      expect(rollouts.calls.filter((c) => c.method === 'rollout.continue')).toHaveLength(1);
      // No false refusal for a continue that worked.
      expect(screen.queryByText(/not paused/)).toBeNull();
    },
    SLOW,
  );

  it(
    'Retry failed cannot be pressed again (and fail) while the panel still shows the old failed count',
    async () => {
      let holdGets = false;
      const gate = deferred<void>();
      const { panel, rollouts } = await openRolloutInFlight(
        (r) => ({
          get: async (req) => {
            if (holdGets) await gate.promise;
            return r.api.rollout.get(req);
          },
          retryFailed: async (req) => {
            // As the core (rollout-handlers.ts, rollout.ts): refused while running; else the failed
            // targets are sent again and the rollout runs.
            if (r.rollouts.get(req.rolloutId)?.state === 'running')
              return fail('conflict', 'The rollout is still running; retry once it has paused or ended.');
            holdGets = true;
            const answer = await r.api.rollout.retryFailed(req);
            r.update(req.rolloutId, {
              state: 'running',
              rows: { 'SG1-0002': { state: 'sent', attempts: 2 } },
            });
            return answer;
          },
        }),
        'paused',
      );
      rollouts.update('r-1', { rows: { 'SG1-0002': { state: 'expired' } } });
      const button = () => within(panel).getByRole('button', { name: /^Retry failed/ }) as HTMLButtonElement;
      await waitFor(() => expect(button().textContent).toBe('Retry failed (1)'));
      fireEvent.click(button());
      await waitFor(() => expect(button().getAttribute('data-loading')).toBeNull());
      expect(rollouts.calls.filter((c) => c.method === 'rollout.retryFailed')).toHaveLength(1);
      expect(button().textContent).toBe('Retry failed (1)');
      expect(button().disabled).toBe(true);
      fireEvent.click(button());
      gate.resolve();
      await waitFor(() => expect(within(panel).getByTestId('rollout-state').textContent).toBe('running'));
      expect(rollouts.calls.filter((c) => c.method === 'rollout.retryFailed')).toHaveLength(1);
      expect(screen.queryByText(/still running/)).toBeNull();
    },
    SLOW,
  );
});
