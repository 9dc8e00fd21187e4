/**
 * Whole pages in Chromium with the built extension (the test build, which
 * leaves a `backstory-marked` performance mark when a full scan is done):
 * time from DOMContentLoaded to the last mark, against a bare TreeWalker pass
 * over the page's text and against mark.js given the same words; long tasks;
 * the content script's JS heap; the import of the dictionary itself.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { launchChromium } from '../e2e/support/chromium';
import { E2E_BUILD } from '../e2e/support/paths';
import { writeTempFile } from '../e2e/support/scenario';
import type { TestServer } from '../e2e/support/server';
import type { BenchEntity } from './dictionary';
import { median } from './stats';

export interface PageRow {
  page: string;
  entities: number;
  textChars: number;
  marks: number;
  /** DOMContentLoaded to the end of the full scan. */
  markedMs: number;
  /** A bare TreeWalker pass over the page's text at DOMContentLoaded, in a fresh page. */
  floorMs: number;
  /** The same pass repeated on the loaded page. */
  warmFloorMs: number;
  /** mark.js given the same words (only at the smaller size: it takes minutes at 100,000). */
  markJsMs: number | null;
  /** Why mark.js gave no time, when it failed on the page. */
  markJsError?: string;
  /** The longest task seen on the page, whatever caused it (pages run with their scripts removed). */
  longestTaskMs: number;
  /** The longest synchronous step of Backstory's content script (its `backstory-task` measures). */
  ownLongestMs: number;
  /** From the end of the hover delay to the end of the frame that paints the card (1,000 entities only). */
  cardMs: number | null;
  /**
   * The page's own DOM work (`pageWork`) on the page as marked, and on the
   * same page loaded without Backstory: what the marks cost the page's scripts.
   */
  pageWorkMs: number;
  plainWorkMs: number;
  /**
   * The same without Backstory but with one empty MutationObserver on the
   * document (subtree, childList, characterData): the records the browser
   * makes for it at each change are the least any extension that follows
   * the page's changes costs its scripts.
   */
  observedWorkMs: number;
  /** Where the time to the last mark went: reading the text, matching in the background, marking. */
  /** markMs includes visibilityMs: deciding, from styles, which matches the reader can see. */
  stages: { collectMs: number; matchMs: number; markMs: number; visibilityMs: number };
}

export interface ImportRow {
  entities: number;
  /** From choosing the file to the result on screen, stamped in the page as `previewMs` is. */
  ms: number;
  /**
   * From choosing the file to the preview on screen (part of `ms`), both
   * stamped in the page: the input's change event, and the preview's
   * element added. Polled from here, the time took up to 100 ms more.
   */
  previewMs: number;
  /** The longest task on the manager's main thread during the import. */
  longestTaskMs: number;
  /** How many progress updates the manager showed. */
  progressUpdates: number;
}

const require = createRequire(import.meta.url);
const MARK_JS = readFileSync(require.resolve('mark.js/dist/mark.min.js'), 'utf8');

/** Counts long tasks from the start of the page. */
const LONG_TASKS_INIT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

const NOTE_WORDS =
  'minister defence election court parliament army police treaty border sanctions ministry coalition president governor spokesman agency protest budget inquiry summit'.split(
    ' ',
  );

/** A deterministic note of about 300 characters. */
export function benchNote(name: string, i: number): string {
  const words = Array.from(
    { length: 36 },
    (_, j) => NOTE_WORDS[(i * 7 + j * 3) % NOTE_WORDS.length],
  );
  return `Benchmark note on **${name}**: ${words.join(' ')}.`;
}

export function packOf(list: BenchEntity[]): string {
  return JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: `Benchmark, ${list.length} entities`,
    // Notes of a few hundred characters, like real ones: the search reads them all.
    entities: list.map((e, i) => ({ ...e, note: benchNote(e.name, i) })),
  });
}

export async function launchBench(
  extension: boolean,
): Promise<{ context: BrowserContext; welcome: Page | null }> {
  const { context, welcomePage } = await launchChromium(extension ? E2E_BUILD.chrome : null, [
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ]);
  if (!welcomePage) return { context, welcome: null };
  await welcomePage.locator('.entity-name').first().waitFor();
  return { context, welcome: welcomePage };
}

/**
 * Imports a pack through the manager's Import, as a user would; returns the
 * time to the result message. `body` is the file's text (`packOf(list)`
 * unless given). Everything is looked for in the Import panel: the
 * Subscriptions panel shows a result of its own, with the same test ids.
 */
export async function importThroughManager(
  welcome: Page,
  list: BenchEntity[],
  body = packOf(list),
): Promise<ImportRow> {
  const file = writeTempFile(`bench-${list.length}.json`, body);
  const panel = welcome.locator('section[aria-labelledby="import-title"]');
  // Long tasks and progress texts on the manager while it imports.
  await welcome.evaluate(`(() => {
    window.__importTasks = [];
    window.__importObserver = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__importTasks.push(e.duration);
    });
    window.__importObserver.observe({ type: 'longtask' });
    window.__progressTexts = new Set();
    window.__importTimes = {};
    const stamp = (name) => { window.__importTimes[name] ??= Date.now(); };
    const input = document.querySelector('section[aria-labelledby="import-title"] input[type="file"]');
    input.addEventListener('change', () => stamp('chosen'), { capture: true, once: true });
    window.__progressWatch = new MutationObserver(() => {
      const p = document.querySelector('[data-testid="import-progress"]');
      if (p) window.__progressTexts.add(p.textContent);
      const panel = 'section[aria-labelledby="import-title"] ';
      if (document.querySelector(panel + '[data-testid="import-preview"], ' + panel + '[data-testid="import-error"]')) stamp('preview');
      if (document.querySelector(panel + '[data-testid="import-result"]')) stamp('result');
    });
    window.__progressWatch.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await panel.locator('input[type="file"]').setInputFiles(file);
  // The preview comes first; accepting it at once, the time is the whole import's.
  await panel
    .locator('[data-testid="import-preview"], [data-testid="import-error"]')
    .first()
    .waitFor({ timeout: 300_000 });
  const stamped = await welcome.evaluate<{ chosen?: number; preview?: number }>(
    'window.__importTimes',
  );
  if (stamped.chosen === undefined || stamped.preview === undefined)
    throw new Error('The manager did not see the file chosen, or the preview shown.');
  const previewMs = stamped.preview - stamped.chosen;
  if (await panel.locator('[data-testid="import-preview"]').count())
    await panel.locator('[data-testid="import-preview"] button.primary').click();
  await panel
    .locator('[data-testid="import-result"], [data-testid="import-error"]')
    .first()
    .waitFor({ timeout: 300_000 });
  const error = await panel.locator('[data-testid="import-error"]').count();
  if (error)
    throw new Error(
      `Import failed: ${await panel.locator('[data-testid="import-error"]').textContent()}`,
    );
  const ms = (await welcome.evaluate<number>('window.__importTimes.result')) - stamped.chosen;
  // Let the list's reload after the import land within the measurement.
  await welcome.waitForTimeout(1000);
  const { longestTaskMs, progressUpdates } = await welcome.evaluate<{
    longestTaskMs: number;
    progressUpdates: number;
  }>(`(() => {
    window.__importObserver.disconnect();
    window.__progressWatch.disconnect();
    return {
      longestTaskMs: Math.max(0, ...window.__importTasks),
      progressUpdates: window.__progressTexts.size,
    };
  })()`);
  rmSync(dirname(file), { recursive: true, force: true });
  return { entities: list.length, ms, previewMs, longestTaskMs, progressUpdates };
}

/** DOMContentLoaded to the first full scan's last mark, and its stages (test builds). */
export async function markedTime(
  page: Page,
): Promise<{ ms: number; marks: number; stages: PageRow['stages'] }> {
  await page.waitForFunction(
    () => performance.getEntriesByName('backstory-marked').length > 0,
    null,
    {
      timeout: 60_000,
    },
  );
  // A string, not a function: tsx names nested functions with a helper the page lacks.
  return page.evaluate<{ ms: number; marks: number; stages: PageRow['stages'] }>(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const mark = performance.getEntriesByName('backstory-marked')[0];
    const dcl = nav.domContentLoadedEventStart;
    return {
      ms: mark.startTime - dcl,
      marks: Number(mark.detail),
      stages: {
        collectMs: at('backstory-collected') - dcl,
        matchMs: at('backstory-matched') - at('backstory-collected'),
        markMs: mark.startTime - at('backstory-matched'),
        visibilityMs: performance.getEntriesByName('backstory-visibility')[0]?.duration ?? NaN,
      },
    };
  })()`);
}

/**
 * The floor as the budget means it: one bare TreeWalker pass over the page's
 * text, run by a page script at DOMContentLoaded in a browser without
 * Backstory, so it meets the page as fresh as Backstory's own pass does (no
 * DOM wrappers made yet, code not yet compiled).
 */
const FLOOR_AT_DCL = `
  document.addEventListener('DOMContentLoaded', () => {
    const t = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
    window.__floor = { ms: performance.now() - t, chars };
  }, { once: true });
`;

export async function floorAtLoad(plain: BrowserContext, url: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await plain.newPage();
    await page.addInitScript(FLOOR_AT_DCL);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction('window.__floor !== undefined');
    times.push(await page.evaluate<number>('window.__floor.ms'));
    await page.close();
  }
  return median(times);
}

/**
 * A page script's DOM work: 5,000 elements inserted and removed, elsewhere
 * than the text (median of 5). The browser updates every live Range at each
 * such change, so marks registered as live Ranges made it slower in
 * proportion to their number (src/content/marks.ts).
 */
function pageWork(observe = false): number {
  const observer = new MutationObserver(() => undefined);
  if (observe) observer.observe(document, { childList: true, subtree: true, characterData: true });
  const times: number[] = [];
  const box = document.createElement('div');
  document.body.append(box);
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    for (let i = 0; i < 5000; i++) box.append(document.createElement('span'));
    box.replaceChildren();
    for (let i = 0; i < 5000; i++) {
      const span = document.createElement('span');
      box.append(span);
      span.remove();
    }
    times.push(performance.now() - t);
  }
  box.remove();
  observer.disconnect();
  times.sort((a, b) => a - b);
  return times[2]!;
}

/** `pageWork` on the page loaded in a browser without Backstory, bare and observed. */
async function plainWork(
  plain: BrowserContext,
  url: string,
): Promise<{ plainWorkMs: number; observedWorkMs: number }> {
  const page = await plain.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const plainWorkMs = await page.evaluate(pageWork, false);
  const observedWorkMs = await page.evaluate(pageWork, true);
  await page.close();
  return { plainWorkMs, observedWorkMs };
}

/** The same pass repeated on a page already loaded and walked (median of 5). */
function warmPass(): { ms: number; chars: number } {
  const times: number[] = [];
  let chars = 0;
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2]!, chars };
}

/** Rests the pointer on the first mark and times the card from the end of the hover delay. */
async function cardTime(page: Page): Promise<number | null> {
  // A string: tsx's helpers for function names do not exist in the page.
  const rect = await page.evaluate<{ x: number; y: number; h: number } | null>(`(() => {
    for (const [name, highlight] of CSS.highlights) {
      if (!/^backstory-(person|organization|place|topic|other)$/.test(name)) continue;
      for (const found of highlight) {
        // A live copy of Backstory's StaticRange, to measure.
        const range = document.createRange();
        range.setStart(found.startContainer, found.startOffset);
        range.setEnd(found.endContainer, found.endOffset);
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = range.getClientRects()[0];
        if (r && r.width > 0) return { x: r.x + Math.min(3, r.width / 2), y: r.y, h: r.height };
      }
    }
    return null;
  })()`);
  if (!rect) return null;
  await page.waitForTimeout(100);
  await page.mouse.move(rect.x, rect.y + rect.h / 2);
  const shown = await page
    .waitForFunction(() => performance.getEntriesByName('backstory-card-shown').length > 0, null, {
      timeout: 5000,
    })
    .then(() => true)
    .catch(() => false);
  if (!shown) return null;
  await page.mouse.move(1, 1);
  return page.evaluate(
    () =>
      performance.getEntriesByName('backstory-card-shown')[0]!.startTime -
      performance.getEntriesByName('backstory-card-delay-end')[0]!.startTime,
  );
}

export async function markJsTime(page: Page, words: string[]): Promise<number> {
  await page.addScriptTag({ content: MARK_JS });
  // A string, not a function: the benchmark runs through tsx, whose helpers
  // for function names do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const t = performance.now();
    new Mark(document.body).mark(${JSON.stringify(words)}, {
      separateWordSearch: false,
      accuracy: 'exactly',
      diacritics: true,
      done() { resolve(performance.now() - t); },
    });
  })`);
}

export async function benchPages(
  context: BrowserContext,
  plain: BrowserContext,
  server: TestServer,
  pages: string[],
  list: BenchEntity[],
  withMarkJs: boolean,
): Promise<PageRow[]> {
  const words = [...new Set(list.flatMap((e) => [e.name, ...e.aliases]))];
  const rows: PageRow[] = [];
  for (const name of pages) {
    const url = `${server.origin}/corpus/${name}.html?scripts=0`;
    const floorMs = await floorAtLoad(plain, url);
    const page = await context.newPage();
    await page.addInitScript(LONG_TASKS_INIT);
    await page.goto(url, {
      waitUntil: 'domcontentloaded',
    });
    const { ms, marks, stages } = await markedTime(page);
    // Let the load-time pass and any rescans finish before measuring the rest.
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const longestTaskMs = await page.evaluate(() =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { duration: number }[] }).__longTasks.map(
          (t) => t.duration,
        ),
      ),
    );
    const ownLongestMs = await page.evaluate(() =>
      Math.max(0, ...performance.getEntriesByName('backstory-task').map((e) => e.duration)),
    );
    const floor = await page.evaluate(warmPass);
    // The page without Backstory first: the marked page's work makes Backstory read
    // its changes a moment later, which would overlap a load in the other browser.
    const plainTimes = await plainWork(plain, url);
    // Before mark.js, which wraps its marks in elements of the page's DOM.
    const pageWorkMs = await page.evaluate(pageWork, false);
    const cardMs = withMarkJs ? await cardTime(page) : null;
    let markJsMs: number | null = null;
    let markJsError: string | undefined;
    if (withMarkJs) {
      // mark.js builds one RegExp per word; on some pages V8 runs out of stack in it.
      markJsMs = await markJsTime(page, words).catch((e: Error) => {
        markJsError = e.message
          .split('\n')[0]!
          .replace(/\/.*\//, '/…/')
          .slice(0, 80);
        return null;
      });
    }
    rows.push({
      page: name,
      entities: list.length,
      textChars: floor.chars,
      marks,
      markedMs: ms,
      floorMs,
      warmFloorMs: floor.ms,
      markJsMs,
      ...(markJsError ? { markJsError } : {}),
      longestTaskMs,
      ownLongestMs,
      stages,
      cardMs,
      pageWorkMs,
      ...plainTimes,
    });
    await page.close();
  }
  return rows;
}

/**
 * The content script's JS heap on a page: the renderer's heap after garbage
 * collection with the extension, minus the same page's heap without it.
 */
export async function contentHeap(
  context: BrowserContext,
  plain: BrowserContext,
  url: string,
): Promise<number> {
  const heap = async (ctx: BrowserContext, waitForMarks: boolean) => {
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (waitForMarks) {
      await page.waitForFunction(() => performance.getEntriesByName('backstory-marked').length > 0);
    }
    await page.waitForTimeout(500);
    const cdp = await ctx.newCDPSession(page);
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      samples.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
    await page.close();
    return median(samples);
  };
  return (await heap(context, true)) - (await heap(plain, false));
}
