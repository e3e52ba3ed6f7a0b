import { expect, test } from './fixtures/test';

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

test('contracts import, a controller links itself, a typo is linked from the inbox, health shows live', async ({
  app,
  page,
  host,
}) => {
  await app.open();
  await app.nav('Contracts');
  await page
    .getByLabel('Contract CSV file')
    .setInputFiles({ name: 'contracts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Import 2 contracts' }).click();
  await expect(page.getByText('Import done')).toBeVisible();

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
