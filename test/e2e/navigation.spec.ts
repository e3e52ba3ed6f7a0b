import { test, expect } from './fixtures/test';
import type { NavPage } from './pages/app-page';

/**
 * What each page shows on a fresh data dir: its heading and the words of its empty state. Pinned
 * copy on purpose (it is what an operator reads), so a wording change in renderer/ lands here too.
 */
const PAGES: Array<{ nav: NavPage; heading: string; empty: string }> = [
  { nav: 'Fleet', heading: 'Fleet', empty: 'No installations yet' },
  { nav: 'Inbox', heading: 'Onboarding inbox', empty: 'Nothing waits for you' },
  { nav: 'Contracts', heading: 'Contracts', empty: 'No contracts imported yet.' },
  { nav: 'Control', heading: 'Control', empty: 'Nothing to control yet' },
  { nav: 'Schedules', heading: 'Schedules', empty: 'Scheduled control is not available yet' },
  { nav: 'Activity', heading: 'Activity', empty: 'No activity recorded yet' },
];

test('every page of the main navigation renders its empty state on a fresh data dir', async ({
  app,
  page,
  settingsPage,
}) => {
  const main = page.getByRole('main');
  await app.open();
  for (const { nav, heading, empty } of PAGES) {
    await test.step(nav, async () => {
      await app.nav(nav);
      await expect(app.navLink(nav)).toHaveAttribute('aria-current', 'page');
      await expect(app.pageHeading()).toHaveText(heading);
      await expect(main.getByText(empty).first()).toBeVisible();
      // Loaded, not failed: a "Could not load …" alert next to an empty state would be a lie.
      await expect(main.getByRole('alert')).toHaveCount(0);
    });
  }
  // Settings has no empty state: a fresh data dir shows the defaults, nothing saved yet.
  await test.step('Settings', async () => {
    await app.nav('Settings');
    await expect(app.pageHeading()).toHaveText('Settings');
    await expect(settingsPage.operatorNameInput).toHaveValue('');
    await expect(settingsPage.saveButton).toBeDisabled();
  });
  // No notices on a clean start: nothing was wrong with the (absent) data files.
  await expect(app.notices()).toHaveCount(0);
});
