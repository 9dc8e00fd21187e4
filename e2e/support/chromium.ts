/**
 * Chromium with the extension loaded, through Playwright. Every host other
 * than 127.0.0.1 fails to resolve, so pages' own network calls fail fast.
 */
import {
  chromium,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
  type Worker,
} from '@playwright/test';
import { CHROMIUM_PATH, requireBrowser, requireBuild } from './paths';
import { isCardDocument, waitFor, WORK_TIMEOUT, type ExtensionSession, type Tab } from './driver';
import { snapshotDom } from './probes';

/**
 * A name for the test server's address that is not a secure context
 * (127.0.0.1 and localhost are), as an http:// news site is not: APIs such
 * as `crypto.randomUUID` are missing there, for content scripts too.
 */
export const INSECURE_HOST = 'insecure.backstory.test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // localhost: the second origin of the pack server, for redirects to another origin.
  // INSECURE_HOST: the test server again, at an address that is not a secure context.
  `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost`,
];

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

/**
 * Clicks `target`, in the card's frame, once that frame hears the pointer.
 * Chromium routes input to a cross-process frame by what that frame last
 * drew, so for a moment after the card is uncovered or moved (much longer on
 * a loaded machine, where the card's process draws late) a move or a click
 * over it goes to the page instead, and is lost to the card, as a reader's
 * would be. The pointer moves onto the target, by a pixel each time, until
 * the frame's own document counts a move; then it clicks.
 */
export async function clickInCardFrame(target: Locator, clickCount = 1): Promise<void> {
  const handle = await target.elementHandle({ timeout: WORK_TIMEOUT });
  const frame = await handle.ownerFrame();
  await handle.dispose();
  const page = target.page();
  const moves = () =>
    (frame ? frame.evaluate(countPointerMoves) : Promise.resolve(0)).catch(() => 0);
  const before = await moves();
  // Inside the card's scrolling body, as a reader would scroll to it.
  await target.scrollIntoViewIfNeeded({ timeout: WORK_TIMEOUT });
  let nudge = 0;
  await waitFor(async () => {
    const box = await target.boundingBox();
    if (!box) return false;
    nudge = 1 - nudge;
    await page.mouse.move(box.x + box.width / 2 + nudge, box.y + box.height / 2);
    return (await moves()) > before;
  }, 'the card frame never got the pointer');
  await target.click({ clickCount });
}

/** The pointer moves the document this runs in has heard, counted from the first call. */
function countPointerMoves(): number {
  const w = window as unknown as { e2ePointerMoves?: number };
  if (w.e2ePointerMoves === undefined) {
    w.e2ePointerMoves = 0;
    addEventListener('pointermove', () => w.e2ePointerMoves!++, { capture: true });
  }
  return w.e2ePointerMoves;
}

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
    evaluateInCard: async <R>(fn: () => R) => {
      const frame = await cardFrameOf(page);
      return frame ? ((await frame.evaluate(fn)) as R) : null;
    },
    clickInCard: async (selector, count = 1) => {
      const frame = await waitFor(() => cardFrameOf(page), 'no card frame');
      await clickInCardFrame(frame.locator(selector).first(), count);
    },
    type: (text) => page.keyboard.type(text),
    pointer: (x, y) => page.mouse.move(x, y),
    viewport: (width, height) => page.setViewportSize({ width, height }),
    press: (key) => page.keyboard.press(key),
    upload: (selector, file) => page.locator(selector).setInputFiles(file),
    click: (selector) => page.locator(selector).first().click(),
    waitForText: async (selector, text, timeout = WORK_TIMEOUT) => {
      const locator = page.locator(selector).filter({ hasText: text }).first();
      await locator.waitFor({ timeout });
      return (await locator.textContent()) ?? '';
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    url: () => page.url(),
    close: () => page.close(),
  };
}

/**
 * Chromium with `extensionDir` loaded (none when null); nothing waited for
 * yet. A profile of its own each time, unless `userDataDir` names one to
 * start again from (a browser restart).
 */
export async function startChromium(
  extensionDir: string | null,
  extraArgs: string[] = [],
  userDataDir = '',
): Promise<BrowserContext> {
  const args = [...CHROMIUM_ARGS, ...extraArgs];
  if (extensionDir) {
    requireBuild(extensionDir);
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: requireBrowser(CHROMIUM_PATH, 'Chromium'),
    headless: true,
    args,
    viewport: { width: 1200, height: 800 },
  });
  // Playwright's own default (30 s) would be a speed limit on a loaded machine.
  context.setDefaultTimeout(WORK_TIMEOUT);
  return context;
}

/** The manager tab the extension opens on install, once its document is parsed. */
export async function welcomePageOf(context: BrowserContext): Promise<Page> {
  const isWelcome = (p: Page) => p.url().includes('/options.html');
  const welcome =
    context.pages().find(isWelcome) ??
    (await context.waitForEvent('page', { predicate: isWelcome, timeout: WORK_TIMEOUT }));
  await welcome.waitForLoadState('domcontentloaded', { timeout: WORK_TIMEOUT });
  return welcome;
}

/** The extension's service worker, once it has started. */
export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: WORK_TIMEOUT }))
  );
}

export function chromiumSession(context: BrowserContext, welcome: Page): ExtensionSession {
  return {
    welcome: playwrightTab(welcome),
    newTab: async () => playwrightTab(await context.newPage()),
  };
}

/** For the benchmark: Chromium with the extension (or none), and its manager tab. */
export async function launchChromium(
  extensionDir: string | null,
  extraArgs: string[] = [],
): Promise<{ context: BrowserContext; welcomePage?: Page }> {
  const context = await startChromium(extensionDir, extraArgs);
  if (!extensionDir) return { context };
  return { context, welcomePage: await welcomePageOf(context) };
}

/** The page's DOM as markup, loaded in Chromium without Backstory. */
export async function chromiumBaselineDom(url: string): Promise<string> {
  const context = await startChromium(null);
  try {
    const tab = playwrightTab(await context.newPage());
    await tab.goto(url);
    return await tab.evaluate(snapshotDom);
  } finally {
    await context.close();
  }
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

/**
 * The id of the active tab once it is a web page: a tab just brought to the
 * front can reach the worker a moment after the manager opened at install,
 * which stays the active tab until then (seen once in CI, Chromium 150).
 */
export function activeWebTabId(worker: Worker): Promise<number> {
  return waitFor(async () => {
    const id = await activeTabId(worker);
    const ours = await worker.evaluate<number[]>(
      // Top documents only: the card's frame is an extension context inside the web page's tab.
      `chrome.runtime.getContexts({ contextTypes: ['TAB'] }).then((cs) => cs.filter((c) => c.frameId === 0).map((c) => c.tabId))`,
    );
    return ours.includes(id) ? null : id;
  }, 'no web page became the active tab');
}

/** The popup as a page of its own, speaking for tab `tabId`. */
export function popupUrl(worker: Worker, tabId: number): string {
  return `chrome-extension://${new URL(worker.url()).host}/popup.html?tab=${tabId}`;
}
