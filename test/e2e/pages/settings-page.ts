import { expect, type Locator, type Page } from '@playwright/test';

/** The Settings page. */
export class SettingsPage {
  readonly operatorNameInput: Locator;
  readonly saveButton: Locator;
  readonly savedMessage: Locator;

  constructor(readonly page: Page) {
    this.operatorNameInput = page.getByLabel('Operator name', { exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save settings' });
    this.savedMessage = page.getByRole('status').filter({ hasText: 'Settings saved.' });
  }

  async setOperatorName(name: string): Promise<void> {
    await this.operatorNameInput.fill(name);
  }

  /** Saves and waits for the host's answer; the UI confirms only after the core accepted the change. */
  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.savedMessage).toBeVisible();
  }

  async operatorName(): Promise<string> {
    return this.operatorNameInput.inputValue();
  }
}
