import { DEMO_CLI } from './fixtures/host-process';
import { expect, test } from './fixtures/test';

test.use({ launch: { cli: DEMO_CLI, args: ['--controllers', '3'] } });

test('an installation page charts the feedback the controller sends, in a real browser', async ({
  app,
  page,
}) => {
  await app.open();
  const count = page.getByTestId('fleet-match-count');
  await expect(count).toHaveText('3 of 3', { timeout: 30_000 });
  await page.getByRole('link', { name: /^SG1-/ }).first().click();
  const power = page.getByRole('region', { name: 'Power' });
  await expect(power).toBeVisible();
  // The simulator reports every 10 s: the chart appears with its first reading, no reload needed.
  const chart = power.getByTestId('power-chart');
  await expect(chart.locator('canvas')).toBeVisible({ timeout: 30_000 });
  for (const label of ['Battery kW (+ discharge)', 'Solar kW', 'Grid kW (+ import)', 'SoC %'])
    await expect(chart).toContainText(label);
  await expect(power.getByTestId('power-coverage')).toContainText(/\d+ readings?/);

  // It follows the window's width, staying on screen while it asks for the new number of points.
  const canvasWidth = async () => (await chart.locator('canvas').boundingBox())?.width ?? NaN;
  const wide = await canvasWidth();
  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(canvasWidth, { timeout: 10_000 }).toBeLessThan(wide);
  await expect(chart.locator('canvas')).toBeVisible();
});
