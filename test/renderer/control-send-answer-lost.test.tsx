import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, type ApiClient } from '../../shared/contract';
import { openControl, sendButton, SLOW, targets } from './control-targets-fixture';

/** What the WebSocket transport answers when the link drops while a call waits (ws-transport.ts). */
const LOST = 'The connection to the Fleetdesk host was lost before it answered.';

/** The core carries the call out, but its answer never comes back: the UI link dropped. */
function answerLost<R>(call: (request: R) => Promise<unknown>) {
  return async (request: R) => {
    await call(request);
    return fail('unavailable', LOST);
  };
}

function composeStorage(setpointW: number) {
  fireEvent.click(screen.getByLabelText('Include storage'));
  fireEvent.change(screen.getByLabelText('Storage policy'), { target: { value: 'setpoint' } });
  fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: String(setpointW) } });
}

async function preview() {
  fireEvent.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
  await screen.findByRole('region', { name: 'Impact' });
}

describe('a send whose answer was lost with the link to the host', () => {
  it(
    'does not offer the same staged rollout again by one click after "lost before it answered"',
    async () => {
      const { rollouts } = await openControl({
        wrapApi: (api): ApiClient => ({
          ...api,
          rollout: { ...api.rollout, start: answerLost(api.rollout.start) },
        }),
      });
      const starts = () => rollouts.calls.filter((c) => c.method === 'rollout.start').length;
      fireEvent.change(within(targets()).getByLabelText('From saved filter'), { target: { value: 'Gent' } });
      fireEvent.click(within(targets()).getByRole('button', { name: 'Select all shown (12)' }));
      composeStorage(3000);
      await preview();
      fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'evening peak' } });
      fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
        target: { value: '12' },
      });
      fireEvent.click(sendButton());

      await screen.findByText(LOST);
      // It did start: the page shows it once the link is back.
      await screen.findByRole('region', { name: 'Rollout' });
      expect(starts()).toBe(1);
      // The same rollout is not one click away: sending again takes a fresh dry-run.
      fireEvent.click(sendButton());
      expect(starts()).toBe(1);
      expect(rollouts.rollouts.size).toBe(1);
      expect(sendButton().disabled).toBe(true);
      expect(screen.getByText('Preview (dry-run) the current inputs first.')).toBeTruthy();
      expect(screen.getByTestId('send-outcome-unknown').textContent).toBe(
        'It is not known whether the rollout started. Check the rollouts below before sending again; a new send needs a fresh preview.',
      );

      // Deliberately sending it again remains possible, through the preview and its typed homes.
      await preview();
      fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
        target: { value: '12' },
      });
      await waitFor(() => expect(sendButton().disabled).toBe(false));
    },
    SLOW,
  );

  it(
    'does not offer the same command to one installation again by one click after "lost before it answered"',
    async () => {
      const { fake } = await openControl({
        wrapApi: (api): ApiClient => ({
          ...api,
          control: { ...api.control, send: answerLost(api.control.send) },
        }),
      });
      const sends = () => fake.calls.filter((c) => c.method === 'control.send').length;
      fireEvent.click(within(targets()).getByLabelText('Select SG1-0001'));
      composeStorage(3000);
      await preview();
      fireEvent.click(sendButton());

      await screen.findByText(LOST);
      expect(sends()).toBe(1);
      fireEvent.click(sendButton());
      expect(sends()).toBe(1);
      expect(sendButton().disabled).toBe(true);
      expect(screen.getByTestId('send-outcome-unknown').textContent).toBe(
        'It is not known whether the command went out. Check the commands below before sending again; a new send needs a fresh preview.',
      );
    },
    SLOW,
  );
});
