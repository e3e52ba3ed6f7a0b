import { test, expect } from './fixtures/test';
import { readSettingsFile } from './fixtures/data-files';

test('a setting saved in the UI survives a restart of the host', async ({ host, app, settingsPage }) => {
  await app.open();
  await app.nav('Settings');
  await settingsPage.setOperatorName('Ada Lovelace');
  await settingsPage.save();
  // The UI said "saved": by then the change must be on disk, not only in the host's memory.
  expect((await readSettingsFile(host.dataDir))?.['operatorName']).toBe('Ada Lovelace');

  const firstUrl = host.uiUrl;
  await host.restart();
  // A new run gets a new token: the old URL must not be what we reopen.
  expect(host.uiUrl).not.toBe(firstUrl);

  await app.open();
  await app.nav('Settings');
  expect(await settingsPage.operatorName()).toBe('Ada Lovelace');
});
