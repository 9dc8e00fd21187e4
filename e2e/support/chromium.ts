/**
 * Chromium with the extension loaded, through Playwright. Every host other
 * than 127.0.0.1 fails to resolve, so pages' own network calls fail fast.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, requireBrowser, requireBuild } from './paths';
import type { ExtensionSession, Tab } from './driver';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export function playwrightTab(page: Page): Tab {
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
    pointer: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key),
    upload: (selector, file) => page.locator(selector).setInputFiles(file),
    click: (selector) => page.locator(selector).first().click(),
    waitForText: async (selector, text) => {
      const locator = page.locator(selector).filter({ hasText: text }).first();
      await locator.waitFor({ timeout: 15_000 });
      return (await locator.textContent()) ?? '';
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    url: () => page.url(),
    close: () => page.close(),
  };
}

export async function launchChromium(
  extensionDir: string | null,
  extraArgs: string[] = [],
): Promise<{ context: BrowserContext; session: ExtensionSession | null; welcomePage?: Page }> {
  const args = [...CHROMIUM_ARGS, ...extraArgs];
  if (extensionDir) {
    requireBuild(extensionDir);
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: requireBrowser(CHROMIUM_PATH, 'Chromium'),
    headless: true,
    args,
    viewport: { width: 1200, height: 800 },
  });
  if (!extensionDir) return { context, session: null };
  const isWelcome = (p: Page) => p.url().includes('/options.html');
  const welcome =
    context.pages().find(isWelcome) ??
    (await context.waitForEvent('page', { predicate: isWelcome, timeout: 15_000 }));
  await welcome.waitForLoadState('domcontentloaded');
  return {
    context,
    welcomePage: welcome,
    session: {
      welcome: playwrightTab(welcome),
      newTab: async () => playwrightTab(await context.newPage()),
      close: () => context.close(),
    },
  };
}

/**
 * The id of the active tab, asked of the extension's service worker. Without
 * the `tabs` permission tabs carry no URL, so tests bring their tab to the
 * front first. (A string: it runs in the worker, with its `chrome`.)
 */
export function activeTabId(worker: Worker): Promise<number> {
  return worker.evaluate<number>(
    `chrome.tabs.query({ active: true, lastFocusedWindow: true }).then(([tab]) => tab.id)`,
  );
}

/** The popup as a page of its own, speaking for tab `tabId`. */
export function popupUrl(worker: Worker, tabId: number): string {
  return `chrome-extension://${new URL(worker.url()).host}/popup.html?tab=${tabId}`;
}
