/**
 * "Refresh from Wikipedia" in the manager's editor, in Chromium, against
 * the local stand-ins for Wikidata and Wikipedia (src/test-setup/wiki-server.ts)
 * that the test build's worker is pointed at (src/background/wiki-e2e.ts),
 * as e2e/lookup.spec.ts does. The build holds the Wikimedia host
 * permissions from install, so the click's permissions.request resolves
 * granted at once. A note is taken by Look up and saved; the stand-in's
 * article then changes (setSummary: the next request answers the new
 * text); Refresh shows the difference, Decline changes nothing (after a
 * reload too), and Accept then Save keeps the new text, with its licence
 * and a new date.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { startWikiServer, type WikiServer } from '../src/test-setup/wiki-server';
import { NATO_SUMMARY } from '../src/test-setup/wiki-fixtures';
import type { Page } from '@playwright/test';

let wiki: WikiServer;
test.beforeEach(async ({ serviceWorker }) => {
  wiki = await startWikiServer();
  const endpoints = {
    wikidata: wiki.wikidataApi,
    wikipedia: new URL(wiki.wikipedia('en')).origin,
  };
  await serviceWorker.evaluate((e) => {
    (globalThis as { backstoryWikiEndpoints?: unknown }).backstoryWikiEndpoints = e;
  }, endpoints);
});
test.afterEach(() => wiki.close());

const CHANGED =
  'The North Atlantic Treaty Organization (NATO) is a military alliance of 32 European and North American states, founded in 1949 in Washington.';

/** The NATO note's editor, opened from the list. */
async function openNato(page: Page) {
  await page.getByRole('button', { name: 'Edit NATO' }).click();
  return page.locator('form.editor');
}

/** When the note's Wikipedia source says its text was taken. */
const takenAt = (form: ReturnType<Page['locator']>) =>
  form.locator('fieldset.sources li', { hasText: 'NATO' }).locator('time').getAttribute('datetime');

test('Refresh shows what the article changed; Decline keeps the note, Accept and Save take it with its licence and a new date', async ({
  manager: page,
}) => {
  // A note taken by Look up, saved.
  await page.getByRole('button', { name: 'Add note' }).click();
  let form = page.locator('form.editor');
  await form.getByLabel('Name').fill('NATO');
  await form.getByRole('button', { name: 'Look up' }).click();
  await form.getByRole('button', { name: 'NATO', exact: true }).click();
  await expect(form.getByLabel('Note')).toHaveValue(/founded in 1949\.$/);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  form = await openNato(page);
  const taken = await takenAt(form);
  expect(taken).toMatch(/^\d{4}-\d\d-\d\dT/);
  const original = await form.getByLabel('Note').inputValue();

  // The article as it is: nothing changed, and Wikipedia was asked again, not the kept answer.
  await form.getByRole('button', { name: 'Refresh from Wikipedia' }).click();
  await expect(form.getByTestId('refresh-message')).toHaveText(
    'Nothing changed: the note already says what the Wikipedia article “NATO” says now.',
  );
  expect(wiki.counts('summary').requests).toBe(2);

  // The article changes.
  wiki.setSummary('en', 'NATO', { ...NATO_SUMMARY, extract: CHANGED });
  await form.getByRole('button', { name: 'Refresh from Wikipedia' }).click();
  const review = form.getByRole('group', { name: 'What the Wikipedia article “NATO” says now' });
  await expect(review).toBeFocused();
  const diff = review.getByTestId('diff');
  await expect(diff.locator('ins')).toHaveText(['Added: 32 (end of added text)', /in Washington/]);
  await expect(diff.locator('del')).toHaveCount(0);
  await expect(review.getByRole('checkbox', { name: /Take Wikipedia’s text/ })).toBeChecked();
  // WCAG 2.1 A and AA, as e2e/a11y.spec.ts checks the rest of the manager.
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('[data-testid="refresh-review"]')
    .analyze();
  expect(axe.passes.length).toBeGreaterThan(5);
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  // While the review is open the note is still the reader's to edit: the review follows it.
  await form.getByLabel('Note').fill(`My own words.\n\n${original}`);
  await expect(diff.locator('del')).toHaveText('Removed: My own words.\n\n(end of removed text)');
  await form.getByLabel('Note').fill(original);
  await expect(diff.locator('del')).toHaveCount(0);

  // Decline: nothing changes, in the editor or, after a reload, in the database.
  await review.getByRole('button', { name: 'Decline' }).click();
  await expect(review).toHaveCount(0);
  await expect(form.getByTestId('refresh-message')).toHaveText('Declined: nothing was changed.');
  await expect(form.getByLabel('Note')).toHaveValue(original);
  await page.reload();
  form = await openNato(page);
  await expect(form.getByLabel('Note')).toHaveValue(original);
  expect(await takenAt(form)).toBe(taken);

  // Refresh again, Accept: the editor takes the new text; Save keeps it.
  await form.getByRole('button', { name: 'Refresh from Wikipedia' }).click();
  await form.getByRole('button', { name: 'Accept' }).click();
  await expect(form.getByTestId('refresh-message')).toContainText('nothing is saved until you do');
  await expect(form.getByLabel('Note')).toHaveValue(/in Washington\.$/);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  await page.reload();
  form = await openNato(page);
  await expect(form.getByLabel('Note')).toHaveValue(/32 European and North American states/);
  const source = form.locator('fieldset.sources li', { hasText: 'NATO' });
  await expect(source).toHaveCount(1);
  await expect(source).toContainText('(CC BY-SA 4.0)');
  await expect(source.locator('a')).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/NATO');
  const retaken = await takenAt(form);
  expect(Date.parse(retaken!)).toBeGreaterThan(Date.parse(taken!));
});

test('a refresh that fails says why in words and changes nothing', async ({ manager: page }) => {
  await page.getByRole('button', { name: 'Add note' }).click();
  const form = page.locator('form.editor');
  await form.getByLabel('Name').fill('NATO');
  await form.getByRole('button', { name: 'Look up' }).click();
  await form.getByRole('button', { name: 'NATO', exact: true }).click();
  await expect(form.getByLabel('Note')).toHaveValue(/founded in 1949\.$/);
  const note = await form.getByLabel('Note').inputValue();

  wiki.setMode('summary', { kind: 'status', status: 404 });
  await form.getByRole('button', { name: 'Refresh from Wikipedia' }).click();
  await expect(form.getByRole('alert')).toHaveText('Wikipedia has no article of that title.');

  wiki.setMode('summary', { kind: 'status', status: 429, retryAfter: '120' });
  await form.getByRole('button', { name: 'Refresh from Wikipedia' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Wikipedia is busy and asked Backstory to wait',
  );
  await expect(form.getByLabel('Note')).toHaveValue(note);
  await expect(form.getByTestId('refresh-review')).toHaveCount(0);
});
