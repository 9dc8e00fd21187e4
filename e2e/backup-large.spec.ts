/**
 * A backup at full size, in Chromium and in Firefox: 100,000 notes of 2,000
 * characters (with every field a note can have) are restored into a fresh
 * browser and exported. The export must hold every note exactly as the
 * file did, origins and ages included. One message could not carry
 * such a file in Chrome (it caps a message at 64 MiB); the export is sent
 * in pieces (src/messaging/export-channel.ts).
 *
 * Minutes per browser on a slow machine; BACKSTORY_BACKUP_NOTES makes the
 * collection smaller while working on this test.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect, test, type BrowserName } from './fixtures';
import { playwrightTab, startChromium, welcomePageOf } from './support/chromium';
import { waitFor, type Tab } from './support/driver';
import { installExtension, puppeteerTab, startFirefox } from './support/firefox';
import { E2E_BUILD } from './support/paths';
import { importPackFile, writeTempFile } from './support/scenario';

const COUNT = Number(process.env.BACKSTORY_BACKUP_NOTES ?? 100_000);
const NOTE_CHARS = 2_000;
/** A ceiling for each import and export of the whole collection on a slow, loaded machine. */
const LARGE_TIMEOUT = 15 * 60_000;
/** The starter notes every fresh browser has. */
const STARTERS = 11;

type PackEntry = Record<string, unknown> & { id: string };

/** The collection: every field a backup keeps, in several scripts, and notes of 2,000 characters. */
function collection(count: number): PackEntry[] {
  const filler =
    'Müller met Erdoğan in İstanbul; «quoted» text, "double quotes", a\\backslash, ' +
    'שלום, 北京, emoji 🧭, tabs\tand\nnew lines\r\n. ';
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, '0');
    const head = `Note ${n}. `;
    const note = (head + filler.repeat(Math.ceil(NOTE_CHARS / filler.length))).slice(0, NOTE_CHARS);
    return {
      id: `large-${n}`,
      name: `Person ${n}`,
      aliases: [`P. ${n}`, `Washington, D.C. ${n}`],
      kind: (['person', 'organization', 'place', 'topic', 'other'] as const)[i % 5],
      note,
      tags: [`batch-${i % 100}`, 'large'],
      links: [{ title: `Link ${n}`, url: `https://example.org/people/${n}` }],
      sources: [
        {
          url: `https://news.example/${n}`,
          title: `Story ${n}`,
          quote: `Person ${n} said so.`,
          at: '2026-11-30T08:00:00.000Z',
        },
      ],
      matchCase: { [`P. ${n}`]: 'exact' },
      wikidata: `Q${i}`,
      custom: { nested: { list: [i, `${i}`, null, true] } },
      origin: i % 3 === 0 ? 'local' : `Team pack ${i % 7}`,
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 1_000).toISOString(),
      updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 1_000).toISOString(),
    };
  });
}

function backupText(entities: PackEntry[]): string {
  return JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: 'Backstory backup',
    updated: '2026-12-01T09:00:00.000Z',
    backup: { id: 'generated-backup', exportedAt: '2026-12-01T09:00:00.000Z' },
    entities,
  });
}

/** Which of `expected` the exported file does not hold exactly (at most a few, for the message). */
function differences(expected: PackEntry[], exportPath: string): string[] {
  const doc = JSON.parse(readFileSync(exportPath, 'utf8')) as {
    backup?: unknown;
    entities: PackEntry[];
  };
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const found: string[] = [];
  if (!doc.backup) found.push('the file does not say it is a backup');
  if (doc.entities.length !== expected.length + STARTERS)
    found.push(`${doc.entities.length} notes, not ${expected.length + STARTERS}`);
  for (const e of expected) {
    const got = byId.get(e.id);
    if (!isDeepStrictEqual(got, e)) found.push(`${e.id}: ${JSON.stringify(got)?.slice(0, 400)}`);
    if (found.length >= 5) break;
  }
  return found;
}

interface FreshBrowser {
  manager: Tab;
  /** Clicks Export (the whole collection, as a pack) and returns the saved file's path. */
  exportBackup(): Promise<string>;
  close(): Promise<void>;
}

async function freshChromium(): Promise<FreshBrowser> {
  const context = await startChromium(E2E_BUILD.chrome);
  const welcome = await welcomePageOf(context);
  const saved = join(mkdtempSync(join(tmpdir(), 'backstory-export-')), 'backup.json');
  return {
    manager: playwrightTab(welcome),
    exportBackup: async () => {
      const [download] = await Promise.all([
        welcome.waitForEvent('download', { timeout: LARGE_TIMEOUT }),
        welcome.getByTestId('export-all').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^backstory-backup-\d{4}-\d{2}-\d{2}\.json$/);
      // Playwright deletes its own copy with the browser.
      await download.saveAs(saved);
      return saved;
    },
    close: () => context.close(),
  };
}

async function freshFirefox(): Promise<FreshBrowser> {
  const downloads = mkdtempSync(join(tmpdir(), 'backstory-downloads-'));
  const browser = await startFirefox({
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
  });
  const welcome = await installExtension(browser, E2E_BUILD.firefox);
  const manager = puppeteerTab(welcome);
  return {
    manager,
    exportBackup: async () => {
      await manager.click('[data-testid="export-all"]');
      // Firefox writes a ".part" file and renames it when the download is complete.
      return waitFor(
        () => {
          const name = readdirSync(downloads).find((f) => /^backstory-backup-.*\.json$/.test(f));
          const path = name && join(downloads, name);
          const complete =
            path && !readdirSync(downloads).some((f) => f.endsWith('.part')) && existsSync(path);
          return Promise.resolve(complete && statSync(path).size > 0 ? path : null);
        },
        'Firefox saved no backup file',
        LARGE_TIMEOUT,
      );
    },
    close: () => browser.close(),
  };
}

const FRESH: Record<BrowserName, () => Promise<FreshBrowser>> = {
  Chromium: freshChromium,
  Firefox: freshFirefox,
};

/** Restores `file` into a fresh browser and exports the collection; returns the export's path. */
async function restoreAndExport(browserName: BrowserName, file: string): Promise<string> {
  const browser = await FRESH[browserName]();
  try {
    const { manager } = browser;
    await manager.waitForText('#entities-title', `(${STARTERS})`);
    const result = await importPackFile(manager, file, LARGE_TIMEOUT);
    expect(result).toContain(`added ${COUNT.toLocaleString('en-US')},`);
    const total = (COUNT + STARTERS).toLocaleString('en-US');
    await manager.waitForText('#entities-title', `(${total})`, LARGE_TIMEOUT);
    const path = await browser.exportBackup();
    await manager.waitForText('[data-testid="export-result"]', `Exported ${total} notes.`);
    return path;
  } finally {
    await browser.close();
  }
}

/**
 * One round in each browser: the export restored a second time (our own
 * file) is the round-trip property tests' at small sizes. Chromium's round
 * takes about twice Firefox's on the CI machine, and two rounds each kept the
 * suite over its 20 minutes. In Firefox the manager twice did not show the
 * restored count after an import of this size had reported success (once in
 * each round, 1 December 2026): ARCHITECTURE.md, "Known gaps".
 */
const ROUNDS: Record<BrowserName, 1 | 2> = { Chromium: 1, Firefox: 1 };

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  const rounds = ROUNDS[browserName];
  test(`${browserName}: a backup of ${COUNT.toLocaleString('en-US')} notes of 2,000 characters restores exactly${rounds === 2 ? ', twice' : ''}`, async () => {
    // Each round a fresh browser importing and exporting a file of about 300 MB.
    test.setTimeout(rounds * 2 * LARGE_TIMEOUT + 5 * 60_000);
    const expected = collection(COUNT);
    const original = writeTempFile('backup.json', backupText(expected));

    const first = await restoreAndExport(browserName, original);
    expect(differences(expected, first)).toEqual([]);
    // The control: a file with one note changed is told apart.
    const changed = expected.map((e, i) => (i === 7 ? { ...e, updatedAt: e.createdAt } : e));
    expect(differences(changed, first)).toHaveLength(1);

    if (rounds === 1) return;
    const second = await restoreAndExport(browserName, first);
    expect(differences(expected, second)).toEqual([]);
  });
}
