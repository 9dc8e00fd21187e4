/**
 * Accessibility checks (axe-core, WCAG 2.1 A and AA rules) of the manager,
 * the popup and the card, in Chromium.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { readCard, revealMark } from './support/probes';
import { settledMarks, writeTempFile } from './support/scenario';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(WCAG);
  if (include) builder = builder.include(include);
  const { violations, passes } = await builder.analyze();
  // Something was checked: the rules that passed include the card's or page's own.
  expect(passes.filter((p) => p.nodes.length > 0).length).toBeGreaterThan(5);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the manager, the popup and the card pass axe-core', async ({
  server,
  manager,
  page: demo,
  openPopup,
}) => {
  await manager.locator('.entity-name').first().waitFor();
  expect(await violations(manager)).toEqual([]);
  // The editor with its problems shown, a selection with the bulk bar, an import preview and its result.
  await manager.getByRole('button', { name: 'Edit Benny Gantz' }).click();
  await manager.locator('form.editor').getByLabel('Name').fill('');
  await manager.locator('form.editor').getByRole('button', { name: 'Save' }).click();
  await manager.locator('#name-error').waitFor();
  await manager.getByLabel('Select Hulusi Akar').check();
  await manager.locator('input[type="file"]').setInputFiles(
    writeTempFile(
      'a11y.json',
      JSON.stringify({
        format: 'backstory-pack',
        version: 1,
        entities: [
          { id: 'starter-hulusi-akar', name: 'Hulusi Akar', note: 'other' },
          { name: '' },
          { name: 'Added for the check' },
        ],
      }),
    ),
  );
  await manager.getByTestId('import-preview').waitFor();
  expect(await violations(manager)).toEqual([]);
  // The result, with the names added.
  await manager.getByRole('button', { name: 'Import the valid entries' }).click();
  await manager.getByTestId('import-result').getByText('Added for the check').waitFor();
  expect(await violations(manager)).toEqual([]);

  await demo.goto(`${server.origin}/demo.html`);
  await settledMarks(playwrightTab(demo));
  const rect = await waitFor(() => playwrightTab(demo).evaluate(revealMark, 'Gantz'), 'no mark');
  await demo.mouse.move(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await playwrightTab(demo).evaluate(readCard)).visible, 'no card');
  expect(await violations(demo, '[data-backstory-e2e="card"]')).toEqual([]);

  const popup = await openPopup(demo);
  await popup.getByRole('button', { name: /Benny Gantz/ }).waitFor();
  expect(await violations(popup)).toEqual([]);
});
