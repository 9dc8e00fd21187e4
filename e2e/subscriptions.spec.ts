/**
 * A team's pack by URL, in Chromium and in Firefox, against a local pack
 * server: subscribe, marks, updates by conditional request, a local edit
 * kept through an update, bad answers that change nothing, a drastic update
 * held (support/subscriptions.ts).
 *
 * Neither browser lets a driver answer its permission prompt: Firefox's test
 * switch grants optional permissions without it (support/firefox.ts), and
 * Chromium's test build holds 127.0.0.1 from install (wxt.config.ts). So the
 * reader declining is src/options/subscribe-flow.test.ts, and allowing a
 * redirect's origin from the subscription is not run end to end (Chromium
 * would show a prompt; Firefox does not say where a refused redirect went).
 */
import { startPackServer, type PackServer } from '../src/test-setup/pack-server';
import { expect, test, type BrowserName } from './fixtures';
import { subscribeScenario } from './support/subscriptions';

let packs: PackServer;
test.beforeAll(async () => {
  packs = await startPackServer();
});
test.afterAll(async () => {
  await packs.close();
});

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });

    test('a pack by URL: subscribed, marked, updated by conditional requests, never changed by a bad answer', async ({
      server,
      extension,
    }) => {
      await subscribeScenario(extension, server.origin, packs, {
        name: `team-${browserName}`,
      });
    });
  });
}

test('Chromium: "Subscribe to this pack" on a link opens the manager with its address, asking nothing yet', async ({
  context,
  serviceWorker,
}) => {
  const url = packs.url('linked');
  const [manager] = await Promise.all([
    context.waitForEvent('page', (p) => p.url().includes('#subscribe=')),
    // The menu's own handler (menus cannot be clicked headless), as the popup-menu test does.
    serviceWorker.evaluate(
      (u) =>
        (globalThis as { backstorySubscribeMenu?: (u: string) => Promise<void> })
          .backstorySubscribeMenu!(u),
      url,
    ),
  ]);
  await expect(manager.getByTestId('subscribe-url')).toHaveValue(url);
  // Nothing is fetched before the reader's click on Subscribe.
  expect(packs.counts('linked').requests).toBe(0);
});
