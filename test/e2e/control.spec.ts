import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', '6', '--health-period', '2'] } });

test('an operator holds a battery setpoint on the demo fleet, sees it confirmed, and releases it', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText('6 of 6', { timeout: 30_000 });
  await app.nav('Control');
  const link = page.getByRole('region', { name: 'Broker link' });
  await expect(link).toContainText('mqtt://127.0.0.1');

  await page.getByRole('button', { name: 'All linked installations' }).click();
  await expect(page.getByTestId('target-count')).not.toHaveText('0 targets selected');
  await page.getByLabel('Include storage').check();
  await page.getByLabel('Storage policy').selectOption('setpoint');
  await page.getByLabel('Storage setpoint (W)').fill('-1000');
  await page.getByRole('button', { name: 'Preview (dry-run)' }).click();
  await expect(page.getByRole('table', { name: 'Dry-run per target' })).toContainText(
    'standard1/rp_one_s/remoteControlMetrics/',
  );
  const reason = page.getByLabel('Reason');
  await reason.fill('e2e: charge the demo batteries');
  await page.getByRole('button', { name: /^Send to \d+ installations?$/ }).click();

  // Confirmed only by the controllers' own feedback, not by the broker's acknowledgement.
  const rows = page.getByTestId('command-row');
  await expect(rows.first()).toContainText('confirmed', { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Leases' })).toBeVisible();

  await page.getByRole('button', { name: 'Release all' }).first().click();
  // Every linked demo installation is held: more than one, so the release needs a reason.
  const dialog = page.getByRole('dialog', { name: 'Release all installations?' });
  const confirm = dialog.getByRole('button', { name: 'Release all' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill('end of the e2e run');
  await confirm.click();
  await expect(rows.first()).toContainText('released', { timeout: 10_000 });
});

test('from an installation’s page, an operator takes control of that one battery and hands it back', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText('6 of 6', { timeout: 30_000 });
  // A linked installation: only those can be controlled without a warning.
  const linked = page.getByRole('row').filter({ hasText: 'linked' }).first();
  const serial = (await linked.getByRole('link').first().textContent())?.trim() ?? '';
  await linked.getByRole('link').first().click();
  const control = page.getByRole('region', { name: 'Control' });
  await expect(control.getByTestId('control-state')).toContainText('Local control');

  await control.getByRole('link', { name: 'Send a command…' }).click();
  await expect(page.getByTestId('target-count')).toHaveText('1 target selected');
  await page.getByLabel('Include storage').check();
  await page.getByLabel('Storage policy').selectOption('setpoint');
  await page.getByLabel('Storage setpoint (W)').fill('-500');
  await page.getByRole('button', { name: 'Preview (dry-run)' }).click();
  await expect(page.getByRole('table', { name: 'Dry-run per target' })).toContainText(serial);
  await page.getByRole('button', { name: 'Send to 1 installation' }).click();

  // Back to the installation's page, as the browser's (or the window's) back navigation does.
  await page.goBack();
  await expect(page.getByRole('heading', { name: `Installation ${serial}` })).toBeVisible();
  await expect(control.getByTestId('control-state')).toContainText('Held by Fleetdesk', { timeout: 30_000 });
  await expect(control.getByRole('table', { name: 'Commands of this installation' })).toContainText(
    'confirmed',
    { timeout: 30_000 },
  );
  await control.getByRole('button', { name: 'Release to local control' }).click();
  // The controller keeps the command until its fallback timeout: released, not local yet.
  await expect(control.getByTestId('control-state')).toContainText('Releasing', { timeout: 10_000 });
  await expect(control.getByTestId('control-state')).toContainText('returns to local control by');
  await expect(control.getByRole('table', { name: 'Commands of this installation' })).toContainText(
    'released',
  );
});
