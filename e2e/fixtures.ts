/**
 * The fixtures every spec starts from, so a test is its steps and nothing
 * else: the browser it needs is launched with the extension, closed after
 * it, and, when the test fails, its pages photographed and its log printed
 * (support/diagnostics.ts).
 *
 *   server          the page server (support/server.ts), one per worker
 *   build           option: 'e2e' (open shadow root, test hooks) or 'user'
 *   context         Chromium with the build loaded
 *   manager         the manager tab the extension opened on install
 *   page            a new tab in that Chromium, for the page under test
 *   serviceWorker   the extension's service worker; extensionId its id
 *   openPopup(tab)  the popup as a page of its own, speaking for `tab`
 *   firefox         Firefox ESR with the build installed, and its manager tab
 *   firefoxLaunch   option: prefs and command-line arguments for that Firefox
 *   browserUnderTest / extension / baselineDom
 *                   one scenario in either browser (reading.spec.ts)
 */
import {
  test as base,
  type BrowserContext,
  type Page,
  type TestInfo,
  type Worker,
} from '@playwright/test';
import type { Browser, Page as PuppeteerPage } from 'puppeteer-core';
import {
  activeWebTabId,
  chromiumBaselineDom,
  chromiumSession,
  popupUrl,
  serviceWorkerOf,
  startChromium,
  welcomePageOf,
} from './support/chromium';
import {
  LogTail,
  placeOf,
  reportFailure,
  watchChromium,
  watchFirefox,
} from './support/diagnostics';
import type { ExtensionSession } from './support/driver';
import {
  firefoxBaselineDom,
  firefoxSession,
  installExtension,
  startFirefox,
  type FirefoxLaunch,
} from './support/firefox';
import { E2E_BUILD, USER_BUILD } from './support/paths';
import { startServer, type TestServer } from './support/server';

export type Build = 'e2e' | 'user';
export type BrowserName = 'Chromium' | 'Firefox';

export interface FirefoxSession {
  browser: Browser;
  /** The manager tab the extension opened on install (BiDi cannot open moz-extension: URLs). */
  manager: PuppeteerPage;
  /** The same browser behind the shared Tab interface (support/driver.ts). */
  session: ExtensionSession;
}

interface Fixtures {
  build: Build;
  context: BrowserContext;
  manager: Page;
  serviceWorker: Worker;
  extensionId: string;
  openPopup: (tab: Page) => Promise<Page>;
  firefox: FirefoxSession;
  /** Option: how the `firefox` fixture starts Firefox (prefs over FIREFOX_PREFS, command-line args). */
  firefoxLaunch: FirefoxLaunch;
  browserUnderTest: BrowserName;
  /** The extension in `browserUnderTest`; in Chromium also its manager as a Playwright page. */
  extension: ExtensionSession & { welcomePage?: Page };
  /** A page's DOM as markup, loaded in `browserUnderTest` without Backstory. */
  baselineDom: (url: string) => Promise<string>;
}

const BUILDS = { e2e: E2E_BUILD, user: USER_BUILD };

/** Chromium with the build, watched for the failure report, closed whatever happens. */
async function withChromium(
  build: Build,
  testInfo: TestInfo,
  use: (context: BrowserContext) => Promise<void>,
): Promise<void> {
  const context = await startChromium(BUILDS[build].chrome);
  const tail = new LogTail();
  watchChromium(context, tail);
  try {
    await use(context);
  } finally {
    await reportFailure(
      testInfo,
      'chromium',
      tail,
      // The blank tab a persistent context starts with shows nothing worth a picture.
      context
        .pages()
        .filter((p) => p.url() !== 'about:blank')
        .map((p) => ({
          place: placeOf(p.url()),
          screenshot: (path: string) => p.screenshot({ path }),
        })),
    );
    await context.close();
  }
}

/** Where a Firefox page is, asked of the page; its URL as BiDi sees it if it does not answer soon. */
function hrefOf(page: PuppeteerPage): Promise<string> {
  return Promise.race([
    page.evaluate(() => location.href).catch(() => page.url()),
    new Promise<string>((resolve) => setTimeout(() => resolve(page.url()), 5_000)),
  ]);
}

/** Firefox with the build installed, watched for the failure report, closed whatever happens. */
async function withFirefox(
  build: Build,
  testInfo: TestInfo,
  use: (firefox: FirefoxSession) => Promise<void>,
  launch: FirefoxLaunch = {},
): Promise<void> {
  const browser = await startFirefox(launch.prefs, launch.args);
  const tail = new LogTail();
  watchFirefox(browser, tail);
  try {
    const manager = await installExtension(browser, BUILDS[build].firefox);
    await use({ browser, manager, session: firefoxSession(browser, manager) });
  } finally {
    const pages = await browser.pages().catch(() => []);
    await reportFailure(
      testInfo,
      'firefox',
      tail,
      await Promise.all(
        pages.map(async (p) => ({
          // BiDi shows moz-extension: pages as blank; the page itself knows where it is.
          place: placeOf(await hrefOf(p)),
          screenshot: (path: string) => p.screenshot({ path }),
        })),
      ),
    );
    await browser.close();
  }
}

export const test = base.extend<Fixtures, { server: TestServer }>({
  server: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  build: ['e2e', { option: true }],
  context: async ({ build }, use, testInfo) => {
    await withChromium(build, testInfo, use);
  },
  manager: async ({ context }, use) => {
    await use(await welcomePageOf(context));
  },
  serviceWorker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, serviceWorker }, use) => {
    await use(async (tab) => {
      // Without the `tabs` permission tabs carry no URL: the popup asks for the active one.
      // Asked before the popup's own tab opens and becomes the active one, and once it is a
      // web page: the manager opened at install can still be the active tab a moment after
      // `bringToFront` (the popup then spoke for the manager: seen in CI, insecure-origin.spec).
      await tab.bringToFront();
      const url = popupUrl(serviceWorker, await activeWebTabId(serviceWorker));
      const popup = await context.newPage();
      await popup.goto(url);
      return popup;
    });
  },
  firefoxLaunch: [{}, { option: true }],
  firefox: async ({ build, firefoxLaunch }, use, testInfo) => {
    await withFirefox(build, testInfo, use, firefoxLaunch);
  },
  browserUnderTest: ['Chromium', { option: true }],
  extension: async ({ browserUnderTest, build }, use, testInfo) => {
    if (browserUnderTest === 'Firefox') {
      await withFirefox(build, testInfo, ({ session }) => use(session));
      return;
    }
    await withChromium(build, testInfo, async (context) => {
      const welcomePage = await welcomePageOf(context);
      await use({ ...chromiumSession(context, welcomePage), welcomePage });
    });
  },
  baselineDom: async ({ browserUnderTest }, use) => {
    await use(browserUnderTest === 'Firefox' ? firefoxBaselineDom : chromiumBaselineDom);
  },
});

export { expect } from '@playwright/test';
