/**
 * "Look up" in the manager's editor, in Chromium, against local stand-ins
 * for Wikidata and Wikipedia (src/test-setup/wiki-server.ts) that the test
 * build's worker is pointed at (src/background/wiki-e2e.ts). The test build
 * holds the Wikimedia host permissions from install (wxt.config.ts: Chrome's
 * prompt is a dialog no driver can answer, and no switch answers it), so
 * the click's permissions.request resolves granted at once. What Chromium
 * lets a test take away for real is the reader's "Site access" on
 * chrome://extensions: the refusal test withholds Wikimedia there. Firefox, whose
 * prompt can be answered, is e2e/firefox-lookup.spec.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { WIKI_HOST_PERMISSIONS } from '../src/core/wiki-permissions';
import { startWikiServer, type WikiServer } from '../src/test-setup/wiki-server';
import { expect, test } from './fixtures';
import {
  activeTabId,
  clickInCardFrame,
  playwrightTab,
  startChromium,
  welcomePageOf,
} from './support/chromium';
import { waitFor } from './support/driver';
import {
  cardTextOnPage,
  exportedSources,
  LICENSE,
  NATO_ARTICLE,
  NATO_CREDIT,
  standInEndpoints,
  storedNote,
  teachMercury,
} from './support/lookup';
import { E2E_BUILD } from './support/paths';
import { CARD_FRAME } from './support/probes';
import { importPackFile, settledMarks } from './support/scenario';

const REFUSED =
  'Backstory is not allowed to read from Wikipedia and Wikidata, so nothing was looked up.';

let wiki: WikiServer;
test.beforeEach(async ({ serviceWorker }) => {
  wiki = await startWikiServer();
  await serviceWorker.evaluate((e) => {
    (globalThis as { backstoryWikiEndpoints?: unknown }).backstoryWikiEndpoints = e;
  }, standInEndpoints(wiki));
});
test.afterEach(() => wiki.close());

/** Whether the worker holds these hosts, asked as the look-up's own check asks. */
function holds(worker: Worker, origins: string[]): Promise<boolean> {
  return worker.evaluate(
    (origins) =>
      (
        globalThis as unknown as {
          chrome: { permissions: { contains(p: object): Promise<boolean> } };
        }
      ).chrome.permissions.contains({ origins }),
    origins,
  );
}

/**
 * "Site access" for the extension, set as the reader sets it on its page in
 * chrome://extensions: "On specific sites" with only 127.0.0.1 added (where
 * the stand-ins listen, so a request that got past the look-up's own check
 * would reach them) withholds Wikipedia and Wikidata; "On all sites" gives
 * them back.
 */
async function setSiteAccess(
  context: BrowserContext,
  extensionId: string,
  access: 'only 127.0.0.1' | 'all sites',
): Promise<void> {
  const settings = await context.newPage();
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  const select = settings.locator('select#hostAccess');
  if (access === 'all sites') {
    await select.selectOption('ON_ALL_SITES');
  } else {
    await select.selectOption('ON_SPECIFIC_SITES');
    const dialog = settings.locator('extensions-runtime-hosts-dialog');
    await dialog.locator('input').fill('http://127.0.0.1');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toBeHidden();
  }
  await settings.close();
}

test('a pick fills the new note, Save keeps the article and its licence, the card credits it; a backup restored in a fresh profile keeps both', async ({
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
    NATO_ARTICLE,
  );
  await page.locator('form.editor').getByRole('button', { name: 'Cancel' }).click();
  const saved = await waitFor(() => storedNote(playwrightTab(page), 'NATO'), 'no NATO stored');
  expect(saved.sources).toEqual([expect.objectContaining({ url: NATO_ARTICLE, license: LICENSE })]);

  const card = await cardTextOnPage(playwrightTab(reading), server.origin);
  expect(card).toContain('military alliance');
  expect(card).toContain(NATO_CREDIT);

  // Export every note, as the manager does: the file carries the article and its licence.
  const path = join(mkdtempSync(join(tmpdir(), 'backstory-lookup-')), 'backup.json');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-all').click(),
  ]);
  await download.saveAs(path);
  await expect(page.getByTestId('export-result')).toContainText('Exported 12 notes.');
  expect(exportedSources(path, 'NATO')).toEqual([
    expect.objectContaining({ url: NATO_ARTICLE, license: LICENSE }),
  ]);

  // Restored into a fresh profile: the licence is kept, and that profile's card credits it.
  const fresh = await startChromium(E2E_BUILD.chrome);
  try {
    const restored = playwrightTab(await welcomePageOf(fresh));
    await restored.waitForText('#entities-title', '(11)');
    expect(await importPackFile(restored, path)).toContain('added 1,');
    await restored.waitForText('#entities-title', '(12)');
    const note = await waitFor(() => storedNote(restored, 'NATO'), 'the restored note is missing');
    expect(note.sources).toEqual(saved.sources);
    const freshCard = await cardTextOnPage(playwrightTab(await fresh.newPage()), server.origin);
    expect(freshCard).toContain(NATO_CREDIT);
  } finally {
    await fresh.close();
  }
});

test('a disambiguation page gives no note and says so; None of these changes nothing', async ({
  manager: page,
}) => {
  teachMercury(wiki);
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

test('Wikimedia taken out of the site access on chrome://extensions while the candidates show: the pick says why and sends nothing, the note saves; given back, the same pick is fetched', async ({
  manager: page,
  context,
  serviceWorker,
  extensionId,
}) => {
  await page.getByRole('button', { name: 'Add note' }).click();
  const form = page.locator('form.editor');
  await form.getByLabel('Name').fill('NATO');
  await form.getByRole('button', { name: 'Look up' }).click();
  const nato = form.getByRole('button', { name: 'NATO', exact: true });
  await expect(nato).toBeVisible();

  await setSiteAccess(context, extensionId, 'only 127.0.0.1');
  expect(await holds(serviceWorker, WIKI_HOST_PERMISSIONS)).toBe(false);
  expect(await holds(serviceWorker, ['http://127.0.0.1/*'])).toBe(true);
  const before = wiki.total();
  await nato.click();
  await expect(form.getByTestId('lookup-message')).toContainText(REFUSED);
  expect(wiki.total()).toBe(before);
  expect(wiki.counts('entity').requests).toBe(0);
  await expect(form.getByLabel('Note')).toHaveValue('');

  // The editor goes on: the reader writes the note and saves it.
  await form.getByLabel('Note').fill('Military alliance, written by hand.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  const saved = await waitFor(() => storedNote(playwrightTab(page), 'NATO'), 'no NATO stored');
  expect(saved.note).toBe('Military alliance, written by hand.');

  // The control: site access given back, the same pick reaches the stand-in.
  await setSiteAccess(context, extensionId, 'all sites');
  expect(await holds(serviceWorker, WIKI_HOST_PERMISSIONS)).toBe(true);
  await page.getByRole('button', { name: 'Edit NATO' }).click();
  await form.getByRole('button', { name: 'Look up' }).click();
  await form.getByRole('button', { name: 'NATO', exact: true }).click();
  // The reader's own note is there: the editor asks before replacing it.
  await expect(
    form.getByRole('group', { name: /Replace it with the Wikipedia summary/ }),
  ).toBeVisible();
  expect(wiki.counts('entity').requests).toBe(1);
});

test("the new-note card on a page looks up in the page's language; the pick fills it and Save keeps the licence", async ({
  manager,
  page: reading,
  server,
  serviceWorker,
}) => {
  await reading.goto(`${server.origin}/sites/lookup-de.html`);
  await settledMarks(playwrightTab(reading));
  await reading.bringToFront();
  // A selection on the page, and the context menu's "new note" for it.
  expect(
    await reading.evaluate(() => {
      const text = document.querySelector('p')!.firstChild as Text;
      const at = text.data.indexOf('NATO');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'NATO'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    }),
  ).toBe('NATO');
  const tabId = await activeTabId(serviceWorker);
  await serviceWorker.evaluate(
    ([t, id]) =>
      (
        globalThis as unknown as {
          backstoryMenuAction: (a: string, t: string, id: number) => Promise<void>;
        }
      ).backstoryMenuAction('add-note', t, id),
    ['NATO', tabId] as const,
  );
  const composer = reading.frameLocator(CARD_FRAME).locator('[role="dialog"]');
  await expect(composer.getByLabel('Name')).toHaveValue('NATO');

  // The card's own click asks the permission (held by the test build) and searches.
  await clickInCardFrame(composer.getByRole('button', { name: 'Look up' }));
  const list = composer.getByRole('list', { name: /Wikidata items for “NATO”/ });
  await clickInCardFrame(list.getByRole('button', { name: 'NATO', exact: true }));
  await expect(composer.getByLabel('Note')).toHaveValue(/military alliance/);
  // Searched in the page's language (<html lang="de">), described in the reader's.
  const search = new URL(wiki.lastRequest('search')!.path, 'http://stand-in');
  expect(search.searchParams.get('language')).toBe('de');
  expect(search.searchParams.get('uselang')).toMatch(/^en/);

  await clickInCardFrame(composer.getByRole('button', { name: 'Save' }));
  const saved = await waitFor(() => storedNote(playwrightTab(manager), 'NATO'), 'no NATO stored');
  expect(saved.sources).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ url: `${server.origin}/sites/lookup-de.html` }),
      expect.objectContaining({ url: NATO_ARTICLE, license: LICENSE }),
    ]),
  );
});
