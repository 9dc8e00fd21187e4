/**
 * npm start: build Backstory and open a browser with it on the demo article,
 * served from 127.0.0.1 (the seed story, marked with the starter notes).
 *
 *   npm start                        Chromium, in a window
 *   npm start -- --firefox           Firefox ESR, in a window
 *   npm start -- --headless          no window: hover a mark, save screenshots
 *                                    of the marked page and of the open card
 *   npm start -- --headless --out D  save the screenshots in folder D
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, playwrightTab } from '../e2e/support/chromium';
import { waitFor, type Tab } from '../e2e/support/driver';
import { FIREFOX_PREFS, puppeteerTab } from '../e2e/support/firefox';
import {
  CHROMIUM_PATH,
  FIREFOX_PATH,
  requireBrowser,
  ROOT,
  USER_BUILD,
} from '../e2e/support/paths';
import { readMarks, revealMark } from '../e2e/support/probes';
import { startServer } from '../e2e/support/server';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    firefox: { type: 'boolean', default: false },
    out: { type: 'string', default: 'screenshots' },
  },
});
const browserName = values.firefox ? 'firefox' : 'chrome';

console.log(`Building Backstory for ${browserName}…`);
execFileSync('npx', ['wxt', 'build', ...(values.firefox ? ['-b', 'firefox'] : [])], {
  cwd: ROOT,
  stdio: 'inherit',
});

const server = await startServer(Number(process.env.PORT ?? 0));
const demoUrl = `${server.origin}/demo.html`;

/** Whether the card covers the point just below a mark: the card's host is what the page sees there. */
function cardIsShowing(): boolean {
  const host = document.querySelector(':root > div');
  if (!host) return false;
  for (const [name, highlight] of CSS.highlights) {
    if (name !== 'backstory-hover') continue;
    for (const found of highlight as unknown as Iterable<AbstractRange>) {
      // Marks are StaticRanges, which cannot measure: a live copy does.
      const range = document.createRange();
      range.setStart(found.startContainer, found.startOffset);
      range.setEnd(found.endContainer, found.endOffset);
      const r = range.getBoundingClientRect();
      for (const dy of [12, 30, -12, -30]) {
        if (document.elementFromPoint(r.left + 4, dy > 0 ? r.bottom + dy : r.top + dy) === host)
          return true;
      }
    }
  }
  return false;
}

async function screenshots(tab: Tab): Promise<void> {
  const out = resolve(ROOT, values.out);
  mkdirSync(out, { recursive: true });
  await tab.goto(demoUrl);
  await waitFor(
    async () => (await tab.evaluate(readMarks)).length > 0,
    'no marks appeared on the demo article',
  );
  const marked = resolve(out, `demo-marked-${browserName}.png`);
  await tab.screenshot(marked);
  const rect = await waitFor(
    () => tab.evaluate(revealMark, 'Hulusi Akar'),
    'no mark for Hulusi Akar',
  );
  await tab.pointer(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await waitFor(() => tab.evaluate(cardIsShowing), 'the card did not open');
  const card = resolve(out, `demo-card-${browserName}.png`);
  await tab.screenshot(card);
  console.log(`Marked page: ${marked}\nOpen card:   ${card}`);
}

try {
  if (values.firefox) {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: requireBrowser(FIREFOX_PATH, 'Firefox'),
      headless: values.headless,
      extraPrefsFirefox: FIREFOX_PREFS,
      defaultViewport: { width: 1100, height: 760 },
    });
    await browser.installExtension(USER_BUILD.firefox);
    const tab = puppeteerTab(await browser.newPage());
    if (values.headless) {
      await screenshots(tab);
      await browser.close();
    } else {
      await tab.goto(demoUrl);
      console.log(`Firefox is open on ${demoUrl}. Close it to stop.`);
      await new Promise((done) => browser.on('disconnected', done));
    }
  } else {
    const context = await chromium.launchPersistentContext('', {
      executablePath: requireBrowser(CHROMIUM_PATH, 'Chromium'),
      headless: values.headless,
      args: [
        ...CHROMIUM_ARGS,
        `--disable-extensions-except=${USER_BUILD.chrome}`,
        `--load-extension=${USER_BUILD.chrome}`,
      ],
      viewport: { width: 1100, height: 760 },
    });
    // The extension opens its welcome tab on install; the starter notes are in once it shows.
    await context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/options.html'),
      timeout: 15_000,
    });
    const tab = playwrightTab(await context.newPage());
    if (values.headless) {
      await screenshots(tab);
      await context.close();
    } else {
      await tab.goto(demoUrl);
      console.log(`Chromium is open on ${demoUrl}. Close it to stop.`);
      await new Promise((done) => context.on('close', done));
    }
  }
} finally {
  await server.close();
}
