/**
 * "Look up" in the manager's editor, in Chromium, against local stand-ins
 * for Wikidata and Wikipedia (src/test-setup/wiki-server.ts) that the test
 * build's worker is pointed at (src/background/wiki-e2e.ts). The test build
 * holds the Wikimedia host permissions from install (wxt.config.ts: Chrome's
 * prompt is a dialog no driver can answer), so the click's
 * permissions.request resolves granted at once.
 */
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { cardContent, readCard, revealMark } from './support/probes';
import { settledMarks } from './support/scenario';
import { startWikiServer, type WikiServer } from '../src/test-setup/wiki-server';
import { searchAnswer, searchHit } from '../src/test-setup/wiki-fixtures';

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

test('a pick fills the new note, Save keeps the article and its licence, the card credits it', async ({
  manager: page,
  page: reading,
  server,
}) => {
  await page.getByRole('button', { name: 'Add note' }).click();
  const form = page.locator('form.editor');
  await form.getByLabel('Name').fill('NATO');
  await form.getByRole('button', { name: 'Look up' }).click();

  const list = form.getByRole('list', { name: /Wikidata items for “NATO”/ });
  await expect(list.getByRole('button')).toHaveCount(2);
  const nato = list.getByRole('button', { name: 'NATO', exact: true });
  // The keyboard reaches the candidates at once: the first has focus.
  await expect(nato).toBeFocused();
  await expect(nato).toHaveAccessibleDescription('intergovernmental military alliance');
  await page.keyboard.press('Enter');

  await expect(form.getByTestId('lookup-message')).toContainText('nothing is saved until you do');
  await expect(form.getByLabel('Note')).toHaveValue(/military alliance/);
  await expect(form.getByLabel('Kind')).toHaveValue('organization');
  await expect(form).toContainText('North Atlantic Treaty Organization');
  await expect(form.locator('fieldset.sources')).toContainText('NATO');
  expect(wiki.counts('search').requests).toBe(1);
  expect(wiki.counts('summary').requests).toBe(1);

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit NATO' }).click();
  await expect(page.locator('form.editor fieldset.sources a')).toHaveAttribute(
    'href',
    'https://en.wikipedia.org/wiki/NATO',
  );

  const tab = playwrightTab(reading);
  await tab.goto(`${server.origin}/sites/lookup.html`);
  await settledMarks(tab);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'NATO'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  const card = (await cardContent(tab)).text;
  expect(card).toContain('military alliance');
  expect(card).toContain('From Wikipedia: NATO (CC BY-SA 4.0)');
});

test('a disambiguation page gives no note and says so; None of these changes nothing', async ({
  manager: page,
}) => {
  wiki.setSearch(
    'mercury',
    searchAnswer('mercury', [searchHit('Q10371', 'Mercury', 'Wikimedia disambiguation page')]),
  );
  wiki.setEntity('Q10371', {
    entities: {
      Q10371: {
        type: 'item',
        id: 'Q10371',
        labels: { en: { language: 'en', value: 'Mercury' } },
        descriptions: {},
        aliases: {},
        sitelinks: { enwiki: { site: 'enwiki', title: 'Mercury', badges: [] } },
      },
    },
  });
  await page.getByRole('button', { name: 'Add note' }).click();
  const form = page.locator('form.editor');
  await form.getByLabel('Name').fill('Mercury');
  await form.getByRole('button', { name: 'Look up' }).click();
  await form.getByRole('button', { name: 'None of these' }).click();
  await expect(form.getByRole('list', { name: /Wikidata items/ })).toHaveCount(0);
  await expect(form.getByLabel('Kind')).toHaveValue('person');

  await form.getByRole('button', { name: 'Look up' }).click();
  await form.getByRole('button', { name: 'Mercury', exact: true }).click();
  await expect(form.getByTestId('lookup-message')).toContainText('lists several meanings');
  await expect(form.getByLabel('Note')).toHaveValue('');
});
