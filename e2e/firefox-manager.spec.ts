/**
 * The manager in Firefox: search, an import preview with a conflict (the
 * reader's version kept), and a delete undone. The manager is the page the
 * extension opens on install (BiDi cannot open moz-extension: URLs).
 */
import type { Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { waitFor } from './support/driver';
import { puppeteerTab } from './support/firefox';
import { writeTempFile } from './support/scenario';

/** The text of the first element `selector` matches, or null. */
const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

const heading = (page: Page) => textOf(page, '#entities-title');

test('Firefox: search, an import preview that keeps a local edit, and a delete undone', async ({
  firefox: { manager },
}) => {
  await waitFor(async () => (await heading(manager))?.includes('(11)'), 'no starter notes');

  // Search, folded: "ƏLİYEV" finds the alias "İlham Əliyev".
  await manager.type('input[type="search"]', 'ƏLİYEV');
  await waitFor(
    async () => (await textOf(manager, '[data-testid="match-count"]')) === '1 matching',
    'search did not narrow the list',
  );
  expect(await textOf(manager, '.entity-name')).toBe('Ilham Aliyev');
  await manager.evaluate(() => {
    const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    box.value = '';
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });

  // A file that carries another note for a starter entity: a conflict, kept as it is.
  const file = writeTempFile(
    'conflict.json',
    JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      title: 'Other notes',
      entities: [
        { id: 'starter-hulusi-akar', name: 'Hulusi Akar', note: 'Someone else’s note.' },
        { name: 'Arif Akdogan', note: 'Photographer.' },
      ],
    }),
  );
  const tab = puppeteerTab(manager);
  await tab.upload('input[type="file"]', file);
  const counts = await tab.waitForText('[data-testid="preview-counts"]', 'in conflict');
  expect(counts).toContain('1 new, 0 changed, 0 unchanged, 1 in conflict');
  await tab.click('[data-testid="import-preview"] button.primary');
  const result = await tab.waitForText('[data-testid="import-result"]', /added/);
  expect(result).toContain('added 1, updated 0, kept 1');
  await waitFor(async () => (await heading(manager))?.includes('(12)'), 'the import did not show');

  // Delete one from the bulk bar, then undo.
  await tab.click('input[aria-label="Select Benny Gantz"]');
  await tab.click('.bulk button.danger');
  await waitFor(async () => (await heading(manager))?.includes('(11)'), 'the delete did not show');
  await tab.click('[data-testid="undo-bar"] button.primary');
  await waitFor(
    async () => (await heading(manager))?.includes('(12)'),
    'undo did not bring it back',
  );
});
