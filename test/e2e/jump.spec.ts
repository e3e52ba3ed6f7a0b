import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', '4'] } });

test('Ctrl+K jumps from any page to an installation by its customer’s name', async ({ app, page }) => {
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText('4 of 4', { timeout: 30_000 });
  // A linked row names its customer: the operator has that name on the phone.
  const linked = page.getByRole('row').filter({ hasText: 'linked' }).first();
  const serial = (await linked.getByRole('link').first().textContent())?.trim() ?? '';
  const customer = (await linked.locator('td').nth(1).textContent())?.split('C-')[0]?.trim() ?? '';
  expect(customer).not.toBe('');

  await app.nav('Settings');
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Jump to' });
  await dialog.getByPlaceholder(/SG1-000123/).fill(customer);
  // The best match is highlighted as the operator types, so Enter alone opens it.
  await expect(dialog.getByRole('option', { name: new RegExp(serial), selected: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Installation ${serial}` })).toBeVisible();
  await expect(dialog).toBeHidden();
});
