/**
 * What a failed test leaves behind, so a failure on a machine nobody can log
 * into is understood from the CI output alone: a screenshot of every open
 * page (the manager, a popup, the page under test) and the last lines the
 * extension and its pages logged (console messages, uncaught errors), as
 * Playwright attachments. The lines are also printed, since the `list`
 * reporter shows only the first 300 characters of a text attachment.
 */
import { writeFile } from 'node:fs/promises';
import type { BrowserContext, ConsoleMessage, Page, TestInfo, Worker } from '@playwright/test';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';

const KEEP = 50;

/** The last KEEP lines logged, each with the time since the test started and where it came from. */
export class LogTail {
  private readonly lines: string[] = [];
  private readonly start = Date.now();

  push(where: string, text: string): void {
    const seconds = ((Date.now() - this.start) / 1000).toFixed(1).padStart(6);
    this.lines.push(`${seconds}s ${where}: ${text}`);
    if (this.lines.length > KEEP) this.lines.shift();
  }

  get text(): string {
    return this.lines.length ? this.lines.join('\n') : '(nothing was logged)';
  }
}

/** A short name for where a line or a screenshot comes from: the page's path, without the extension id. */
export function placeOf(url: string): string {
  try {
    const u = new URL(url);
    const origin = /-extension:$/.test(u.protocol) ? 'extension' : u.host;
    return `${origin}${u.pathname}${u.search}`;
  } catch {
    return url || '(blank)';
  }
}

const consoleLine = (m: ConsoleMessage) => `${m.type()} ${m.text()}`;

/** Collects what every page of the context and the extension's service worker log. */
export function watchChromium(context: BrowserContext, tail: LogTail): void {
  const page = (p: Page) => {
    p.on('console', (m) => tail.push(placeOf(p.url()), consoleLine(m)));
    p.on('pageerror', (e) => tail.push(placeOf(p.url()), `uncaught ${e.stack ?? e.message}`));
    p.on('crash', () => tail.push(placeOf(p.url()), 'the page crashed'));
  };
  // A service worker's console is not among the context's console events in every version.
  const worker = (w: Worker) => {
    w.on('console', (m) => tail.push('service worker', consoleLine(m)));
    w.on('close', () => tail.push('service worker', 'stopped'));
  };
  context.pages().forEach(page);
  context.on('page', page);
  context.serviceWorkers().forEach(worker);
  context.on('serviceworker', worker);
}

/** Collects what every Firefox page logs (the background page is out of BiDi's reach). */
export function watchFirefox(browser: PuppeteerBrowser, tail: LogTail): void {
  const page = (p: PuppeteerPage) => {
    p.on('console', (m) => tail.push(placeOf(p.url()), `${m.type()} ${m.text()}`));
    p.on('pageerror', (e) =>
      tail.push(placeOf(p.url()), `uncaught ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  void browser.pages().then((pages) => pages.forEach(page));
  browser.on('targetcreated', (target: { page(): Promise<PuppeteerPage | null> }) => {
    void target.page().then((p) => p && page(p));
  });
}

export interface Shootable {
  place: string;
  screenshot(path: string): Promise<unknown>;
}

/** Nothing here may hang the teardown of a test that already failed. */
function within<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  return Promise.race([
    work,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms)),
  ]);
}

/**
 * When the test did not end as expected: attaches a screenshot of every page
 * and the log's last lines, and prints the lines and where the screenshots are.
 */
export async function reportFailure(
  testInfo: TestInfo,
  browserName: string,
  tail: LogTail,
  pages: Shootable[],
): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  const shots: string[] = [];
  for (const [i, page] of pages.entries()) {
    const name = `${browserName}-page-${i + 1}`;
    const path = testInfo.outputPath(`${name}.png`);
    try {
      if (!(await within(15_000, page.screenshot(path)))) continue;
      await testInfo.attach(`${name}: ${page.place}`, { path, contentType: 'image/png' });
      shots.push(`  ${path} (${page.place})`);
    } catch {
      // A page that closed or crashed has no picture; the log says what it last did.
    }
  }
  const logPath = testInfo.outputPath(`${browserName}-log.txt`);
  await writeFile(logPath, `${tail.text}\n`);
  await testInfo.attach(`${browserName}: the last ${KEEP} lines logged`, {
    path: logPath,
    contentType: 'text/plain',
  });
  console.log(
    [
      `── ${testInfo.titlePath.slice(1).join(' › ')}: ${testInfo.status}`,
      `── ${browserName}: the last ${KEEP} lines the extension and its pages logged`,
      tail.text,
      `── screenshots of the ${shots.length} open page(s):`,
      ...shots,
    ].join('\n'),
  );
}
