import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { readSettingsFile } from './fixtures/data-files';

const PASSWORD = 'e2e-secret-never-shown';

const brokers = (page: Page) => page.getByRole('region', { name: 'MQTT brokers' });
const protocol = (page: Page) => page.getByRole('region', { name: 'Protocol profile' });

test('a broker saved with a password lists it as stored after a reload, never showing it', async ({
  host,
  app,
  page,
}) => {
  await app.open();
  await app.nav('Settings');
  const section = brokers(page);
  await expect(section.getByTestId('password-storage')).toContainText(
    'keeps typed passwords for this run only',
  );
  await section.getByRole('button', { name: 'Add broker' }).click();
  await section.getByLabel(/^Name/).fill('Eniris production');
  await section.getByLabel(/^Broker URL/).fill('mqtt://mqtt.example.invalid:1883');
  await section.getByLabel(/^Username/).fill('supplier-7');
  await section.getByLabel(/^Password/).fill(PASSWORD);
  await section.getByRole('button', { name: 'Save broker' }).click();
  await expect(section.getByLabel('Broker Eniris production')).toContainText('password stored');

  await page.reload();
  await app.waitReady();
  const listed = brokers(page).getByLabel('Broker Eniris production');
  await expect(listed).toContainText('mqtt://mqtt.example.invalid:1883 · user supplier-7 · password stored');
  await expect(page.locator('body')).not.toContainText(PASSWORD);
  await listed.getByRole('button', { name: 'Edit' }).click();
  const password = brokers(page).getByLabel(/^Password/);
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', 'stored');

  // The password went to the secret store, not to the settings file.
  const settings = await readSettingsFile(host.dataDir);
  expect(JSON.stringify(settings)).not.toContain(PASSWORD);
  expect(settings?.['brokerProfiles']).toEqual([
    expect.objectContaining({
      name: 'Eniris production',
      passwordRef: expect.stringMatching(/^broker-profile\//),
    }),
  ]);
});

test('editing the protocol profile changes the preview, and saving keeps it', async ({ app, page, host }) => {
  await app.open();
  await app.nav('Settings');
  const section = protocol(page);
  const topic = section.getByTestId('preview-command-topic');
  await expect(topic).toHaveText('standard1/rp_one_s/remoteControlMetrics/SN-000123');

  const editor = section.getByLabel('Profile (JSON)');
  const profile = JSON.parse(await editor.inputValue()) as { topics: { command: string } };
  profile.topics.command = 'lab/commands/{serial}';
  await editor.fill(JSON.stringify(profile, null, 2));
  await expect(topic).toHaveText('lab/commands/SN-000123');

  profile.topics.command = 'lab/commands';
  await editor.fill(JSON.stringify(profile, null, 2));
  await expect(section.getByRole('alert')).toContainText('topics.command');
  await expect(section.getByRole('button', { name: 'Save protocol profile' })).toBeDisabled();

  profile.topics.command = 'lab/commands/{serial}';
  await editor.fill(JSON.stringify(profile, null, 2));
  await section.getByRole('button', { name: 'Save protocol profile' }).click();
  await expect(section).toContainText('This desk uses an edited profile.');
  const saved = await readSettingsFile(host.dataDir);
  expect((saved?.['protocolProfile'] as { topics: { command: string } }).topics.command).toBe(
    'lab/commands/{serial}',
  );

  await page.reload();
  await app.waitReady();
  await expect(protocol(page).getByTestId('preview-command-topic')).toHaveText('lab/commands/SN-000123');
});
