import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', '6', '--health-period', '10'] } });

/**
 * A rollout outlives the run that started it as a record: after the host restarts, the Control page
 * still shows it, rebuilt from the journal, read only.
 */
test('a rollout is still on the Control page after a restart, read only', async ({ app, host, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText('6 of 6', { timeout: 60_000 });
  await app.nav('Control');
  await expect(page.getByRole('region', { name: 'Broker link' })).toContainText('mqtt://127.0.0.1');
  const targets = page.getByRole('region', { name: 'Targets' });
  // By name: the demo's health reports keep arriving while the targets are picked.
  for (const row of [0, 1]) {
    const label = await targets
      .getByTestId('picker-row')
      .nth(row)
      .getByRole('checkbox')
      .getAttribute('aria-label');
    await targets.getByLabel(label ?? '', { exact: true }).check();
  }
  await expect(page.getByTestId('target-count')).toHaveText('2 targets selected');
  await page.getByLabel('Include storage').check();
  await page.getByLabel('Storage policy').selectOption('setpoint');
  await page.getByLabel('Storage setpoint (W)').fill('-300');
  await page.getByRole('button', { name: 'Preview (dry-run)' }).click();
  await expect(page.getByRole('region', { name: 'Impact' }).getByTestId('impact-homes')).toHaveText(
    '2 homes affected',
    { timeout: 20_000 },
  );
  await page.getByLabel('Reason').fill('e2e: before a restart');
  await page.getByRole('button', { name: 'Send to 2 installations' }).click();
  const rollout = page.getByRole('region', { name: 'Rollout', exact: true });
  await expect(rollout.getByTestId('rollout-state')).toHaveText('completed', { timeout: 60_000 });

  await host.restart();
  await app.open();
  await app.nav('Control');
  await expect(rollout.getByTestId('rollout-state')).toHaveText('completed', { timeout: 30_000 });
  await expect(rollout.getByTestId('rollout-gate')).toHaveText('completed: 2 of 2 targets confirmed');
  await expect(rollout).toContainText('From an earlier run of Fleetdesk: read only.');
  await expect(rollout).toContainText('reason: e2e: before a restart');
  await expect(rollout.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await expect(rollout.getByRole('button', { name: 'Pick the 0 not reached as targets' })).toBeDisabled();
  await expect(rollout.getByTestId('rollout-row')).toHaveCount(2);
});
