/**
 * Curating notes in the manager, in Chromium: search and filters, bulk
 * tagging, delete and undo, export of a filter as CSV and its import back,
 * and an import that meets a local edit (a conflict the reader decides).
 */
import { readFileSync } from 'node:fs';
import { expect, test as base } from './fixtures';
import { ManagerPage } from './pages/manager';
import { writeTempFile } from './support/scenario';

/** The manager the extension opened, as a page object, once the starter notes are listed. */
const test = base.extend<{ notes: ManagerPage }>({
  notes: async ({ manager }, use) => {
    const notes = new ManagerPage(manager);
    await expect(notes.entity('Benny Gantz')).toHaveCount(1);
    await use(notes);
  },
});

test('search, filters and order narrow the list; bulk tags and deletes can be undone', async ({
  manager: page,
  notes: manager,
}) => {
  const total = await manager.count();
  const filters = page.getByRole('search');
  // Words anywhere in names, aliases, notes and tags, folded as the matcher folds:
  // "ƏLİYEV" finds the alias "İlham Əliyev" and nothing else.
  await manager.search('ƏLİYEV');
  await expect(page.getByTestId('match-count')).toHaveText('1 matching');
  await expect(manager.entity('Ilham Aliyev')).toHaveCount(1);
  await manager.search('');
  await filters.getByLabel('Kind').selectOption('person');
  const people = await manager.matching();
  expect(people).toBeGreaterThan(1);
  expect(people).toBeLessThan(total);
  await filters.getByLabel('Tag').selectOption('defence');
  await expect(manager.entity('Hulusi Akar')).toHaveCount(1);
  await expect(manager.entity('Ankara')).toHaveCount(0);
  await filters.getByLabel('Kind').selectOption('');
  await filters.getByLabel('Tag').selectOption('');

  // Bulk: select every person, tag them, then delete them and undo.
  await filters.getByLabel('Kind').selectOption('person');
  await page.getByRole('button', { name: `Select all ${people} matching` }).click();
  await expect(page.getByTestId('selected-count')).toHaveText(`${people} selected`);
  await page.getByLabel('Tags to add or remove').fill('people, reviewed');
  await page.getByRole('button', { name: 'Add tags' }).click();
  await filters.getByLabel('Kind').selectOption('');
  await filters.getByLabel('Tag').selectOption('reviewed');
  await expect(page.getByTestId('match-count')).toHaveText(`${people} matching`);

  // The selection stays after tagging.
  await expect(page.getByTestId('selected-count')).toHaveText(`${people} selected`);
  await page.getByRole('button', { name: `Delete ${people}` }).click();
  await expect(page.getByTestId('undo-bar')).toContainText(`Deleted ${people} notes`);
  await expect.poll(() => manager.count()).toBe(total - people);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => manager.count()).toBe(total);
  await filters.getByLabel('Tag').selectOption('');
  await expect(manager.entity('Benny Gantz')).toContainText('#reviewed');

  // Order by last change: the tagged people come first.
  await filters.getByLabel('Order').selectOption('updated');
  await expect(page.locator('.entities > li[aria-posinset="1"] .kind')).toHaveText('person');
});

test('the matching notes export as CSV and import back unchanged; a local edit meets the file as a conflict', async ({
  manager: page,
  notes: manager,
}) => {
  await manager.search('turkey');
  const matching = await manager.matching();
  await page.getByLabel('Export format').selectOption('csv');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the matching notes' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\ufeffid,name,aliases,kind,tags,note\r\n')).toBe(true);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(matching + 1);
  await manager.search('');

  // Edit one of them here, then import the file: unchanged, except that conflict.
  await manager.edit('Hulusi Akar', { note: 'My own note on Akar.' });
  await page.locator('input[type="file"]').setInputFiles(writeTempFile('turkey.csv', csv));
  const preview = page.getByTestId('import-preview');
  await expect(page.getByTestId('preview-counts')).toContainText(
    `0 new, 0 changed, ${matching - 1} unchanged, 1 in conflict`,
  );
  const conflict = preview.locator('.conflict');
  await expect(conflict).toContainText('My own note on Akar.');
  // Keep mine is the default; take the file's version for this one.
  await conflict.getByLabel("Use the file's").check();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByTestId('import-result')).toContainText('added 0, updated 1');
  await manager.search('"hulusi akar"');
  await page.getByRole('button', { name: 'Edit Hulusi Akar' }).click();
  await expect(page.locator('form.editor').getByLabel('Note')).not.toHaveValue(
    'My own note on Akar.',
  );
});

test('the editor: alias chips with a case switch, a Markdown preview, problems shown beside their field', async ({
  manager: page,
  notes: manager,
}) => {
  await page.getByRole('button', { name: 'Add note' }).click();
  const form = page.locator('form.editor');
  // Nothing saved while a field is wrong; each problem sits beside its field.
  await form.getByRole('button', { name: 'Add a link' }).click();
  await form.getByLabel('Address (http or https)').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#name-error')).toHaveText('A name is needed.');
  await expect(form.locator('#links-error')).toHaveText(
    'Line 1: an address must start with http:// or https://.',
  );

  await form.getByLabel('Name').fill('Islamic Revolutionary Guard Corps');
  await form.getByLabel('Address (http or https)').fill('https://en.wikipedia.org/wiki/IRGC');
  await form.getByLabel('New alias').fill('IRGC, Guards,');
  // "IRGC" is capitals: exact case by the rule; "Guards" any case. Switch both.
  const irgc = form.getByLabel('Match the case of IRGC exactly');
  const guards = form.getByLabel('Match the case of Guards exactly');
  await expect(irgc).toBeChecked();
  await expect(guards).not.toBeChecked();
  await irgc.uncheck();
  await guards.check();
  await form.getByLabel('Note').fill('Iran’s **elite** force. <img src=x onerror=alert(1)>');
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = form.getByTestId('note-preview');
  await expect(preview.locator('strong')).toHaveText('elite');
  // Raw HTML stays text.
  await expect(preview.locator('img')).toHaveCount(0);
  await expect(preview).toContainText('<img src=x onerror=alert(1)>');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  // Export shows the case rules as stored.
  await manager.search('irgc');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the matching notes' }).click(),
  ]);
  const pack = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    entities: { name: string; matchCase?: Record<string, string>; links: unknown[] }[];
  };
  expect(pack.entities).toEqual([
    expect.objectContaining({
      name: 'Islamic Revolutionary Guard Corps',
      matchCase: { IRGC: 'any', Guards: 'exact' },
      links: [{ title: '', url: 'https://en.wikipedia.org/wiki/IRGC' }],
    }),
  ]);
});

test('the health panel counts notes, shows space and eviction, reminds to export, and follows other tabs live', async ({
  manager: page,
  context,
}) => {
  const health = page.getByTestId('health');
  await expect(health.getByTestId('health-count')).toHaveText('11');
  await expect(health.getByTestId('health-storage')).toHaveText(/^[\d.,]+ MB by Backstory/);
  await expect(health.getByTestId('health-unlimited')).toHaveText(/^Yes/);
  await expect(health.getByTestId('health-last-export')).toHaveText('Never');
  await expect(health.getByTestId('export-reminder')).toContainText('never exported');

  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  await expect(health.getByTestId('health-last-export')).toContainText('(11 notes)');
  await expect(health.getByTestId('export-reminder')).toHaveCount(0);

  // A note added in another manager tab shows here at once: count, list, search.
  const other = await context.newPage();
  await other.goto(page.url().replace(/#.*$/, ''));
  await new ManagerPage(other).add({ name: 'Arif Akdogan', note: 'Photographer.' });
  await expect(health.getByTestId('health-count')).toHaveText('12');
  await expect(new ManagerPage(page).entity('Arif Akdogan')).toHaveCount(1);
});

test('a delete can still be undone from "Recently deleted" after the undo bar is gone', async ({
  manager: page,
  notes: manager,
}) => {
  const total = await manager.count();
  await manager.delete('Hulusi Akar');
  await page.getByTestId('undo-bar').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('undo-bar')).toHaveCount(0);
  const trash = page.getByTestId('trash');
  await expect(trash).toContainText('1 deleted (“Hulusi Akar”)');
  await trash.getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => manager.count()).toBe(total);
  await expect(manager.entity('Hulusi Akar')).toHaveCount(1);
  // Nothing left to restore: the section goes.
  await expect(trash).toHaveCount(0);
});

test('notes deleted in another tab leave the selection', async ({ manager: page, context }) => {
  await page.getByLabel('Select Hulusi Akar').check();
  await page.getByLabel('Select Benny Gantz').check();
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  const other = await context.newPage();
  await other.goto(page.url().replace(/#.*$/, ''));
  await new ManagerPage(other).delete('Hulusi Akar');
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected');
});
