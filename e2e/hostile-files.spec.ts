/**
 * Hostile and careless files in real browsers, Chromium and Firefox alike
 * (each browser has its own decoders, JSON parser and stack): a legacy
 * encoding, UTF-16, bytes that are not text, an unknown field nested 3,000
 * deep, and notes whose Markdown would stall or overflow the renderer.
 * Each is either read right or refused with a message, and changes nothing.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserName } from './fixtures';
import { waitFor, type Tab } from './support/driver';
import { importPackFile, writeTempFile } from './support/scenario';

function writeBytes(name: string, bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backstory-')), name);
  writeFileSync(path, bytes);
  return path;
}

const pack = (entities: unknown[]) =>
  JSON.stringify({ format: 'backstory-pack', version: 1, title: 'Hostile', entities });

/** The manager's heading: "Notes (N)". */
const heading = (tab: Tab) =>
  tab.evaluate(() => document.querySelector('#entities-title')?.textContent);

async function chooseEncoding(tab: Tab, value: string): Promise<void> {
  await tab.evaluate((choice: string) => {
    const select = [...document.querySelectorAll('select')].find((s) =>
      s.closest('label')?.textContent?.includes('File encoding'),
    )!;
    select.value = choice;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });

    test('files in other encodings are read right or refused, never read as U+FFFD', async ({
      extension,
    }) => {
      const manager = extension.welcome;
      await manager.waitForText('#entities-title', '(11)');
      // A spreadsheet's CSV from Windows: ü is one byte (0xFC), ğ is not in Windows-1252.
      const legacy = writeBytes(
        'people.csv',
        Buffer.from('name,note\r\nJürgen Müller,Économiste.\r\n', 'latin1'),
      );
      expect(await importPackFile(manager, legacy)).toContain('“people.csv” is not UTF-8 text');
      expect(await heading(manager)).toContain('(11)');
      await chooseEncoding(manager, 'windows-1252');
      expect(await importPackFile(manager, legacy)).toContain('Imported people.csv: added 1,');
      await manager.waitForText('.entity-name', 'Jürgen Müller');

      // UTF-16 with its byte order mark, as some programs save "Unicode text".
      await chooseEncoding(manager, 'auto');
      const utf16 = writeBytes(
        'turkish.csv',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('name,note\r\nŞükrü Saracoğlu,Başbakan.\r\n', 'utf16le'),
        ]),
      );
      expect(await importPackFile(manager, utf16)).toContain('Imported turkish.csv: added 1,');
      await manager.waitForText('.entity-name', 'Şükrü Saracoğlu');

      // Bytes that are no text at all.
      const binary = writeBytes(
        'photo.json',
        Buffer.from([0x7b, 0x22, 0xff, 0xd8, 0xff, 0xe0, 0x22, 0x7d]),
      );
      expect(await importPackFile(manager, binary)).toContain('“photo.json” is not UTF-8 text');
      expect(await heading(manager)).toContain('(13)');
      expect(await manager.evaluate(() => document.body.textContent?.includes('\uFFFD'))).toBe(
        false,
      );
    });

    test('an unknown field nested 3,000 deep is refused in the preview, naming its entry and field', async ({
      extension,
    }) => {
      const manager = extension.welcome;
      await manager.waitForText('#entities-title', '(11)');
      const deep = JSON.parse(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`) as unknown;
      const file = writeTempFile('deep.json', pack([{ name: 'Deep one', wikidata: deep }]));
      const message = await importPackFile(manager, file);
      expect(message).toContain('deep.json');
      await manager.waitForText(
        '[data-testid="import-error"]',
        /Entry 1.*wikidata.*nested deeper than 16 levels/,
      );
      expect(await heading(manager)).toContain('(11)');
      // The control: the same field 10 deep is kept.
      const shallow = JSON.parse(`${'{"a":'.repeat(10)}1${'}'.repeat(10)}`) as unknown;
      const kept = writeTempFile(
        'shallow.json',
        pack([{ name: 'Shallow one', wikidata: shallow }]),
      );
      expect(await importPackFile(manager, kept)).toContain('added 1,');
    });

    test('notes whose Markdown would stall or overflow the renderer show as plain text', async ({
      extension,
    }) => {
      const manager = extension.welcome;
      await manager.waitForText('#entities-title', '(11)');
      const notes = [
        { id: 'hostile-quotes', name: 'Quote tower', note: '>'.repeat(3_000) },
        { id: 'hostile-emphasis', name: 'Emphasis run', note: '_a'.repeat(50_000) },
      ];
      expect(await importPackFile(manager, writeTempFile('md.json', pack(notes)))).toContain(
        'added 2,',
      );
      for (const { id, note } of notes) {
        // The editor of that note, as "Open in manager" opens it; then its preview.
        await manager.evaluate((hash: string) => {
          // Marks this page, so the looks below know the reloaded one by the mark's absence.
          (window as { beforeReload?: boolean }).beforeReload = true;
          location.hash = hash;
          location.reload();
        }, `#entity=${id}`);
        // Found and clicked in one look, on the reloaded page: a look may still meet the page
        // before the reload, or the reloaded one before its editor is drawn.
        await waitFor(
          () =>
            manager
              .evaluate(() => {
                if ((window as { beforeReload?: boolean }).beforeReload) return false;
                const preview = [
                  ...document.querySelectorAll<HTMLButtonElement>('.note-field button'),
                ].find((b) => b.textContent === 'Preview');
                preview?.click();
                return preview !== undefined;
              })
              // A look during the reload finds no page to run in: look again.
              .catch(() => false),
          'the editor has no Preview button',
        );
        const shown = await manager.waitForText(
          '[data-testid="note-preview"] .md-plain',
          note.slice(0, 100),
        );
        expect(shown.length).toBe(note.length);
      }
    });
  });
}
