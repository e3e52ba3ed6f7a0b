import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './fixtures/test';

const TOKEN = 'e2e-activity-token-0001';
test.use({ launch: { args: ['--listener-token', TOKEN] } });

async function call(listenerUrl: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${listenerUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

test('the activity of one installation, live, filtered by serial and exported as CSV', async ({
  app,
  page,
  host,
}) => {
  for (const serialNumber of ['SG1-000001', 'SG1-000002'])
    expect(
      await call(host.listenerUrl, '/v1/onboarding', { serialNumber, address: 'Kerkstraat 1, 9000 Gent' }),
    ).toBe(202);
  // A call the listener refuses is kept in the journal with its raw body.
  expect(
    await call(host.listenerUrl, '/v1/health', { serialNumber: 'SG1-000001', status: 42 }),
  ).toBeGreaterThanOrEqual(400);

  await app.open();
  await app.nav('Activity');
  const rows = page.getByTestId('activity-row');
  await expect(rows).toHaveCount(3);

  await page.getByLabel('Serial').fill('SG1-000001');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('activity-match-count')).toHaveText(
    'Showing 2 of 2 matching entries, newest first',
  );
  await expect(rows.first()).toContainText('Refused call to');

  // New entries arrive without a reload, filtered like the rest.
  expect(
    await call(host.listenerUrl, '/v1/health', { serialNumber: 'SG1-000001', status: 'ok', errors: [] }),
  ).toBe(202);
  expect(
    await call(host.listenerUrl, '/v1/health', { serialNumber: 'SG1-000002', status: 'ok', errors: [] }),
  ).toBe(202);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Health: ok');

  // The refused call's raw body, as received.
  await page
    .getByRole('button', { name: /^Details of entry/ })
    .nth(1)
    .click();
  await expect(page.getByTestId('activity-raw-entry')).toContainText('\\"status\\":42');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^fleetdesk-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  const { data } = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(data.map((r) => [r['serial'], r['type']])).toEqual([
    ['SG1-000001', 'callback.health'],
    ['SG1-000001', 'callback.refused'],
    ['SG1-000001', 'callback.onboarding'],
  ]);
  expect(data.every((r) => r['actor']?.startsWith('token:'))).toBe(true);
});
