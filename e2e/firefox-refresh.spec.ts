/**
 * "Refresh from Wikipedia" in Firefox: the steps of e2e/refresh.spec.ts
 * (Look up and save, the article changes, Refresh shows it, Decline keeps
 * the note after a reload, Accept and Save take the new text with its
 * licence and a new date), against the same stand-ins, reached as
 * support/firefox-wiki.ts describes. The Wikimedia hosts and Firefox's
 * data collection are asked by the extension's own click of Look up,
 * granted by the test profile's switch (support/firefox.ts).
 */
import type { Page } from 'puppeteer-core';
import { NATO_SUMMARY } from '../src/test-setup/wiki-fixtures';
import { startWikiServer, type WikiServer } from '../src/test-setup/wiki-server';
import { expect, test } from './fixtures';
import { waitFor } from './support/driver';
import {
  allowWikiStandIns,
  clickButton,
  fillField,
  pointAtWikiStandIns,
} from './support/firefox-wiki';

let wiki: WikiServer;
test.beforeEach(async () => {
  wiki = await startWikiServer();
});
test.afterEach(() => wiki.close());

const CHANGED =
  'The North Atlantic Treaty Organization (NATO) is a military alliance of 32 European and North American states, founded in 1949 in Washington.';

const NOTE = 'form.editor .note-field textarea';
const noteOf = (page: Page) => page.$eval(NOTE, (el) => el.value);
/** When the note's Wikipedia source says its text was taken. */
const takenAt = (page: Page) =>
  page.$eval('form.editor fieldset.sources time', (el) => el.getAttribute('datetime'));
/** The text of the first element `selector` matches, or null. */
const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

async function whenText(page: Page, selector: string, wanted: string | RegExp) {
  return waitFor(
    async () => {
      const text = await textOf(page, selector);
      if (text === null) return null;
      return (typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text)) ? text : null;
    },
    `no ${selector} with ${String(wanted)}`,
  );
}

/**
 * Reloads the manager: BiDi does not see a moz-extension: page's load, so
 * the page reloads itself and the test waits for a document without its mark.
 */
async function reload(page: Page) {
  await page.evaluate(() => {
    (window as { beforeReload?: boolean }).beforeReload = true;
    location.reload();
  });
  await waitFor(
    () =>
      page
        .evaluate(
          () =>
            !(window as { beforeReload?: boolean }).beforeReload &&
            !!document.querySelector('#entities-title'),
        )
        .catch(() => false),
    'the manager did not reload',
  );
}

async function openNato(page: Page) {
  await waitFor(() => textOf(page, '#entities-title'), 'no list');
  await clickButton(page, 'Edit NATO');
  await page.waitForSelector(NOTE);
}

test('Firefox: Refresh shows what the article changed; Decline keeps the note, Accept and Save take it', async ({
  firefox: { manager },
}) => {
  await waitFor(
    async () => (await textOf(manager, '#entities-title'))?.includes('(11)'),
    'no notes',
  );
  await allowWikiStandIns(manager);
  await pointAtWikiStandIns(manager, wiki);

  await clickButton(manager, 'Add note');
  await fillField(manager, 'Name', 'NATO');
  await clickButton(manager, 'Look up');
  await clickButton(manager, 'NATO', '.lookup-pick');
  await waitFor(async () => (await noteOf(manager)).endsWith('founded in 1949.'), 'no note filled');
  await clickButton(manager, 'Save');
  await waitFor(async () => !(await manager.$('form.editor')), 'the editor did not close');

  await openNato(manager);
  const taken = await takenAt(manager);
  const original = await noteOf(manager);

  wiki.setSummary('en', 'NATO', { ...NATO_SUMMARY, extract: CHANGED });
  await pointAtWikiStandIns(manager, wiki);
  await clickButton(manager, 'Refresh from Wikipedia');
  await whenText(manager, '[data-testid="diff"] ins', /^Added: 32\s+\(end of added text\)$/);
  expect(await manager.$$eval('[data-testid="diff"] del', (d) => d.length)).toBe(0);

  await clickButton(manager, 'Decline');
  await whenText(manager, '[data-testid="refresh-message"]', 'Declined: nothing was changed.');
  await reload(manager);
  await openNato(manager);
  expect(await noteOf(manager)).toBe(original);
  expect(await takenAt(manager)).toBe(taken);

  await pointAtWikiStandIns(manager, wiki);
  await clickButton(manager, 'Refresh from Wikipedia');
  await clickButton(manager, 'Accept', '[data-testid="refresh-review"]');
  await waitFor(async () => (await noteOf(manager)).endsWith('in Washington.'), 'not taken');
  await clickButton(manager, 'Save');
  await waitFor(async () => !(await manager.$('form.editor')), 'the editor did not close');

  await reload(manager);
  await openNato(manager);
  expect(await noteOf(manager)).toContain('32 European and North American states');
  expect(await textOf(manager, 'form.editor fieldset.sources li')).toContain('(CC BY-SA 4.0)');
  expect(Date.parse((await takenAt(manager))!)).toBeGreaterThan(Date.parse(taken!));
});
