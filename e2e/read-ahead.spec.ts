/**
 * The page's text is read while the parser inserts it (src/content/read-ahead.ts),
 * in Chromium and in Firefox. A page sent in parts 1.5 s apart is read part
 * by part: a name split between two parts is marked whole, and the marks
 * are those of the finished page. A page script that changes text already
 * read (edits it, inserts before it, hides it) makes the read-ahead be
 * dropped, and the page is read whole at DOMContentLoaded: every mark is
 * still right; so is text the parser fosters out of a table.
 */
import { expect, test, type BrowserName } from './fixtures';
import { waitFor, type ExtensionSession, type Tab } from './support/driver';
import { settledMarks } from './support/scenario';

/** What the test build recorded about the read-ahead: used by the full scan, dropped on the way. */
function readAheadMarks(): { used: unknown; dropped: number } {
  const used = performance.getEntriesByName('backstory-read-ahead')[0] as
    PerformanceMark | undefined;
  return {
    used: used?.detail,
    dropped: performance.getEntriesByName('backstory-read-ahead-dropped').length,
  };
}

/** The marks of `url` (null: the page the tab has loaded), and what the read-ahead did. */
async function marksOn(tab: Tab, url: string | null) {
  if (url) await tab.goto(url);
  const marks = await settledMarks(tab);
  const readAhead = await waitFor(
    () => tab.evaluate(readAheadMarks).then((r) => (r.used === undefined ? null : r)),
    'the full scan never ran',
  );
  return { texts: marks.map((m) => m.text).sort(), readAhead };
}

/** Whether the read-ahead has read all the page the parser had inserted (test builds mark it). */
const caughtUp = () => performance.getEntriesByName('backstory-read-ahead-caught-up').length > 0;

let gates = 0;

/**
 * The marks of streamed.html after its script does `action` (a page
 * script's work) to text the read-ahead has read: the rest of the page,
 * script included, is held until the read-ahead has read the first part
 * (on a loaded machine the script's settings can come after a timed gap).
 */
async function afterScript(extension: ExtensionSession, origin: string, action: string) {
  const tab = await extension.newTab();
  try {
    const gate = `${action}-${++gates}`;
    const loading = tab.goto(`${origin}/stream/streamed.html?do=${action}&gate=${gate}`);
    await waitFor(
      () => tab.evaluate(caughtUp).catch(() => false),
      'the read-ahead never read the first part',
    );
    const opened = await fetch(`${origin}/stream-open/${gate}`);
    expect(opened.status).toBe(204);
    await loading;
    return await marksOn(tab, null);
  } finally {
    await tab.close();
  }
}

const PLAIN = ['Ankara', 'Benny Gantz', 'Hulusi Akar', 'Israel', 'weapon sales'];

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });

    test('a page that arrives in parts is read as it comes, and a name split between parts is marked whole', async ({
      server,
      extension,
    }) => {
      const tab = await extension.newTab();
      const streamed = await marksOn(tab, `${server.origin}/stream/streamed.html`);
      // The control that the read-ahead ran: the full scan finished what it had read.
      expect(streamed.readAhead).toEqual({ used: true, dropped: 0 });
      expect(streamed.texts).toEqual(PLAIN);
      // The same page sent at once is marked the same.
      const whole = await marksOn(tab, `${server.origin}/sites/streamed.html`);
      expect(whole.texts).toEqual(PLAIN);
      await tab.close();
    });

    for (const [action, expected] of [
      ['edit', [...PLAIN, 'Ilham Aliyev'].sort()],
      ['insert', [...PLAIN, 'Greece'].sort()],
      ['hide', PLAIN.filter((name) => name !== 'Hulusi Akar')],
      ['remove', PLAIN.filter((name) => name !== 'Hulusi Akar')],
      ['append', [...PLAIN, 'Greece'].sort()],
    ] as const) {
      test(`a page script that ${action}s ${action === 'append' ? 'to ' : ''}text already read drops the read-ahead, and the marks are right`, async ({
        server,
        extension,
      }) => {
        const { texts, readAhead } = await afterScript(extension, server.origin, action);
        expect(readAhead).toEqual({ used: false, dropped: 1 });
        expect(texts).toEqual(expected);
      });
    }

    test('a shadow root a page script attaches to an element already read is read too', async ({
      server,
      extension,
    }) => {
      const { texts, readAhead } = await afterScript(extension, server.origin, 'shadow');
      // attachShadow makes no mutation record: the read-ahead is kept, and finds the root.
      expect(readAhead).toEqual({ used: true, dropped: 0 });
      expect(texts).toEqual([...PLAIN, 'Greece'].sort());
    });

    test('text the parser fosters out of a table, before the table already read, is marked', async ({
      server,
      extension,
    }) => {
      const tab = await extension.newTab();
      // The parser holds the table's text until it knows where it goes, then
      // appends it to the text node before the table, the last one read: the
      // read-ahead reads that node again (or, had it read further, is dropped).
      const { texts } = await marksOn(tab, `${server.origin}/stream/streamed-table.html`);
      expect(texts).toEqual(['Ankara', 'Baku', 'Cyprus']);
      await tab.close();
    });
  });
}
