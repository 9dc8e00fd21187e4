/**
 * Page object for the notes manager (options page), in Chromium.
 */
import { expect, type Page } from '@playwright/test';

export class ManagerPage {
  constructor(readonly page: Page) {}

  entity(name: string) {
    return this.page
      .locator('.entities > li')
      .filter({ has: this.page.locator('.entity-name', { hasText: name }) });
  }

  async add(fields: {
    name: string;
    aliases?: string;
    note?: string;
    tags?: string;
    kind?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add note' }).click();
    await this.fill(fields);
  }

  async edit(
    name: string,
    fields: { name?: string; aliases?: string; note?: string; tags?: string },
  ): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    await this.fill(fields);
  }

  private async fill(fields: {
    name?: string;
    aliases?: string;
    note?: string;
    tags?: string;
    kind?: string;
  }) {
    const form = this.page.locator('form.editor');
    if (fields.name !== undefined) await form.getByLabel('Name').fill(fields.name);
    if (fields.aliases !== undefined) await form.getByLabel('Aliases').fill(fields.aliases);
    if (fields.kind !== undefined) await form.getByLabel('Kind').selectOption(fields.kind);
    if (fields.note !== undefined) await form.getByLabel('Note').fill(fields.note);
    if (fields.tags !== undefined) await form.getByLabel('Tags').fill(fields.tags);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toHaveCount(0);
  }

  async delete(name: string): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(this.entity(name)).toHaveCount(0);
  }

  async count(): Promise<number> {
    return this.page.locator('.entities > li').count();
  }
}
