/**
 * A page whose frames rewrite their text without end (e2e/sites/flood.html)
 * slows only itself (issue 12): with it open in one tab, another tab gets
 * every mark, the manager's search answers, the background answers a
 * message, the hostile page's own mark still comes, and a page loaded next
 * in its tab gets its marks. Behaviour
 * only, with generous ceilings: `npm run bench -- --fair-match` times it.
 */
import type { Page } from '@playwright/test';
import { corpusPack, devEntities } from './support/corpus-pack';
import { activeTabId, serviceWorkerOf } from './support/chromium';
import { waitFor } from './support/driver';
import { hasCorpus, NO_CORPUS_MESSAGE } from './support/paths';
import type { MarkInfo } from './support/probes';
import { importPackFile, settledMarks, writeTempFile } from './support/scenario';
import { expect, test, type BrowserName } from './fixtures';
import { fold } from '../src/core/fold';
import { TAB_IDS_MAX } from '../src/core/tab-dictionary';
import type { TabMatchStats } from '../src/background/match-scheduler';

const OTHER_PAGE = 'bbc-1';

/**
 * The page's dev set and more names than a tab is handed ids for: the
 * frames send their text to the background (only a top frame matches with
 * the form table), and the other tab's marks are named by the worker after
 * they are drawn (core/tab-dictionary.ts).
 */
function bigPack(): { text: string; count: number } {
  const text = corpusPack(OTHER_PAGE, TAB_IDS_MAX + 100);
  return { text, count: (JSON.parse(text) as { entities: unknown[] }).entities.length };
}

/** The dev entities of OTHER_PAGE that no mark names. */
function unmarked(marks: MarkInfo[]): string[] {
  const marked = new Set(marks.map((m) => fold(m.text).text));
  return devEntities(OTHER_PAGE)
    .filter((e) => ![e.name, ...e.aliases].some((f) => marked.has(fold(f).text)))
    .map((e) => e.name);
}

/** Chromium: the scheduler's counts for a page's tab (test builds keep them). */
async function statsOf(page: Page): Promise<TabMatchStats | undefined> {
  const worker = await serviceWorkerOf(page.context());
  await page.bringToFront();
  const tab = await activeTabId(worker);
  const all = await worker.evaluate<TabMatchStats[]>('globalThis.backstoryMatchStats()');
  return all.find((s) => s.tab === tab);
}

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });
    test.skip(!hasCorpus, NO_CORPUS_MESSAGE);

    test('a page that floods the background slows only itself', async ({ server, extension }) => {
      const { text, count } = bigPack();
      const message = await importPackFile(extension.welcome, writeTempFile('big.json', text));
      expect(message).toContain(`added ${count.toLocaleString('en-US')},`);

      // The hostile page floods: its frames rewrite their text, again and again.
      const hostile = await extension.newTab();
      await hostile.goto(`${server.origin}/sites/flood.html`);
      await waitFor(async () => {
        const rewrites = await hostile.evaluateInFrames(
          () => (window as unknown as { rewrites?: number }).rewrites ?? 0,
        );
        return rewrites.length === 12 && rewrites.every((n) => n > 20);
      }, 'the hostile frames did not start rewriting');
      const chromium = extension.welcomePage?.context();
      const hostilePage = chromium?.pages().find((p) => p.url().includes('/sites/flood.html'));
      if (hostilePage) {
        // It sent more than its budget, and its requests wait for it.
        await waitFor(
          async () => ((await statsOf(hostilePage))?.delayed ?? 0) > 0,
          'the hostile tab never went over its budget',
        );
      }

      // Another tab gets every mark of its page.
      const other = await extension.newTab();
      await other.goto(`${server.origin}/corpus/${OTHER_PAGE}.html?scripts=0`);
      expect(unmarked(await settledMarks(other))).toEqual([]);
      const otherPage = chromium?.pages().find((p) => p.url().includes(`/${OTHER_PAGE}.html`));
      if (otherPage && hostilePage) {
        // What it asked the worker to match never waited for a budget: the hostile tab's is
        // its own. It may have asked nothing: its top frame matches with the form table, and
        // its frames hold no text, so they do not start (src/content/frame-text.ts).
        const stats = await statsOf(otherPage);
        expect({ delayed: stats?.delayed ?? 0, refused: stats?.refused ?? 0 }).toEqual({
          delayed: 0,
          refused: 0,
        });
        expect((await statsOf(hostilePage))?.delayed).toBeGreaterThan(0);
      }

      // The manager's search answers.
      const name = devEntities(OTHER_PAGE)[0]!.name;
      await extension.welcome.evaluate((query: string) => {
        const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        box.value = query;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }, name);
      await extension.welcome.waitForText('[data-testid="match-count"]', /^[1-9]\d* matching$/);
      await extension.welcome.waitForText('.entity-name', name);

      // The background answers a message from the manager.
      const reply = await extension.welcome.evaluate(async () => {
        type Api = { runtime: { sendMessage: (message: unknown) => Promise<{ ok: boolean }> } };
        const page = globalThis as unknown as { browser?: Api; chrome: Api };
        return (page.browser ?? page.chrome).runtime.sendMessage({
          type: 'settingsGet',
          payload: {},
        });
      });
      expect(reply.ok).toBe(true);

      // The hostile page's own mark comes too: its requests are delayed, never dropped.
      const own = await settledMarks(hostile);
      expect(own.map((m) => m.text)).toContain('Benny Gantz');

      // The tab moves on to a news page: it gets its marks, not stuck behind the flood.
      // (By the page itself: Firefox's BiDi refuses to navigate this tab, "Address rejected".)
      const next = `${server.origin}/corpus/${OTHER_PAGE}.html?scripts=0`;
      await hostile.evaluate((url: string) => void (location.href = url), next);
      const loaded = () => location.href + (document.readyState === 'loading' ? ' (loading)' : '');
      await waitFor(
        async () => (await hostile.evaluate(loaded).catch(() => '')) === next,
        'the tab did not load the next page',
      );
      expect(unmarked(await settledMarks(hostile))).toEqual([]);
    });
  });
}
