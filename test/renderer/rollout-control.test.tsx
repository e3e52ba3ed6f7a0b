import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../renderer/src/features/fleet/fleet-model';
import { fail } from '../../shared/contract';
import { DEFAULT_ROLLOUT } from '../../shared/domain/control/rollout-plan';
import { storedRollout, withRollouts } from '../rollout/fake-rollouts';
import { createFakeApi, type FakeApiOptions } from './fake-api';
import { fleetRow } from './fixtures';
import { renderApp } from './render-app';
import { openRolloutInFlight } from './running-rollout';

/** Whole-page flows on a shared 2-core machine: generous, since other suites run at the same time. */
const SLOW = 30_000;

const serial = (i: number) => `SG1-${String(i + 1).padStart(4, '0')}`;
/** 30 installations: 12 in Gent, the rest in Brugge; the last one not linked. */
const FLEET = Array.from({ length: 30 }, (_, i) =>
  fleetRow({
    serial: serial(i),
    address: i < 12 ? `Veldstraat ${i}, 9000 Gent, BE` : `Markt ${i}, 8000 Brugge, BE`,
    ...(i === 29 && { onboarding: 'pending' as const, contractNumber: null }),
  }),
);
const GENT = FLEET.slice(0, 12).map((r) => r.serial);

async function openControl(options: FakeApiOptions = {}) {
  const savedFilters = [
    { name: 'Gent', filter: { ...EMPTY_FILTER, search: 'gent' } },
    { name: 'Unlinked', filter: { ...EMPTY_FILTER, linked: 'unlinked' as const } },
  ];
  window.location.hash = '#/control';
  const fake = createFakeApi({ fleet: FLEET, ...options, settings: { savedFilters, ...options.settings } });
  const rollouts = withRollouts(fake);
  await renderApp({ ...fake, api: rollouts.api });
  await screen.findByRole('region', { name: 'Broker link' });
  return { fake, rollouts };
}

const targets = () => screen.getByRole('region', { name: 'Targets' });
const count = () => screen.getByTestId('target-count').textContent;
const pickerRows = () => within(targets()).getAllByTestId('picker-row');
const rolloutRegion = () => screen.getByRole('region', { name: 'Rollout' });
const sendButton = () => screen.getByRole('button', { name: /^Send to/ }) as HTMLButtonElement;

describe('picking targets', () => {
  it(
    'picks by search and checkbox, by a saved Fleet filter and "Select all shown"',
    async () => {
      await openControl();
      await waitFor(() => expect(screen.getByTestId('picker-shown').textContent).toBe('30 of 30 shown'));

      fireEvent.change(within(targets()).getByLabelText('Search installations'), {
        target: { value: 'SG1-0020' },
      });
      expect(pickerRows()).toHaveLength(1);
      fireEvent.click(within(targets()).getByLabelText('Select SG1-0020'));
      expect(count()).toBe('1 target selected');

      // The Fleet page's saved filter narrows the list; the selection made before stays.
      fireEvent.change(within(targets()).getByLabelText('From saved filter'), { target: { value: 'Gent' } });
      expect(screen.getByTestId('picker-shown').textContent).toBe('12 of 30 shown');
      expect(pickerRows().map((r) => r.textContent?.slice(0, 8))).toEqual(GENT);
      fireEvent.click(within(targets()).getByRole('button', { name: 'Select all shown (12)' }));
      expect(count()).toBe('13 targets selected');

      // A row's click toggles it too.
      fireEvent.click(pickerRows()[0]!);
      expect(count()).toBe('12 targets selected');
      expect((within(targets()).getByLabelText(`Select ${GENT[0]}`) as HTMLInputElement).checked).toBe(false);

      fireEvent.change(within(targets()).getByLabelText('From saved filter'), {
        target: { value: 'Unlinked' },
      });
      expect(pickerRows().map((r) => r.textContent?.slice(0, 8))).toEqual([serial(29)]);
      fireEvent.click(within(targets()).getByRole('button', { name: 'Clear selection' }));
      expect(count()).toBe('0 targets selected');
    },
    SLOW,
  );
});

describe('a staged rollout from the Control page', () => {
  it(
    'shows the impact and the plan, asks for reason and homes, starts it and follows the live grid',
    async () => {
      const { fake, rollouts } = await openControl();
      fireEvent.change(within(targets()).getByLabelText('From saved filter'), { target: { value: 'Gent' } });
      fireEvent.click(within(targets()).getByRole('button', { name: 'Select all shown (12)' }));
      fireEvent.click(screen.getByLabelText('Include storage'));
      fireEvent.change(screen.getByLabelText('Storage policy'), { target: { value: 'setpoint' } });
      fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '3000' } });
      // Unticking and ticking a target after composing keeps the command (no stale draft in a cell).
      fireEvent.click(within(targets()).getByLabelText(`Select ${GENT[0]}`));
      expect(count()).toBe('11 targets selected');
      fireEvent.click(within(targets()).getByLabelText(`Select ${GENT[0]}`));
      expect(count()).toBe('12 targets selected');
      const picked = [...GENT.slice(1), GENT[0]];

      // The plan shows before anything runs, with the core's defaults.
      const plan = screen.getByRole('region', { name: 'Staged rollout' });
      expect((within(plan).getByLabelText('First batch') as HTMLInputElement).value).toBe('5');
      expect((within(plan).getByLabelText('Batch size') as HTMLInputElement).value).toBe('50');
      expect((within(plan).getByLabelText('Go on at (% confirmed)') as HTMLInputElement).value).toBe('80');
      expect((within(plan).getByLabelText('Pause above (% failed)') as HTMLInputElement).value).toBe('10');
      fireEvent.change(within(plan).getByLabelText('First batch'), { target: { value: '3' } });

      fireEvent.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
      const impact = await screen.findByRole('region', { name: 'Impact' });
      expect(within(impact).getByTestId('impact-homes').textContent).toBe('12 homes affected');
      expect(within(impact).getByTestId('impact-storage').textContent).toBe(
        'Storage: 36 kW at stake over 12 sites',
      );
      expect(plan.textContent).toContain('12 targets go out in 2 batches');

      // Reason and the typed number of homes, as for any bulk send.
      fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'evening peak' } });
      expect(sendButton().disabled).toBe(true);
      fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
        target: { value: '12' },
      });
      expect(sendButton().disabled).toBe(false);
      expect(rollouts.calls.filter((c) => c.method === 'rollout.start')).toEqual([]);
      fireEvent.click(sendButton());

      await waitFor(() => expect(screen.getByTestId('rollout-state').textContent).toBe('running'));
      expect(rollouts.calls.find((c) => c.method === 'rollout.start')?.request).toEqual({
        serials: picked,
        command: { storage: { policy: 'setpoint', setpointW: 3000 } },
        hold: true,
        reason: 'evening peak',
        typedHomes: 12,
        options: { firstBatch: 3, batchSize: 50, minConfirmRatio: 0.8, maxFailureRatio: 0.1 },
      });
      expect(fake.calls.filter((c) => c.method === 'control.send')).toEqual([]);
      const panel = rolloutRegion();
      expect(within(panel).getAllByTestId('rollout-row')).toHaveLength(12);
      expect(within(panel).getByTestId('count-pending').textContent).toBe('pending: 12');
      expect(panel.textContent).toContain(
        'first batch 3, then 50; go on at 80 % confirmed, pause above 10 % failed',
      );

      // The core pushes control.changed; the grid and the gate follow.
      rollouts.update('r-1', {
        rows: Object.fromEntries(
          GENT.slice(0, 3).map((s) => [s, { state: 'confirmed' as const, attempts: 1 }]),
        ),
      });
      await waitFor(() =>
        expect(within(panel).getByTestId('count-confirmed').textContent).toBe('confirmed: 3'),
      );
      expect(within(panel).getByTestId('rollout-gate').textContent).toBe(
        'going on: 3 of 3 confirmed (100 % ≥ 80 %)',
      );
    },
    SLOW,
  );

  it(
    'asks for the typed number of homes and the reason again for the next command, none carried over',
    async () => {
      const { rollouts } = await openControl();
      fireEvent.change(within(targets()).getByLabelText('From saved filter'), { target: { value: 'Gent' } });
      fireEvent.click(within(targets()).getByRole('button', { name: 'Select all shown (12)' }));
      fireEvent.click(screen.getByLabelText('Include storage'));
      fireEvent.change(screen.getByLabelText('Storage policy'), { target: { value: 'setpoint' } });
      fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '3000' } });
      const typedBox = () => screen.getByLabelText('Type the number of homes to confirm') as HTMLInputElement;
      const reasonBox = () => screen.getByLabelText(/Reason/) as HTMLInputElement;
      const previewAgain = async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
        await waitFor(() => expect(screen.queryByText(/The inputs changed since the preview/)).toBeNull());
        await screen.findByRole('region', { name: 'Impact' });
      };
      await previewAgain();
      fireEvent.change(reasonBox(), { target: { value: 'evening peak' } });
      fireEvent.change(typedBox(), { target: { value: '12' } });

      // A new dry-run (the command changed before sending): the homes are confirmed for it afresh.
      fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '2000' } });
      await previewAgain();
      expect(typedBox().value).toBe('');
      expect(reasonBox().value).toBe('evening peak');
      expect(sendButton().disabled).toBe(true);
      fireEvent.change(typedBox(), { target: { value: '12' } });
      fireEvent.click(sendButton());
      await waitFor(() => expect(rollouts.calls.some((c) => c.method === 'rollout.start')).toBe(true));
      await screen.findByTestId('rollout-state');

      // The next command to the same 12 homes: charge at 5 kW. Nothing typed for it yet.
      fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '-5000' } });
      await previewAgain();
      expect(typedBox().value).toBe('');
      expect(reasonBox().value).toBe('');
      expect(sendButton().disabled).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a bad plan before asking the core',
    async () => {
      await openControl();
      fireEvent.click(within(targets()).getByRole('button', { name: 'All linked installations' }));
      const plan = screen.getByRole('region', { name: 'Staged rollout' });
      fireEvent.change(within(plan).getByLabelText('Pause above (% failed)'), { target: { value: '150' } });
      // In percent, as typed, by the field's label: not "maxFailureRatio must be between 0 and 1".
      expect(within(plan).getByRole('alert').textContent).toBe(
        'Pause above (% failed): enter a percentage from 0 to 100',
      );
    },
    SLOW,
  );
});

describe('the live rollout panel', () => {
  const paused = () => {
    const serials = Array.from({ length: 60 }, (_, i) => serial(i));
    const r = storedRollout('r-9', serials, 'pending', {
      firstBatch: 20,
      batchSize: 40,
      minConfirmRatio: 0.8,
      maxFailureRatio: 0.1,
    });
    r.grid = r.grid.map((t, i) =>
      i < 17
        ? { ...t, state: 'confirmed', attempts: 1, changedAt: Date.now() }
        : i < 20
          ? { ...t, state: 'expired', attempts: 1, detail: 'no feedback within 15 s', changedAt: Date.now() }
          : t,
    );
    return { ...r, state: 'paused' as const, reason: '3 of 20 targets failed (15 % > 10 %)' };
  };

  it(
    'says why it paused, continues, retries the failed, and asks before Abort and Release all',
    async () => {
      const { rollouts } = await openControl();
      rollouts.add(paused());
      const panel = await screen.findByRole('region', { name: 'Rollout' });
      await waitFor(() =>
        expect(within(panel).getByTestId('rollout-gate').textContent).toBe(
          'paused: 3 of 20 targets failed (15 % > 10 %) — now 17 confirmed, 3 failed, 0 in flight of 20 started',
        ),
      );
      expect(within(panel).getByTestId('count-expired').textContent).toBe('expired: 3');
      expect(within(panel).getByTestId('count-pending').textContent).toBe('pending: 40');
      const calls = (method: string) =>
        rollouts.calls.filter((c) => c.method === method).map((c) => c.request);

      // Retry says what it does: the failed only, and the next batch still waits.
      expect(within(panel).getByTestId('retry-what').textContent).toBe(
        'Retry failed sends the 3 failed targets again, nothing else. The next batch still waits: it starts once their results pass the gate, or when you press Continue.',
      );
      fireEvent.click(within(panel).getByRole('button', { name: 'Retry failed (3)' }));
      await waitFor(() => expect(calls('rollout.retryFailed')).toEqual([{ rolloutId: 'r-9' }]));

      fireEvent.click(within(panel).getByRole('button', { name: 'Abort' }));
      let dialog = await screen.findByRole('dialog');
      expect(dialog.textContent).toContain('40 targets not started yet stay untouched');
      expect(dialog.textContent).toContain('Installations with this command in force now (17) stay under it');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(calls('rollout.abort')).toEqual([]);

      fireEvent.click(within(panel).getByRole('button', { name: 'Continue' }));
      await waitFor(() => expect(within(panel).getByTestId('rollout-state').textContent).toBe('running'));
      expect(calls('rollout.continue')).toEqual([{ rolloutId: 'r-9' }]);
      expect((within(panel).getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(
        true,
      );

      fireEvent.click(within(panel).getByRole('button', { name: 'Release all' }));
      dialog = await screen.findByRole('dialog');
      expect(calls('rollout.releaseAll')).toEqual([]);
      expect(dialog.textContent).toContain('aborted first');
      // Not "goes back to local control now": only the refreshes stop; the timeout does the rest.
      expect(dialog.textContent).toContain(
        'Fleetdesk stops refreshing the 17 held installations now; each returns to local control when its fallback timeout runs out.',
      );
      // More than one installation: no release without a reason.
      const confirm = within(dialog).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
      expect(confirm.disabled).toBe(true);
      fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'tariff error' } });
      expect(confirm.disabled).toBe(false);
      fireEvent.click(confirm);
      await waitFor(() =>
        expect(within(panel).getByTestId('count-released').textContent).toBe('released: 17'),
      );
      expect(calls('rollout.releaseAll')).toEqual([{ rolloutId: 'r-9', reason: 'tariff error' }]);
    },
    SLOW,
  );

  it(
    'keeps a grid of 5,000 targets virtualised',
    async () => {
      const { rollouts } = await openControl();
      const serials = Array.from({ length: 5000 }, (_, i) => `BIG-${i}`);
      rollouts.add({
        ...storedRollout('r-big', serials, 'confirmed'),
        state: 'completed',
        batchesStarted: 101,
      });
      const panel = await screen.findByRole('region', { name: 'Rollout' });
      await waitFor(() =>
        expect(within(panel).getByTestId('count-confirmed').textContent).toBe('confirmed: 5,000'),
      );
      const rendered = within(panel).getAllByTestId('rollout-row').length;
      expect(rendered).toBeGreaterThan(5);
      expect(rendered).toBeLessThan(60);
      expect(within(panel).getByTestId('rollout-gate').textContent).toBe(
        'completed: 5,000 of 5,000 targets confirmed',
      );
    },
    SLOW,
  );

  it(
    'shows a rollout of an earlier run read only, and picks the targets it never reached for a new send',
    async () => {
      const { rollouts } = await openControl();
      const serials = FLEET.slice(0, 6).map((r) => r.serial);
      const stored = storedRollout('r-old', serials, 'pending', { ...DEFAULT_ROLLOUT, firstBatch: 2 });
      rollouts.add({
        ...stored,
        state: 'interrupted',
        reason: 'Fleetdesk stopped while it was paused; it does not go on by itself.',
        fromEarlierRun: true,
        startedAt: new Date('2026-11-20T17:05:00Z').getTime(),
        grid: stored.grid.map((row, i) =>
          i === 0
            ? { ...row, state: 'lapsed', attempts: 1, changedAt: 1 }
            : i === 1
              ? { ...row, state: 'expired', attempts: 1, changedAt: 1 }
              : row,
        ),
      });
      const panel = await screen.findByRole('region', { name: 'Rollout' });
      await waitFor(() =>
        expect(within(panel).getByTestId('rollout-gate').textContent).toContain(
          'interrupted: Fleetdesk stopped',
        ),
      );
      expect(within(panel).getByTestId('rollout-state').textContent).toBe('interrupted');
      expect(panel.textContent).toContain('From an earlier run of Fleetdesk: read only.');
      // Nothing to steer: none of the live rollout's actions are offered.
      for (const name of ['Continue', 'Abort', 'Release all'])
        expect(within(panel).queryByRole('button', { name })).toBeNull();

      expect(count()).toBe('0 targets selected');
      // The expired one and the four never started; not the one that took effect.
      fireEvent.click(within(panel).getByRole('button', { name: 'Pick the 5 not reached as targets' }));
      await waitFor(() => expect(count()).toBe('5 targets selected'));
      expect((within(targets()).getByLabelText(`Select ${serials[0]}`) as HTMLInputElement).checked).toBe(
        false,
      );
      expect((within(targets()).getByLabelText(`Select ${serials[1]}`) as HTMLInputElement).checked).toBe(
        true,
      );
    },
    SLOW,
  );
});

/**
 * The core's Release all of a rollout (rollout.ts `releaseAll`) releases every target with a live
 * command of it (draft, sent, accepted, confirmed) and refuses without a reason when that is more
 * than one (release-reason.ts). Here the first batch is in flight: 1 confirmed, 4 sent.
 */
describe('Release all and Abort of a running rollout', () => {
  const LIVE = new Set(['draft', 'sent', 'accepted', 'confirmed']);

  it(
    'counts the targets in flight too, and asks for the reason the core requires',
    async () => {
      const { panel, rollouts } = await openRolloutInFlight((rollouts) => ({
        // As the core: every live command of the rollout counts for the reason rule.
        releaseAll: async (r) => {
          const controlled = rollouts.rollouts.get(r.rolloutId)!.grid.filter((t) => LIVE.has(t.state)).length;
          if (controlled > 1 && (r.reason ?? '').trim() === '')
            return fail('invalid-request', `Releasing ${controlled} installations needs a reason.`);
          return rollouts.api.rollout.releaseAll(r);
        },
      }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Release all' }));
      const dialog = await screen.findByRole('dialog');
      expect(dialog.textContent).toContain('Fleetdesk stops refreshing the 5 held installations now');
      const confirm = within(dialog).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
      expect(confirm.disabled).toBe(true);
      fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'wrong setpoint' } });
      fireEvent.click(confirm);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(rollouts.calls.filter((c) => c.method === 'rollout.releaseAll').map((c) => c.request)).toEqual([
        { rolloutId: 'r-1', reason: 'wrong setpoint' },
      ]);
    },
    SLOW,
  );

  it(
    'shows a refused Release all inside its dialog, and forgets it on Cancel',
    async () => {
      const { panel } = await openRolloutInFlight(() => ({
        releaseAll: async () => fail('invalid-request', 'Releasing 5 installations needs a reason.'),
      }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Release all' }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'x' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Release all' }));
      // Nothing was released, so the dialog stays open: the refusal must be readable in it.
      await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('needs a reason'));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(screen.queryByRole('alert')).toBeNull();
    },
    SLOW,
  );

  it(
    'shows a refused Abort inside its dialog',
    async () => {
      const { panel } = await openRolloutInFlight(() => ({
        abort: async () => fail('unavailable', 'The rollout could not be aborted: the core is busy.'),
      }));
      fireEvent.click(within(panel).getByRole('button', { name: 'Abort' }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Abort rollout' }));
      await waitFor(() =>
        expect(within(dialog).getByRole('alert').textContent).toContain('could not be aborted'),
      );
    },
    SLOW,
  );
});
