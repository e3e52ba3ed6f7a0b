import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

const CONTROLLERS = 30;
test.use({
  launch: { cli: DEMO_CLI, args: ['--controllers', String(CONTROLLERS), '--health-period', '10'] },
});

/**
 * A staged rollout on the demo fleet, as an operator does it: a saved Fleet filter picks the
 * targets, the dry-run shows the impact, the typed number of homes confirms, the first batch of five
 * goes out before the rest, the grid reaches all confirmed, and Release all hands control back.
 * Waits on states, never on time: the machine running this may be busy.
 */
test('an operator rolls a battery setpoint out to the linked demo fleet in stages and releases it', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000);
  await app.open();
  await expect(page.getByTestId('fleet-match-count')).toHaveText(`${CONTROLLERS} of ${CONTROLLERS}`, {
    timeout: 60_000,
  });

  // A saved filter on the Fleet page: the linked installations.
  await page.getByLabel('Linked', { exact: true }).selectOption('linked');
  await page.getByRole('button', { name: 'Save current filter…' }).click();
  await page.getByLabel('Filter name').fill('Linked demo');
  await page.getByRole('button', { name: 'Save filter' }).click();

  await app.nav('Control');
  await expect(page.getByRole('region', { name: 'Broker link' })).toContainText('mqtt://127.0.0.1');
  const targets = page.getByRole('region', { name: 'Targets' });
  await targets.getByLabel('From saved filter').selectOption('Linked demo');
  const selectShown = targets.getByRole('button', { name: /^Select all shown \(\d+\)$/ });
  const n = Number(/\((\d+)\)/.exec((await selectShown.textContent()) ?? '')?.[1]);
  expect(n).toBeGreaterThanOrEqual(20);
  await selectShown.click();
  await expect(page.getByTestId('target-count')).toHaveText(`${n} targets selected`);

  await page.getByLabel('Include storage').check();
  await page.getByLabel('Storage policy').selectOption('setpoint');
  await page.getByLabel('Storage setpoint (W)').fill('-500');

  // The plan shows with the core's defaults: a first batch of five.
  const plan = page.getByRole('region', { name: 'Staged rollout' });
  await expect(plan.getByLabel('First batch')).toHaveValue('5');
  await expect(plan.getByLabel('Batch size')).toHaveValue('50');

  // The impact before anything runs.
  await page.getByRole('button', { name: 'Preview (dry-run)' }).click();
  const impact = page.getByRole('region', { name: 'Impact' });
  await expect(impact.getByTestId('impact-homes')).toHaveText(`${n} homes affected`, { timeout: 20_000 });
  await expect(impact.getByTestId('impact-storage')).toHaveText(
    `Storage: ${(n * 0.5).toLocaleString('en-US', { maximumFractionDigits: 1 })} kW at stake over ${n} sites`,
  );
  await expect(plan).toContainText(`${n} targets go out in 2 batches`);
  await expect(page.getByRole('region', { name: 'Rollout', exact: true })).toHaveCount(0);

  await page.getByLabel('Reason').fill('e2e: staged charge of the linked demo fleet');
  const send = page.getByRole('button', { name: `Send to ${n} installations` });
  await expect(send).toBeDisabled();
  await page.getByLabel('Type the number of homes to confirm').fill(String(n));
  await send.click();

  const rollout = page.getByRole('region', { name: 'Rollout', exact: true });
  await expect(rollout.getByTestId('rollout-state')).toBeVisible({ timeout: 20_000 });
  await expect(rollout).toContainText('first batch 5, then 50');
  // Both batches go out and every target confirms (by the controllers' feedback, not PUBACKs).
  await expect(rollout.getByTestId('rollout-state')).toHaveText('completed', { timeout: 150_000 });
  await expect(rollout.getByTestId('rollout-gate')).toHaveText(`completed: ${n} of ${n} targets confirmed`);
  await expect(rollout.getByTestId('count-confirmed')).toHaveText(`confirmed: ${n}`);
  await expect(rollout).toContainText('batch 2 of 2');
  const rows = rollout.getByTestId('rollout-row');
  // The grid: the first five rows were the first batch, the rest the second; all confirmed.
  await expect(rows.nth(0).getByRole('cell').nth(1)).toHaveText('1');
  await expect(rows.nth(4).getByRole('cell').nth(1)).toHaveText('1');
  await expect(rows.nth(5).getByRole('cell').nth(1)).toHaveText('2');
  await expect(rows.first().getByTestId('target-state')).toHaveText('confirmed');

  await rollout.getByRole('button', { name: 'Release all' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('each returns to local control when its fallback timeout runs out');
  await dialog.getByLabel(/Reason/).fill('end of the e2e run');
  await dialog.getByRole('button', { name: 'Release all' }).click();
  await expect(rollout.getByTestId('count-released')).toHaveText(`released: ${n}`, { timeout: 30_000 });
  await expect(rows.first().getByTestId('target-state')).toHaveText('released');
});
