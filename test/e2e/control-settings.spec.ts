import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

const CONTROLLERS = 12;
test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', String(CONTROLLERS)] } });

/**
 * Settings → Live control reaches the Control page without a restart: twelve homes need the typed
 * number of homes at the default threshold (10), and no longer once the operator raises it to 20.
 */
test('raising the typed-confirmation threshold in Settings changes what a send asks for', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText(`${CONTROLLERS} of ${CONTROLLERS}`, {
    timeout: 60_000,
  });

  const preview = async () => {
    await app.nav('Control');
    const targets = page.getByRole('region', { name: 'Targets' });
    await targets.getByRole('button', { name: `Select all shown (${CONTROLLERS})` }).click();
    await expect(page.getByTestId('target-count')).toHaveText(`${CONTROLLERS} targets selected`);
    await page.getByLabel('Include storage').check();
    await page.getByLabel('Storage policy').selectOption('cost');
    await page.getByRole('button', { name: 'Preview (dry-run)' }).click();
    await expect(page.getByRole('region', { name: 'Impact' }).getByTestId('impact-homes')).toHaveText(
      `${CONTROLLERS} homes affected`,
      { timeout: 20_000 },
    );
    await page.getByLabel('Reason').fill('e2e: threshold check');
  };

  await preview();
  await expect(page.getByLabel('Type the number of homes to confirm')).toBeVisible();
  await expect(page.getByRole('button', { name: `Send to ${CONTROLLERS} installations` })).toBeDisabled();

  await app.nav('Settings');
  await page.getByLabel('Type the number of homes above this many homes').fill('20');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await preview();
  await expect(page.getByLabel('Type the number of homes to confirm')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Send to ${CONTROLLERS} installations` })).toBeEnabled();
});
