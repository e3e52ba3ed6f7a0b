import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', '50', '--health-period', '2'] } });

test('the demo fleet shows 50 simulated installations onboarded, with their health', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(page.getByText('Demo fleet: simulated data')).toBeVisible();
  const count = page.getByTestId('fleet-match-count');
  await expect(count).toHaveText('50 of 50', { timeout: 30_000 });
  // Every controller reports health within a couple of periods: none is left "unknown".
  await page.getByLabel('Health').selectOption({ label: 'Unknown' });
  await expect(count).toHaveText('0 of 50', { timeout: 30_000 });
  await page.getByLabel('Health').selectOption({ label: 'Any' });
  // Most demo customers typed their contract right and are linked by themselves; the rest wait.
  await page.getByLabel('Linked').selectOption({ label: 'Linked to a contract' });
  await expect(count).not.toHaveText('0 of 50');
  await app.nav('Inbox');
  await expect(page.getByRole('article').first()).toBeVisible();
});
