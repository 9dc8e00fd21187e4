/**
 * The manager in Chromium: add, edit and delete a note, with the marks and the
 * card on an open page following at once; a bad pack file changes nothing;
 * export gives a pack that imports back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { cardContent, cardRootIsClosed, readCard, readMarks, revealMark } from './support/probes';
import { importPackFile, settledMarks, writeTempFile } from './support/scenario';
import { ManagerPage } from './pages/manager';

/** The 30,000-entity import below: its ceilings, minutes on a slow, loaded machine. */
const LARGE_IMPORT_TIMEOUT = 5 * 60_000;

test('adding, editing and deleting a note updates an open page at once', async ({
  server,
  manager: managerPage,
  page,
}) => {
  const manager = new ManagerPage(managerPage);
  await expect(manager.entity('Benny Gantz')).toHaveCount(1);
  const tab = playwrightTab(page);
  await tab.goto(`${server.origin}/demo.html`);
  await settledMarks(tab);
  const marked = async () => (await tab.evaluate(readMarks)).map((m) => m.text);
  expect(await marked()).not.toContain('Arif Akdogan');

  await manager.add({
    name: 'Arif Akdogan',
    aliases: 'Akdogan',
    kind: 'person',
    note: 'Photographer at **Anadolu**.',
  });
  await expect(manager.entity('Arif Akdogan')).toHaveCount(1);
  await waitFor(
    async () => (await marked()).includes('Arif Akdogan'),
    'the new note was not marked on the open page',
  );

  await manager.edit('Arif Akdogan', { note: 'Photojournalist, Anadolu Agency.' });
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Arif Akdogan'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  expect((await cardContent(tab)).text).toContain('Photojournalist, Anadolu Agency.');
  await tab.press('Escape');

  await manager.delete('Arif Akdogan');
  await waitFor(
    async () => !(await marked()).includes('Arif Akdogan'),
    'the deleted note stayed marked',
  );
});

test('an overwritten note keeps its earlier version, which the editor brings back; an open page follows', async ({
  server,
  manager: managerPage,
  page,
}) => {
  const manager = new ManagerPage(managerPage);
  const form = managerPage.locator('form.editor');
  await managerPage.getByRole('button', { name: 'Edit Benny Gantz' }).click();
  const original = await form.getByLabel('Note').inputValue();
  expect(original.length).toBeGreaterThan(20);
  // A new note starts with no history: the control for the versions below.
  await form.getByRole('button', { name: 'History' }).click();
  const history = managerPage.getByTestId('history');
  await expect(history).toContainText('No earlier versions');
  await history.getByRole('button', { name: 'Back to the editor' }).click();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await manager.edit('Benny Gantz', { note: 'Overwritten by mistake.' });
  await managerPage.getByRole('button', { name: 'Edit Benny Gantz' }).click();
  await form.getByRole('button', { name: 'History' }).click();
  const versions = history.getByTestId('history-version');
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText(original.slice(0, 39));
  await versions
    .first()
    .getByRole('button', { name: /^Restore the version replaced/ })
    .click();
  // The editor opens on the note as restored, and the restore kept what it replaced.
  await expect(form.getByLabel('Note')).toHaveValue(original);
  await form.getByRole('button', { name: 'History' }).click();
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('Overwritten by mistake.');

  const tab = playwrightTab(page);
  await tab.goto(`${server.origin}/demo.html`);
  await settledMarks(tab);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Gantz'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  const text = (await cardContent(tab)).text;
  expect(text).not.toContain('Overwritten by mistake.');
  expect(text).toContain(original.replace(/[*_`]/g, '').slice(0, 20));
});

test('a malformed or invalid pack gets a clear message and writes nothing', async ({
  manager: welcomePage,
}) => {
  const manager = new ManagerPage(welcomePage);
  await expect(manager.entity('Benny Gantz')).toHaveCount(1);
  const before = await manager.count();

  const broken = await importPackFile(
    playwrightTab(welcomePage),
    writeTempFile('broken.json', '{"format": "backstory-pack", '),
  );
  expect(broken).toMatch(
    /broken\.json was not imported: nothing was written\. 1 problem:.*not valid JSON/,
  );

  const invalid = JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    entities: [
      { name: 'Valid one' },
      { name: '' },
      { name: 'X', links: [{ url: 'javascript:alert(1)' }] },
    ],
  });
  // A file with some bad entries: the preview names them; cancel writes nothing.
  const page = welcomePage;
  await page.locator('input[type="file"]').setInputFiles(writeTempFile('invalid.json', invalid));
  const issues = page.getByTestId('preview-issues');
  await expect(issues).toContainText('Entry 2, field name: must not be empty');
  await expect(issues).toContainText('Entry 3, field links.0.url: must be an http(s) URL');
  await expect(page.getByTestId('preview-counts')).toContainText('1 new, 0 changed');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-result')).toHaveText(
    'invalid.json was not imported. Nothing was written.',
  );
  expect(await manager.count()).toBe(before);
  await expect(manager.entity('Valid one')).toHaveCount(0);

  // Accepting takes the valid part only.
  await page.locator('input[type="file"]').setInputFiles(writeTempFile('invalid.json', invalid));
  await page.getByRole('button', { name: 'Import the valid entries' }).click();
  await expect(page.getByTestId('import-result')).toContainText('added 1, updated 0');
  await expect(manager.entity('Valid one')).toHaveCount(1);
  expect(await manager.count()).toBe(before + 1);
});

test('a CSV file in a legacy encoding is refused with a clear message until the reader names it', async ({
  manager: page,
}) => {
  const manager = new ManagerPage(page);
  const tab = playwrightTab(page);
  // As a spreadsheet on Windows saves it: Windows-1252, where ü is one byte (0xFC).
  const path = join(mkdtempSync(join(tmpdir(), 'backstory-')), 'people.csv');
  writeFileSync(path, Buffer.from('name,note\r\nJürgen Müller,Économiste.\r\n', 'latin1'));
  const refused = await importPackFile(tab, path);
  expect(refused).toContain('“people.csv” is not UTF-8 text, so nothing was imported.');
  await expect(manager.entity('Jürgen Müller')).toHaveCount(0);
  await expect(manager.entity('J�rgen M�ller')).toHaveCount(0);

  await page.getByLabel('File encoding').selectOption('windows-1252');
  expect(await importPackFile(tab, path)).toContain('Imported people.csv: added 1,');
  await expect(manager.entity('Jürgen Müller')).toHaveCount(1);
});

test('a large pack imports with a progress bar; the list scrolls to its end and search finds one', async ({
  manager: welcomePage,
}) => {
  // Building, checking and writing 30,000 entities: minutes on a slow machine. The bench times it.
  test.setTimeout(2 * LARGE_IMPORT_TIMEOUT + 2 * 60_000);
  const manager = new ManagerPage(welcomePage);
  await expect(manager.entity('Benny Gantz')).toHaveCount(1);
  const size = 30_000;
  const pack = JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    entities: Array.from({ length: size }, (_, i) => ({
      id: `bulk-${i}`,
      name: `Bulk entity ${String(i).padStart(5, '0')}`,
      aliases: [`Bulk alias ${i}`],
      note: 'x'.repeat(200),
    })),
  });
  // Every text the progress area shows, as it changes.
  await welcomePage.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { progressSeen: Set<string> }).progressSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="import-progress"]');
      if (el?.querySelector('progress') && el.textContent) seen.add(el.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const message = await importPackFile(
    playwrightTab(welcomePage),
    writeTempFile('bulk.json', pack),
    LARGE_IMPORT_TIMEOUT,
  );
  expect(message).toContain(`added ${size.toLocaleString('en-US')},`);
  const seen = await welcomePage.evaluate(() => [
    ...(window as unknown as { progressSeen: Set<string> }).progressSeen,
  ]);
  expect(seen.some((t) => t.startsWith('Reading bulk.json'))).toBe(true);
  expect(seen.some((t) => /^Writing bulk\.json….*of 30,000 entities$/.test(t))).toBe(true);

  // The list follows the import; with 30,000 notes that can take a while on a loaded machine.
  await expect(welcomePage.locator('#entities-title')).toHaveText(
    `Notes (${(size + 11).toLocaleString('en-US')})`,
    { timeout: LARGE_IMPORT_TIMEOUT },
  );
  await expect(welcomePage.getByTestId('match-count')).toHaveText(
    `${(size + 11).toLocaleString('en-US')} matching`,
  );
  // The list is virtual: a few dozen rows exist, and scrolling to the end shows the last one.
  expect(await welcomePage.locator('.entities > li').count()).toBeLessThan(60);
  await welcomePage
    .getByTestId('entity-scroller')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(
    welcomePage.locator(`.entities > li[aria-posinset="${size + 11}"] .entity-name`),
  ).toHaveText('weapon sales');
  await manager.search('"bulk entity 29999"');
  await expect(welcomePage.getByTestId('match-count')).toHaveText('1 matching');
  await expect(manager.entity('Bulk entity 29999')).toHaveCount(1);
});

test('export downloads a pack that imports back', async ({ manager: page }) => {
  await expect(new ManagerPage(page).entity('Benny Gantz')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^backstory-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const pack = JSON.parse(text) as {
    format: string;
    backup?: { id: string; exportedAt: string };
    entities: { name: string; origin?: string; createdAt?: string; updatedAt?: string }[];
  };
  expect(pack.format).toBe('backstory-pack');
  expect(pack.entities.map((e) => e.name)).toContain('Hulusi Akar');
  // A backup: it says which and when, and every note keeps its origin and times.
  expect(pack.backup?.id).toMatch(/\S/);
  expect(Date.parse(pack.backup?.exportedAt ?? '')).toBeGreaterThan(0);
  for (const e of pack.entities) {
    expect(e.origin).toBe('starter');
    expect(Date.parse(e.createdAt ?? '')).toBeGreaterThan(0);
    expect(Date.parse(e.updatedAt ?? '')).toBeGreaterThan(0);
  }
  // Everything is already there: importing it again keeps every note as it is.
  const message = await importPackFile(playwrightTab(page), writeTempFile('export.json', text));
  expect(message).toBe('export.json holds nothing new: every entry is already here as it is.');
});

test.describe('the user build', () => {
  test.use({ build: 'user' });

  test('in the build users install, the card lives in a closed shadow root', async ({
    server,
    page,
  }) => {
    const tab = playwrightTab(page);
    await tab.goto(`${server.origin}/demo.html`);
    // The user build leaves no test hooks: settled means the count stays the same a while.
    await settledMarks(tab, { build: 'user' });
    const rect = await waitFor(() => tab.evaluate(revealMark, 'Hulusi Akar'), 'no mark');
    await tab.pointer(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await waitFor(
      () => tab.evaluate(() => document.querySelector(':root > div') !== null),
      'no card host',
    );
    expect(await tab.evaluate(cardRootIsClosed)).toBe(true);
    // Page scripts see the host, never the note inside it.
    expect(
      await tab.evaluate(() => document.documentElement.textContent?.includes('born 1952')),
    ).toBe(false);
  });
});
