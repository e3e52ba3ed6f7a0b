import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures/test';
import { quarantinedSettings, readSettingsFile } from './fixtures/data-files';

/** Two kinds of damage: a truncated or hand-mangled file, and a file of NULs left by a power cut. */
const damage = [
  { kind: 'not JSON', bytes: Buffer.from('{ not json') },
  { kind: 'NUL bytes', bytes: Buffer.alloc(64) },
];

for (const { kind, bytes } of damage) {
  test.describe(`a settings file of ${kind}`, () => {
    test.use({ seed: { 'settings.json': bytes } });

    test('is moved aside, reported, and the app still works', async ({ host, app, settingsPage }) => {
      await app.open();
      const notice = app.notices().filter({ hasText: 'Settings file could not be read' });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText('moved aside');

      const moved = await quarantinedSettings(host.dataDir);
      expect(moved).toHaveLength(1);
      expect(await readFile(moved[0]!)).toEqual(bytes);

      await app.nav('Settings');
      await settingsPage.setOperatorName('Grace Hopper');
      await settingsPage.save();
      // Saved means on disk, in a fresh settings.json next to the quarantined one.
      expect((await readSettingsFile(host.dataDir))?.['operatorName']).toBe('Grace Hopper');
    });
  });
}
