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
    if (fields.aliases !== undefined) {
      // Aliases are chips: typing "a, b," adds one chip per name.
      await form.getByLabel('New alias').fill(`${fields.aliases},`);
    }
    if (fields.kind !== undefined) await form.getByLabel('Kind').selectOption(fields.kind);
    if (fields.note !== undefined) await form.getByLabel('Note').fill(fields.note);
    if (fields.tags !== undefined) await form.getByLabel('New tag').fill(`${fields.tags},`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toHaveCount(0);
  }

  /** Deletes from the entity's editor; the undo bar then says what went. */
  async delete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    await this.page.locator('form.editor').getByRole('button', { name: 'Delete' }).click();
    await expect(this.entity(name)).toHaveCount(0);
    await expect(this.page.getByTestId('undo-bar')).toContainText(`Deleted “${name}”`);
  }

  /** How many notes there are, as the list's heading says. */
  async count(): Promise<number> {
    const title = await this.page.locator('#entities-title').textContent();
    const n = /\(([\d,]+)\)/.exec(title ?? '')?.[1];
    if (!n) throw new Error(`no count in the heading "${title}"`);
    return Number(n.replace(/,/g, ''));
  }

  /** Types a search and waits for the list to answer it. */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search notes' }).fill(text);
    await this.settled();
  }

  /** Waits until the list shows the answer to the query as it now stands. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(() => {
      const status = document.querySelector<HTMLElement>('[data-testid="match-count"]');
      return (
        status?.dataset.answers !== undefined && status.dataset.answers === status.dataset.query
      );
    });
  }

  /** The "N matching" line under the filters, once it answers the current query. */
  async matching(): Promise<number> {
    await this.settled();
    const text = (await this.page.getByTestId('match-count').textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }
}
