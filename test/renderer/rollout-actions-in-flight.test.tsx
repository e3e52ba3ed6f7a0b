import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, type Result } from '../../shared/contract';
import type { RolloutSummary } from '../../shared/contract/rollout-methods';
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
});
