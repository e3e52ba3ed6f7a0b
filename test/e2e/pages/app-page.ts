import type { Locator, Page } from '@playwright/test';

/** The seven pages of the app's main navigation, in menu order. */
export const NAV_PAGES = [
  'Fleet',
  'Inbox',
  'Contracts',
  'Control',
  'Schedules',
  'Activity',
  'Settings',
] as const;
export type NavPage = (typeof NAV_PAGES)[number];

/** The app shell: loading, the main navigation and the notices shown at the top. */
export class AppPage {
  constructor(
    readonly page: Page,
    private readonly host: { uiUrl: string },
  ) {}

  /** Opens the UI (the host's current URL unless told otherwise) and waits until it has booted. */
  async open(url = this.host.uiUrl): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  /** The renderer marks <html data-app-state="ready"> once it has connected and loaded its data. */
  async waitReady(): Promise<void> {
    await this.page.locator('html[data-app-state="ready"]').waitFor();
  }

  /** Follows a main-navigation link. */
  async nav(name: NavPage): Promise<void> {
    await this.navLink(name).click();
  }

  navLink(name: NavPage): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  /**
   * The notices shown at the top of every page (a corrupt file moved aside…). The renderer gives
   * them role="status", not "alert": they persist until dismissed and should not interrupt.
   */
  notices(): Locator {
    return this.page.getByRole('region', { name: 'Notices' }).getByRole('status');
  }

  /** The heading of the page currently shown (the app name in the header is the only h1). */
  pageHeading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 });
  }
}
