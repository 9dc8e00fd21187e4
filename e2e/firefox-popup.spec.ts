/**
 * The popup in Firefox. BiDi cannot open moz-extension: URLs, so the manager
 * (opened by the extension itself) opens the popup page for the demo tab.
 */
import { expect, test } from './fixtures';
import { waitFor } from './support/driver';
import { findPage, puppeteerTab } from './support/firefox';
import { readCard, readCardDocument, readMarks } from './support/probes';
import { settledMarks } from './support/scenario';

test('Firefox: the popup lists what the page mentions, opens its card, and switches the site off', async ({
  server,
  firefox: { browser, manager },
}) => {
  const demoPage = await browser.newPage();
  const demo = puppeteerTab(demoPage);
  await demo.goto(`${server.origin}/demo.html`);
  await settledMarks(demo);
  // The newest tab is the demo; the manager opens the popup page for it.
  // Strings: they run in the manager, with its `browser`.
  const demoId = (await manager.evaluate(
    `browser.tabs.query({}).then((tabs) => Math.max(...tabs.map((t) => t.id)))`,
  )) as number;
  const openPopup = () =>
    manager.evaluate(
      `browser.tabs.create({ url: browser.runtime.getURL('/popup.html?tab=${demoId}') })`,
    );
  await openPopup();
  const popup = await findPage(browser, '/popup.html');
  const gantz = await waitFor(
    () =>
      popup.evaluate(() =>
        [...document.querySelectorAll('button.entity')].some((b) =>
          b.textContent?.includes('Benny Gantz'),
        ),
      ),
    'the popup did not list Benny Gantz',
  );
  expect(gantz).toBe(true);
  await popup.evaluate(() => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('button.entity')].find((b) =>
      b.textContent?.includes('Benny Gantz'),
    );
    button!.click();
  });
  await waitFor(async () => {
    const card = await demo.evaluate(readCard);
    return card.visible && (await demo.evaluateInCard(readCardDocument))?.title === 'Benny Gantz';
  }, 'the card did not open in the demo tab');

  await openPopup();
  const again = await findPage(browser, '/popup.html');
  await waitFor(
    () => again.evaluate(() => document.querySelector('input[role="switch"]') !== null),
    'no site switch',
  );
  await again.evaluate(() =>
    document.querySelector<HTMLInputElement>('input[role="switch"]')!.click(),
  );
  await waitFor(
    async () => (await demo.evaluate(readMarks)).length === 0,
    'switching off left marks',
  );
});
