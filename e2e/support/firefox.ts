/**
 * Firefox ESR with the extension installed, through puppeteer-core over
 * WebDriver BiDi (Playwright cannot install an extension into Firefox).
 * BiDi cannot open moz-extension: URLs, so the manager is reached through
 * the tab the extension opens itself on install. Every host other than
 * 127.0.0.1 goes to a proxy on a closed port, so pages' own requests fail fast.
 */
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { isCardDocument, waitFor, WORK_TIMEOUT, type ExtensionSession, type Tab } from './driver';
import { cardFrameOrigin, snapshotDom } from './probes';
import { FIREFOX_PATH, requireBrowser, requireBuild } from './paths';

const CLOSED_PORT = 9;
export const FIREFOX_PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': CLOSED_PORT,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': CLOSED_PORT,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': '127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  // Optional permissions (a subscription's origin) are granted without the
  // doorhanger, which no driver can answer: Firefox's own switch for tests.
  // The request still runs through permissions.request and is recorded.
  'extensions.webextOptionalPermissionPrompts': false,
  // Firefox's own checks for a captive portal and for connectivity ask
  // detectportal.firefox.com through the proxy, which the tests that count
  // every request leaving (names.spec.ts) would take for ours. Firefox 140
  // ESR asks at start; the driver's own prefs do not turn it off there.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/**
 * The card's document among the page's frames: a cross-origin extension
 * frame, asked itself (not every driver knows its URL); a frame that is
 * still loading, or going, answers with an error and is not it yet.
 */
async function cardFrameOf(page: Page): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    if (await frame.evaluate(isCardDocument).catch(() => false)) return frame;
  }
  return null;
}

export function puppeteerTab(page: Page): Tab {
  // Puppeteer's own default (30 s) would be a speed limit on a loaded machine.
  page.setDefaultTimeout(WORK_TIMEOUT);
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'domcontentloaded' })),
    evaluate: (fn: (arg: unknown) => unknown, arg?: unknown) => page.evaluate(fn, arg),
    evaluateInFrames: (fn) =>
      Promise.all(
        page
          .frames()
          .filter((f) => f !== page.mainFrame())
          .map((f) => f.evaluate(fn)),
      ),
    evaluateInCard: async <R>(fn: () => R) => {
      const frame = await cardFrameOf(page);
      return frame ? ((await frame.evaluate(fn)) as R) : null;
    },
    clickInCard: async (selector, count = 1) => {
      const frame = await waitFor(() => cardFrameOf(page), 'no card frame');
      const target = (await frame.waitForSelector(selector))!;
      // Puppeteer clicks in a child frame by locating the frame's element
      // (browsingContext.locateNodes with a "context" locator), which Firefox
      // 140 ESR refuses as an invalid argument. The point is found here: the
      // element's centre in the card's document, plus where the card's iframe
      // is in the page (its host's shadow root is open in test builds); the
      // click there is the browser's own, trusted, like the reader's.
      const inCard = await target.evaluate((el) => {
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      const card = await page.evaluate(cardFrameOrigin);
      if (!card) throw new Error('the card frame has no iframe in the page');
      await page.mouse.click(card.x + inCard.x, card.y + inCard.y, { count });
    },
    type: (text) => page.keyboard.type(text),
    pointer: (x, y) => page.mouse.move(x, y),
    // Puppeteer sends a screen orientation with the viewport, a BiDi command
    // Firefox 140 lacks; the viewport itself is set (the caller waits for it).
    viewport: (width, height) =>
      page.setViewport({ width, height }).catch((error: unknown) => {
        if (!String(error).includes('setScreenOrientationOverride')) throw error;
      }),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    click: async (selector) => {
      await (await page.waitForSelector(selector))!.click();
    },
    upload: async (selector, file) => {
      const input = await page.waitForSelector(selector);
      await (input as unknown as { uploadFile: (path: string) => Promise<void> }).uploadFile(file);
    },
    waitForText: (selector, text, timeout = WORK_TIMEOUT) => {
      const pattern =
        typeof text === 'string'
          ? { source: text, literal: true }
          : { source: text.source, literal: false };
      return waitFor(
        () =>
          page.evaluate(
            (sel: string, p: { source: string; literal: boolean }) => {
              for (const el of document.querySelectorAll(sel)) {
                const content = el.textContent ?? '';
                if (p.literal ? content.includes(p.source) : new RegExp(p.source).test(content))
                  return content;
              }
              return null;
            },
            selector,
            pattern,
          ),
        `no ${selector} with text ${String(text)}`,
        timeout,
      );
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    // Puppeteer over BiDi does not see moz-extension: URLs; ask the page.
    url: () => page.url(),
    close: () => page.close(),
  };
}

export async function findPage(browser: Browser, urlPart: string): Promise<Page> {
  return waitFor(async () => {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.includes(urlPart)) return page;
    }
    return null;
  }, `Firefox did not open ${urlPart}`);
}

/** How to start Firefox: prefs over FIREFOX_PREFS, and arguments added to its command line. */
export interface FirefoxLaunch {
  prefs?: Record<string, unknown>;
  args?: string[];
}

/**
 * Firefox without extensions; install one with `browser.installExtension`.
 * `prefs` go over FIREFOX_PREFS; `args` are added to Firefox's command line.
 */
export function startFirefox(
  prefs: Record<string, unknown> = {},
  args: string[] = [],
): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: requireBrowser(FIREFOX_PATH, 'Firefox'),
    headless: true,
    args,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
    // Stops Firefox's own remote-settings traffic, which would only hit the closed proxy.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    defaultViewport: { width: 1200, height: 800 },
  });
}

/** Installs the extension and waits for the manager tab it opens on install. */
export async function installExtension(browser: Browser, extensionDir: string): Promise<Page> {
  await browser.installExtension(requireBuild(extensionDir));
  return findPage(browser, '/options.html');
}

export function firefoxSession(browser: Browser, welcome: Page): ExtensionSession {
  return {
    welcome: puppeteerTab(welcome),
    newTab: async () => puppeteerTab(await browser.newPage()),
  };
}

/** The page's DOM as markup, loaded in Firefox without Backstory. */
export async function firefoxBaselineDom(url: string): Promise<string> {
  const browser = await startFirefox();
  try {
    const tab = puppeteerTab(await browser.newPage());
    await tab.goto(url);
    return await tab.evaluate(snapshotDom);
  } finally {
    await browser.close();
  }
}
