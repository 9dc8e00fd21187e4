/**
 * An open page when the extension is updated. In Chromium: Chrome leaves the
 * old version's content script running there, cut off from the extension
 * (src/content/extension-gone.ts). `runtime.reload()` stands in for the
 * update: it unloads the extension the same way. Chrome does not load an
 * extension given on the command line (--load-extension) again after it, so
 * it stays gone, as a removed one would; the old copy is left as an update
 * leaves it. Firefox unloads the old copy itself and injects the new one,
 * which takes out what the old one left in the page's shadow roots.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { readCard, readMarks, revealMark } from './support/probes';
import { markerSettled, settledMarks } from './support/scenario';

/** How many style sheets the rules page's shadow root has adopted (Backstory's, there). */
const shadowSheets = (page: Page) =>
  page.evaluate(
    () => document.querySelector('[data-case="shadow"]')!.shadowRoot!.adoptedStyleSheets.length,
  );

/** The rules page marked, with a mark inside its shadow root styled by Backstory's sheet. */
async function openMarkedPage(page: Page, origin: string) {
  const tab = playwrightTab(page);
  await page.goto(`${origin}/sites/rules.html`);
  expect((await settledMarks(tab)).map((m) => m.text)).toContain('Benny Gantz');
  expect(await shadowSheets(page)).toBeGreaterThan(0);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Gantz'), 'no mark');
  return { tab, rect };
}

/** Whether the old copy has taken away its marks, its card and its shadow root's rules. */
async function readAll(page: Page) {
  const tab = playwrightTab(page);
  const marks = (await tab.evaluate(readMarks)).length;
  const hosts = (await tab.evaluate(readCard)).hostCount;
  const sheets = await shadowSheets(page);
  return { gone: marks === 0 && hosts === 0 && sheets === 0 };
}

// A string: it runs in the worker, with its `chrome`.
const unload = (worker: Worker) => worker.evaluate('chrome.runtime.reload()');

/** Waits until the old copy has taken everything away, the reader moving (`move`) meanwhile. */
async function goneAfterMoves(page: Page, move: () => Promise<void>) {
  await waitFor(async () => {
    await move();
    return (await readAll(page)).gone;
  }, 'the old copy kept its marks, its card or its rules in the shadow root');
}

for (const kind of ['pointer', 'key'] as const) {
  test(`an extension gone from under an open page: its old copy stops at the reader’s next ${kind === 'pointer' ? 'pointer move' : 'key'}`, async ({
    server,
    page,
    serviceWorker,
  }) => {
    const { tab, rect } = await openMarkedPage(page, server.origin);
    // Control, and the page's hand: the events the copy looks at, fired by the page
    // while the extension is there, stop nothing.
    await page.evaluate(() => {
      dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
      dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      dispatchEvent(new FocusEvent('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect((await tab.evaluate(readMarks)).length).toBeGreaterThan(0);
    expect(await shadowSheets(page)).toBeGreaterThan(0);

    // No card was opened, so no channel to the worker closes: the reader's move is
    // what the copy hears. Moved again until Chrome has unset the old copy's
    // `runtime.id`, a moment after the unload. Before, the marks stayed (and kept
    // being drawn on new text), no card opened on them, and the page kept the rules.
    await unload(serviceWorker);
    const away = { x: 1, y: 1 };
    const on = { x: rect.x + 3, y: rect.y + rect.height / 2 };
    let flip = false;
    await goneAfterMoves(page, async () => {
      flip = !flip;
      const to = flip ? on : away;
      if (kind === 'pointer') await page.mouse.move(to.x, to.y);
      else await page.keyboard.press('ArrowDown');
    });
  });
}

test('an extension gone while its card is open: the card and the marks go at once', async ({
  server,
  page,
  serviceWorker,
}) => {
  const { tab, rect } = await openMarkedPage(page, server.origin);
  await page.mouse.move(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  // The card's channel closes with the extension: no move of the reader's is needed.
  await unload(serviceWorker);
  await waitFor(
    async () => (await readAll(page)).gone,
    'the old copy kept its marks, its card or its rules',
  );
});

test.describe('Firefox', () => {
  test.use({ browserUnderTest: 'Firefox' });

  test('an extension reloaded under an open page: the new copy marks it, and the old copy’s rules leave its shadow root', async ({
    server,
    extension,
  }) => {
    // Firefox unloads the old copy without running any of its code and injects
    // the new one: the old copy's sheets stayed in the shadow root beside the
    // new copy's, two more at each update (src/content/adopted-sheets.ts).
    const tab = await extension.newTab();
    await tab.goto(`${server.origin}/sites/rules.html`);
    expect((await settledMarks(tab)).map((m) => m.text)).toContain('Benny Gantz');
    // Backstory's sheets in the shadow root (those holding its highlight rules
    // only), each told as the old copy's (there before the reload) or not.
    await tab.evaluate(() => {
      const w = window as unknown as { sheetsBefore: CSSStyleSheet[] };
      w.sheetsBefore = [
        ...document.querySelector('[data-case="shadow"]')!.shadowRoot!.adoptedStyleSheets,
      ];
    });
    const ours = () =>
      tab.evaluate(() => {
        const before = (window as unknown as { sheetsBefore: CSSStyleSheet[] }).sheetsBefore;
        const highlights = document
          .querySelector('[data-case="shadow"]')!
          .shadowRoot!.adoptedStyleSheets.filter(
            (sheet) =>
              sheet.cssRules.length > 0 &&
              [...sheet.cssRules].every((rule) =>
                /^::highlight\(backstory-[a-z]+\)$/.test((rule as CSSStyleRule).selectorText),
              ),
          );
        return {
          old: highlights.filter((s) => before.includes(s)).length,
          fresh: highlights.filter((s) => !before.includes(s)).length,
        };
      });
    expect(await ours()).toEqual({ old: 1, fresh: 0 });
    // A string: it runs in the manager, with its `browser`; the manager closes with it.
    await extension.welcome
      .evaluate('void setTimeout(() => browser.runtime.reload())' as unknown as () => void)
      .catch(() => undefined);
    // The new copy styles the shadow root as it marks the page again.
    await waitFor(
      async () => (await ours()).fresh > 0,
      'the new copy did not style the shadow root',
    );
    await waitFor(() => tab.evaluate(markerSettled), 'the new copy did not settle');
    expect((await tab.evaluate(readMarks)).map((m) => m.text)).toContain('Benny Gantz');
    expect(await ours()).toEqual({ old: 0, fresh: 1 });
  });
});
