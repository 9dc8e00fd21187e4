/**
 * "Look up" in Firefox's manager, with Firefox's own permission prompt
 * answered as a reader answers it (support/firefox-permissions.ts: prompts
 * on, and its Allow or Deny pressed in the browser's window over BiDi),
 * against the local stand-ins for Wikidata and Wikipedia
 * (src/test-setup/wiki-server.ts) that the test build's background is
 * pointed at (src/background/wiki-e2e.ts).
 *
 * Every test first grants 127.0.0.1, where the stand-ins listen, as the
 * reader could in the browser's settings for the extension (Chrome's test
 * build holds it from install): without it the background's requests would
 * be cross-origin and fail, so a request that was made would not be told
 * from one that never was. The Wikimedia hosts and "website content" are
 * what the prompt asks for, and are never granted otherwise.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { WIKI_HOST_PERMISSIONS } from '../src/core/wiki-permissions';
import { startWikiServer, type WikiServer } from '../src/test-setup/wiki-server';
import { expect, test } from './fixtures';
import { waitFor } from './support/driver';
import { installExtension, puppeteerTab, startFirefox } from './support/firefox';
import {
  answerPermissionPrompt,
  changePermissions,
  firefoxWindowOutOfReach,
  promptIsOpen,
  PROMPTING,
} from './support/firefox-permissions';
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
import { importPackFile } from './support/scenario';

const downloads = mkdtempSync(join(tmpdir(), 'backstory-lookup-downloads-'));
test.use({
  firefoxLaunch: {
    args: PROMPTING.args,
    prefs: {
      ...PROMPTING.prefs,
      // The look-up's stand-ins are named in the event page's global: it must not be
      // stopped (30 s idle by default) while a test runs. Firefox's longest is 5 minutes.
      'extensions.background.idle.timeout': 300_000,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  },
});

let wiki: WikiServer;
test.beforeEach(async () => {
  wiki = await startWikiServer();
});
test.afterEach(() => wiki.close());

const LOOKUP_MESSAGE = '[data-testid="lookup-message"]';
const CANDIDATES = 'form.editor .lookup-pick button.candidate';
const REFUSED =
  'Backstory is not allowed to read from Wikipedia and Wikidata, so nothing was looked up.';
const STAND_INS = { origins: ['http://127.0.0.1/*'] };

/** What the extension holds, as it reads it itself. */
function granted(manager: Page): Promise<{ origins: string[]; data_collection?: string[] }> {
  return manager.evaluate(`browser.permissions.getAll()`) as Promise<{
    origins: string[];
    data_collection?: string[];
  }>;
}

/** The first element `selector` matches whose text is `text`, clicked with the real pointer. */
async function clickText(page: Page, selector: string, text: string): Promise<void> {
  const element = await waitFor(async () => {
    for (const handle of await page.$$(selector)) {
      if ((await handle.evaluate((e) => e.textContent?.trim())) === text) return handle;
    }
    return null;
  }, `no ${selector} reading “${text}”`);
  await element.click();
}

/** Opens the editor on a new note (or on the note named `edit`) and types `name` into it. */
async function openEditor(page: Page, { name, edit }: { name?: string; edit?: string }) {
  if (edit) await page.locator(`button[aria-label="Edit ${edit}"]`).click();
  else await clickText(page, 'button', 'Add note');
  await page.waitForSelector('form.editor');
  if (name) await page.type('form.editor label > input', name);
}

/** Names the stand-ins in the background, then clicks Look up as the reader does. */
async function clickLookUp(page: Page): Promise<void> {
  await page.evaluate(
    `browser.runtime.getBackgroundPage().then((bg) => { bg.backstoryWikiEndpoints = ${JSON.stringify(
      standInEndpoints(wiki),
    )}; })`,
  );
  await page.locator('form.editor button.lookup-button').click();
}

const candidates = (page: Page) =>
  page.$$eval(CANDIDATES, (buttons) => buttons.map((b) => b.textContent?.trim() ?? ''));
const noteText = (page: Page) => page.$eval('form.editor textarea', (t) => t.value);

async function save(page: Page): Promise<void> {
  await page.locator('form.editor button[type="submit"]').click();
  await waitFor(
    () => page.evaluate(() => document.querySelector('form.editor') === null),
    'the editor did not close on Save',
  );
}

async function grantStandIns(browser: Browser, manager: Page): Promise<void> {
  // Every test here answers Firefox's own prompt: where its window cannot be reached, say so.
  const outOfReach = await firefoxWindowOutOfReach(browser);
  test.skip(outOfReach !== null, outOfReach ?? '');
  await changePermissions(browser, 'grant', STAND_INS);
  expect((await granted(manager)).origins).toEqual(STAND_INS.origins);
}

test('Firefox: the reader denies the prompt: the editor says why, nothing is sent, the note saves; allowed, the look-up reaches Wikidata; a disambiguation says so', async ({
  firefox: { browser, manager },
}) => {
  const tab = puppeteerTab(manager);
  await grantStandIns(browser, manager);

  await openEditor(manager, { name: 'NATO' });
  await clickLookUp(manager);
  const prompt = await answerPermissionPrompt(browser, 'deny');
  // Firefox's own words: the sites, and the data collection of the name looked up.
  const asked = prompt.texts.join(' · ');
  expect(asked).toContain('wikipedia.org');
  expect(asked).toContain('www.wikidata.org');
  expect(asked).toContain('website content');
  expect(prompt.deny).toBe('Deny');

  expect(await tab.waitForText(LOOKUP_MESSAGE, REFUSED)).toContain(
    'Allow it when the browser asks',
  );
  expect(await candidates(manager)).toEqual([]);
  expect(wiki.reached('wikidata') + wiki.reached('wikipedia')).toBe(0);
  const refused = await granted(manager);
  expect(refused.origins).toEqual(STAND_INS.origins);
  expect(refused.data_collection ?? []).toEqual([]);

  // The editor goes on: the reader writes the note and saves it.
  await manager.type('form.editor textarea', 'Military alliance, written by hand.');
  await save(manager);
  const saved = await waitFor(() => storedNote(tab, 'NATO'), 'the note was not saved');
  expect(saved.note).toBe('Military alliance, written by hand.');
  expect(saved.sources).toEqual([]);

  // The control: the same look-up, allowed, reaches the stand-in.
  await openEditor(manager, { edit: 'NATO' });
  await clickLookUp(manager);
  await answerPermissionPrompt(browser, 'allow');
  await waitFor(async () => (await candidates(manager)).length === 2, 'no candidates listed');
  expect(await candidates(manager)).toEqual(['NATO', 'NATO phonetic alphabet']);
  expect(wiki.counts('search').requests).toBe(1);
  const allowed = await granted(manager);
  expect(allowed.origins).toEqual(expect.arrayContaining(WIKI_HOST_PERMISSIONS));
  expect(allowed.data_collection).toEqual(['websiteContent']);
  await clickText(manager, 'form.editor button', 'None of these');
  await clickText(manager, 'form.editor button', 'Cancel');

  // A disambiguation: no prompt now, a candidate, and no note taken.
  teachMercury(wiki);
  await openEditor(manager, { name: 'Mercury' });
  await clickLookUp(manager);
  await clickText(manager, CANDIDATES, 'Mercury');
  expect(await tab.waitForText(LOOKUP_MESSAGE, /several meanings/)).toContain(
    '“Mercury” on Wikipedia lists several meanings',
  );
  expect(await noteText(manager)).toBe('');
  expect(await promptIsOpen(browser)).toBe(false);
});

test('Firefox: "website content" withdrawn in the browser\'s settings: the pick is refused and sends nothing; the next Look up asks for it alone', async ({
  firefox: { browser, manager },
}) => {
  const tab = puppeteerTab(manager);
  await grantStandIns(browser, manager);
  await openEditor(manager, { name: 'NATO' });
  await clickLookUp(manager);
  await answerPermissionPrompt(browser, 'allow');
  await waitFor(async () => (await candidates(manager)).length === 2, 'no candidates listed');

  // The reader withdraws the data collection while the candidates show; the hosts stay.
  await changePermissions(browser, 'withdraw', { dataCollection: ['websiteContent'] });
  const withdrawn = await granted(manager);
  expect(withdrawn.origins).toEqual(expect.arrayContaining(WIKI_HOST_PERMISSIONS));
  expect(withdrawn.data_collection ?? []).toEqual([]);
  const before = wiki.total();
  await clickText(manager, CANDIDATES, 'NATO');
  await tab.waitForText(LOOKUP_MESSAGE, REFUSED);
  expect(wiki.total()).toBe(before);
  expect(wiki.counts('entity').requests).toBe(0);
  expect(await noteText(manager)).toBe('');

  // Look up again: Firefox asks for the missing collection only; allowed, the same pick goes through.
  await clickLookUp(manager);
  const asked = (await answerPermissionPrompt(browser, 'allow')).texts.join(' · ');
  expect(asked).toContain('website content');
  expect(asked).not.toContain('wikidata.org');
  await clickText(manager, CANDIDATES, 'NATO');
  await tab.waitForText(LOOKUP_MESSAGE, 'nothing is saved until you do');
  expect(wiki.counts('entity').requests).toBe(1);
  expect(await noteText(manager)).toMatch(/military alliance/);
});

test('Firefox: a pick fills the note, Save keeps the article and its licence, the card credits it; a backup restored in a fresh profile keeps both', async ({
  server,
  firefox: { browser, manager },
}) => {
  const tab = puppeteerTab(manager);
  await grantStandIns(browser, manager);
  await openEditor(manager, { name: 'NATO' });
  await clickLookUp(manager);
  await answerPermissionPrompt(browser, 'allow');
  await clickText(manager, CANDIDATES, 'NATO');
  await tab.waitForText(LOOKUP_MESSAGE, 'nothing is saved until you do');
  expect(await noteText(manager)).toMatch(/military alliance/);
  expect(await manager.$eval('form.editor select', (s) => s.value)).toBe('organization');
  await save(manager);
  const saved = await waitFor(() => storedNote(tab, 'NATO'), 'the note was not saved');
  expect(saved.sources).toEqual([expect.objectContaining({ url: NATO_ARTICLE, license: LICENSE })]);

  const reading = puppeteerTab(await browser.newPage());
  const card = await cardTextOnPage(reading, server.origin);
  expect(card).toContain('military alliance');
  expect(card).toContain(NATO_CREDIT);

  // Export every note, as the manager does: the file carries the article and its licence.
  await tab.click('[data-testid="export-all"]');
  await tab.waitForText('[data-testid="export-result"]', 'Exported 12 notes.');
  const file = await waitFor(() => {
    const files = readdirSync(downloads);
    const name = files.find((f) => /^backstory-backup-.*\.json$/.test(f));
    return Promise.resolve(name && !files.some((f) => f.endsWith('.part')) ? name : null);
  }, 'Firefox saved no backup file');
  const path = join(downloads, file);
  expect(exportedSources(path, 'NATO')).toEqual([
    expect.objectContaining({ url: NATO_ARTICLE, license: LICENSE }),
  ]);

  // Restored into a fresh profile: the licence is kept, and that profile's card credits it.
  const fresh = await startFirefox();
  try {
    const restored = puppeteerTab(await installExtension(fresh, E2E_BUILD.firefox));
    await restored.waitForText('#entities-title', '(11)');
    expect(await importPackFile(restored, path)).toContain('added 1,');
    await restored.waitForText('#entities-title', '(12)');
    const note = await waitFor(() => storedNote(restored, 'NATO'), 'the restored note is missing');
    expect(note.sources).toEqual(saved.sources);
    const freshCard = await cardTextOnPage(puppeteerTab(await fresh.newPage()), server.origin);
    expect(freshCard).toContain(NATO_CREDIT);
  } finally {
    await fresh.close();
  }
});
