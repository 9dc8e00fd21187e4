/**
 * The reading scenario of a new user, shared by the Chromium and Firefox
 * tests: import a pack in the manager, open a real news page, see the marks,
 * rest the pointer on one, read the card, press Esc, and find the page's DOM
 * exactly as it was without the extension.
 */
import { expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold } from '../../src/core/fold';
import { corpusPack, devEntities } from './corpus-pack';
import { ROOT } from './paths';
import { waitFor, WORK_TIMEOUT, type ExtensionSession, type Tab } from './driver';
import { cardContent, readCard, readMarks, revealMark, snapshotDom, type MarkInfo } from './probes';

export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backstory-')), name);
  writeFileSync(path, text);
  return path;
}

/**
 * Imports a file through the manager: waits for the preview and accepts it
 * (keeping the reader's version of any conflict). Returns the result's text,
 * or the error's when nothing could be imported. `timeout` bounds each of
 * the two waits (the check, the write): minutes for a large file.
 */
export async function importPackFile(
  welcome: Tab,
  path: string,
  timeout = WORK_TIMEOUT,
): Promise<string> {
  await welcome.upload('input[type="file"]', path);
  const first = await welcome.waitForText(
    '[data-testid="import-preview"], [data-testid="import-result"], [data-testid="import-error"]',
    /./,
    timeout,
  );
  const previewed = await welcome.evaluate(
    () => document.querySelector('[data-testid="import-preview"]') !== null,
  );
  if (!previewed) return first;
  await welcome.click('[data-testid="import-preview"] button.primary');
  return welcome.waitForText(
    '[data-testid="import-result"], [data-testid="import-error"]',
    /./,
    timeout,
  );
}

/**
 * Whether the content script has no work left (test builds only): its last
 * `backstory-settled` mark comes after its last `backstory-busy` one, so the
 * full scan, the hidden-text pass after layout, and every rescan are done.
 */
export function markerSettled(): boolean {
  const last = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? -1;
  const settled = last('backstory-settled');
  return settled >= 0 && settled >= last('backstory-busy');
}

/**
 * Waits for the marks to appear and be final. The test build says so itself
 * (markerSettled). The user build says nothing, so there the count must stay
 * the same for a second of the page's own clock and over several looks; only
 * one test needs that.
 */
export async function settledMarks(
  tab: Tab,
  { build = 'e2e' }: { build?: 'e2e' | 'user' } = {},
): Promise<MarkInfo[]> {
  let count = -1;
  let since = { at: 0, looks: 0 };
  // One look reads all three at the same moment. A string: both drivers evaluate it as an expression.
  const look = `({ settled: ${build === 'e2e' ? `(${markerSettled.toString()})()` : 'true'},
    marks: (${readMarks.toString()})(), now: performance.now() })`;
  return waitFor(async () => {
    const { settled, marks, now } = await tab.evaluate(
      look as unknown as () => { settled: boolean; marks: MarkInfo[]; now: number },
    );
    if (marks.length !== count) {
      count = marks.length;
      since = { at: now, looks: 0 };
    }
    since.looks++;
    if (!settled || marks.length === 0) return null;
    if (build === 'e2e') return marks;
    return now - since.at >= 1000 && since.looks >= 5 ? marks : null;
  }, 'marks did not appear on the page').catch((error: Error) => {
    throw new Error(`${error.message}; ${count} marks at the last look`);
  });
}

const folded = (s: string) => fold(s).text;
const STARTER_COUNT = (
  JSON.parse(readFileSync(join(ROOT, 'assets/starter-pack.json'), 'utf8')) as {
    entities: unknown[];
  }
).entities.length;

export interface ReadingResult {
  marks: MarkInfo[];
  hovered: string;
}

export async function readingScenario(
  session: ExtensionSession,
  origin: string,
  page: string,
  baselineDom: string,
  /** Notes to add beside the page's (corpusPack): past TAB_IDS_MAX, the worker names the marks. */
  filler = 0,
): Promise<ReadingResult> {
  const entities = devEntities(page);
  const message = await importPackFile(
    session.welcome,
    writeTempFile(`${page}.json`, corpusPack(page, filler)),
  );
  expect(message).toContain(`added ${(entities.length + filler).toLocaleString('en-US')},`);
  // The list is virtual: its heading counts every note, the starter notes included.
  const total = STARTER_COUNT + entities.length + filler;
  await session.welcome.waitForText('#entities-title', `(${total.toLocaleString('en-US')})`);

  const tab = await session.newTab();
  await tab.goto(`${origin}/corpus/${page}.html?scripts=0`);
  const marks = await settledMarks(tab);

  // Every entity of the dev set is written plainly somewhere on the page.
  const markTexts = new Set(marks.map((m) => folded(m.text)));
  const unmarked = entities.filter(
    (e) => ![e.name, ...e.aliases].some((f) => markTexts.has(folded(f))),
  );
  expect(unmarked.map((e) => e.name)).toEqual([]);

  // Nothing in the page's DOM changed to draw the marks.
  expect(await tab.evaluate(snapshotDom)).toBe(baselineDom);

  // Rest the pointer on the first entity's name.
  const target = entities[0]!;
  const rect = await waitFor(
    () => tab.evaluate(revealMark, target.name),
    `no mark for ${target.name}`,
  );
  await tab.pointer(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  const card = await cardContent(tab);
  expect(card.title).toBe(target.name);
  expect(card.text).toContain(`Test note for ${target.name}`);

  await tab.press('Escape');
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not hide the card');
  // The card's host is the only element added, and only after a hover.
  expect((await tab.evaluate(readCard)).hostCount).toBe(1);
  expect(await tab.evaluate(snapshotDom)).toBe(baselineDom);
  return { marks, hovered: target.name };
}
