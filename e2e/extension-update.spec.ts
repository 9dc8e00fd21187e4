/**
 * An open page when the extension is updated, in Chromium: Chrome leaves the
 * old version's content script running there, cut off from the extension
 * (src/content/extension-gone.ts). `runtime.reload()` stands in for the
 * update: it unloads the extension the same way. Firefox unloads the old
 * copy itself.
 */
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { readCard, readMarks, revealMark } from './support/probes';
import { settledMarks } from './support/scenario';

test('an extension gone from under an open page: its old copy takes its marks and card away at the reader’s next move', async ({
  server,
  page,
  serviceWorker,
}) => {
  const tab = playwrightTab(page);
  await page.goto(`${server.origin}/demo.html`);
  expect((await settledMarks(tab)).map((m) => m.text)).toContain('Benny Gantz');

  // Control, and the page's hand: the events the copy looks at, fired by the page
  // while the extension is there, stop nothing, and the pointer on a mark opens its card.
  await page.evaluate(() => {
    dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    dispatchEvent(new FocusEvent('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Benny Gantz'), 'no mark');
  await page.mouse.move(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  await page.mouse.move(1, 1);
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'the card stayed');
  expect((await tab.evaluate(readMarks)).length).toBeGreaterThan(0);

  // Chrome does not bring back an extension loaded from the command line
  // (--load-extension) after `runtime.reload()`: it stays gone, as a removed
  // one would. The old copy is left as an update leaves it.
  // A string: it runs in the worker, with its `chrome`.
  await serviceWorker.evaluate('chrome.runtime.reload()');

  // The reader's pointer comes back to the mark: the old copy finds its extension gone
  // and takes its marks and card away (before, the marks stayed and no card opened).
  await page.mouse.move(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(
    async () =>
      (await tab.evaluate(readMarks)).length === 0 && (await tab.evaluate(readCard)).hostCount === 0
        ? true
        : null,
    'the old copy kept its marks or its card',
  );
});
