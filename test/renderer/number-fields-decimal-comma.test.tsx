import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { RolloutOptionsForm } from '../../renderer/src/features/control/rollout-options-form';
import { DEFAULT_ROLLOUT, type RolloutOptions } from '../../shared/domain/control/rollout-plan';
import { createFakeApi, type FakeApi } from './fake-api';
import { installationView } from './fixtures';
import { renderApp } from './render-app';

/** Whole-app renders on a shared 2-core machine: generous, since other suites run at the same time. */
const SLOW = 30_000;

const callsOf = (fake: FakeApi, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);

/** The staged-rollout form as the Control page holds it: its options follow every change. */
function renderRolloutForm() {
  const seen = vi.fn<(o: RolloutOptions) => void>();
  function Held() {
    const [options, setOptions] = useState(DEFAULT_ROLLOUT);
    const change = (o: RolloutOptions) => {
      seen(o);
      setOptions(o);
    };
    return <RolloutOptionsForm value={options} targets={200} onChange={change} />;
  }
  render(
    <MantineProvider>
      <Held />
    </MantineProvider>,
  );
  const plan = screen.getByRole('region', { name: 'Staged rollout' });
  return { plan, lastOptions: () => seen.mock.calls.at(-1)?.[0] };
}

/*
 * Belgian and Dutch operators write 2,5 for two and a half and 3.600 for an hour in seconds. A
 * number field takes the comma as a decimal, and refuses in words what could be two numbers; it
 * never stores 25 for 2,5 or 3 for 3.600 without a word.
 */
describe('a decimal comma or a thousands point in a number field', () => {
  it(
    'Settings saves "2,5" kW as the confirmation threshold as 2.5 kW, not 25 kW',
    async () => {
      window.location.hash = '#/settings';
      const fake = createFakeApi({});
      await renderApp(fake);
      const field = screen.getByLabelText('…or above this much power at stake (kW)') as HTMLInputElement;
      fireEvent.change(field, { target: { value: '2,5' } });
      fireEvent.blur(field);
      expect(field.value).toBe('2,5'); // kept as typed, not rewritten to 25
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
      await waitFor(() =>
        expect(callsOf(fake, 'settings.update')).toEqual([{ control: { confirmAboveKw: 2.5 } }]),
      );
    },
    SLOW,
  );

  it(
    'Settings refuses "1.000" kW in words, since it could be 1000 or 1, and saves nothing',
    async () => {
      window.location.hash = '#/settings';
      const fake = createFakeApi({});
      await renderApp(fake);
      const field = screen.getByLabelText('…or above this much power at stake (kW)') as HTMLInputElement;
      fireEvent.change(field, { target: { value: '1.000' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
      await screen.findByText('“1.000” could be 1000 or 1: type 1000 without a separator, or 1.');
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.value).toBe('1.000');
      expect(callsOf(fake, 'settings.update')).toEqual([]);
    },
    SLOW,
  );

  it('the staged rollout reads "2,5" % failed as 2.5 %, not 25 %', () => {
    const { plan, lastOptions } = renderRolloutForm();
    const field = within(plan).getByLabelText('Pause above (% failed)') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '2,5' } });
    expect(lastOptions()?.maxFailureRatio).toBe(0.025);
    expect(field.value).toBe('2,5');
    expect(within(plan).queryByRole('alert')).toBeNull();
  });

  it('the staged rollout refuses "3,5" homes in a batch in words, instead of reading 35', () => {
    const { plan, lastOptions } = renderRolloutForm();
    const field = within(plan).getByLabelText('Batch size') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '3,5' } });
    fireEvent.blur(field);
    expect(lastOptions()?.batchSize).toBeNaN();
    expect(within(plan).getByText('Enter a whole number (“3,5” is not one).')).toBeTruthy();
    expect(within(plan).getByRole('alert').textContent).toBe('Batch size: enter a whole number of 1 or more');
  });

  it(
    'the fallback timeout refuses "3.600" s in words and sends nothing, instead of saving 3 s',
    async () => {
      const view = installationView();
      window.location.hash = `#/installation/${view.installation.serial}`;
      const fake = createFakeApi({ installations: [view] });
      await renderApp(fake);
      fireEvent.click(await screen.findByRole('button', { name: 'Set fallback timeout…' }));
      const dialog = await screen.findByRole('dialog');
      const input = within(dialog).getByLabelText('Fallback timeout (seconds)') as HTMLInputElement;
      fireEvent.change(input, { target: { value: '3.600' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
      await within(dialog).findByText('“3.600” could be 3600 or 3.6: type 3600, without a separator.');
      expect(input.value).toBe('3.600');
      expect(callsOf(fake, 'installation.setFallback')).toEqual([]);

      fireEvent.change(input, { target: { value: '3600' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() =>
        expect(callsOf(fake, 'installation.setFallback')).toEqual([
          { serial: view.installation.serial, seconds: 3600 },
        ]),
      );
    },
    SLOW,
  );
});
