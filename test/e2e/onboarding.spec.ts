import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import type { AppPage } from './pages/app-page';

const TOKEN = 'e2e-integration-token-0001';
test.use({ launch: { args: ['--listener-token', TOKEN] } });

const CSV = [
  'Contract number,Customer name,Street,Postal code,City',
  'C-2026-0001,An Peeters,Kerkstraat 1,9000,Gent',
  'C-2026-0002,Bart Claes,Veldstraat 10,9000,Gent',
].join('\n');

async function call(listenerUrl: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${listenerUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** Imports CSV's two contracts on the Contracts page, as an operator does. */
async function importContracts(app: AppPage, page: Page): Promise<void> {
  await app.nav('Contracts');
  await page
    .getByLabel('Contract CSV file')
    .setInputFiles({ name: 'contracts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Import 2 contracts' }).click();
  await expect(page.getByText('Import done')).toBeVisible();
}

test('contracts import, a controller links itself, a typo is linked from the inbox, health shows live', async ({
  app,
  page,
  host,
}) => {
  await app.open();
  await importContracts(app, page);

  await app.nav('Fleet');
  const exact = {
    serialNumber: 'SG1-000001',
    contractNumber: 'C-2026-0001',
    address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
  };
  expect(await call(host.listenerUrl, '/v1/onboarding', exact)).toBe(202);
  // Live: the row arrives without a reload, already linked.
  const first = page.getByTestId('fleet-row').filter({ hasText: 'SG1-000001' });
  await expect(first).toContainText('An Peeters');
  await expect(first).toContainText('Linked');

  const typo = {
    serialNumber: 'SG1-000002',
    contractNumber: 'C-2026-0020',
    address: 'Veldstraat 10, 9000 Gent',
  };
  expect(await call(host.listenerUrl, '/v1/onboarding', typo)).toBe(202);
  await app.nav('Inbox');
  const card = page.getByRole('article', { name: 'Controller SG1-000002' });
  await expect(card).toContainText('Unknown contract');
  await card.getByRole('button', { name: 'Link to C-2026-0002' }).click();
  await expect(card).toBeHidden();

  const health = {
    serialNumber: 'SG1-000002',
    status: 'error',
    errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
  };
  expect(await call(host.listenerUrl, '/v1/health', health)).toBe(202);
  await app.nav('Fleet');
  const second = page.getByTestId('fleet-row').filter({ hasText: 'SG1-000002' });
  await expect(second).toContainText('Lost connection with the battery');
  await second.click();
  await expect(page.getByText('C-2026-0002').first()).toBeVisible();
  await expect(page.getByText('Health: error').first()).toBeVisible();
});

test('controllers that called before the contracts were imported are linked together from the inbox', async ({
  app,
  page,
  host,
}) => {
  await app.open();
  const gent = (street: string) => ({ street, postalCode: '9000', city: 'Gent' });
  for (const [serialNumber, contractNumber, street] of [
    ['SG1-000011', 'C-2026-0001', 'Kerkstraat 1'],
    ['SG1-000012', 'C-2026-0002', 'Veldstraat 10'],
    ['SG1-000013', 'C-2026-0002', 'Veldstraat 10'], // a second controller names the same contract
  ] as const)
    expect(
      await call(host.listenerUrl, '/v1/onboarding', { serialNumber, contractNumber, address: gent(street) }),
    ).toBe(202);
  await importContracts(app, page);

  await app.nav('Inbox');
  const bar = page.getByRole('region', { name: 'Clear matches' });
  // SG1-000012 and SG1-000013 both name C-2026-0002: only SG1-000011 is clear.
  await expect(bar).toContainText('1 controller names a contract exactly');
  await bar.getByRole('button', { name: 'Link it…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Link 1' }).click();
  await expect(page.getByRole('status', { name: 'Clear matches linked' })).toContainText(
    'Linked 1 controller',
  );
  await expect(page.getByRole('article', { name: 'Controller SG1-000011' })).toBeHidden();
  await expect(page.getByRole('article', { name: 'Controller SG1-000013' })).toBeVisible();

  await app.nav('Fleet');
  const linked = page.getByTestId('fleet-row').filter({ hasText: 'SG1-000011' });
  await expect(linked).toContainText('An Peeters');
  await expect(linked).toContainText('Linked');
});
