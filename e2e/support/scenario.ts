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
import { waitFor, type ExtensionSession, type Tab } from './driver';
import { readCard, readMarks, revealMark, snapshotDom, type MarkInfo } from './probes';

export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backstory-')), name);
  writeFileSync(path, text);
  return path;
}

/** Imports a pack file through the manager's "Import" input; returns the result message. */
/**
 * Imports a file through the manager: waits for the preview and accepts it
 * (keeping the reader's version of any conflict). Returns the result's text,
 * or the error's when nothing could be imported.
 */
export async function importPackFile(welcome: Tab, path: string): Promise<string> {
  await welcome.upload('input[type="file"]', path);
  const first = await welcome.waitForText(
    '[data-testid="import-preview"], [data-testid="import-result"], [data-testid="import-error"]',
    /./,
  );
  const previewed = await welcome.evaluate(
    () => document.querySelector('[data-testid="import-preview"]') !== null,
  );
  if (!previewed) return first;
  await welcome.click('[data-testid="import-preview"] button.primary');
  return welcome.waitForText('[data-testid="import-result"], [data-testid="import-error"]', /./);
}

/** Waits for the marks to appear and stop changing. */
export async function settledMarks(tab: Tab): Promise<MarkInfo[]> {
  let previous = -1;
  return waitFor(async () => {
    const marks = await tab.evaluate(readMarks);
    const settled = marks.length > 0 && marks.length === previous;
    previous = marks.length;
    return settled ? marks : null;
  }, 'marks did not appear on the page').catch((error: Error) => {
    throw new Error(`${error.message}; ${previous} marks at the last look`);
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
): Promise<ReadingResult> {
  const entities = devEntities(page);
  const message = await importPackFile(
    session.welcome,
    writeTempFile(`${page}.json`, corpusPack(page)),
  );
  expect(message).toContain(`added ${entities.length},`);
  // The list is virtual: its heading counts every note, the starter notes included.
  const total = STARTER_COUNT + entities.length;
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
  const card = await waitFor(async () => {
    const c = await tab.evaluate(readCard);
    return c.visible ? c : null;
  }, 'the card did not show');
  expect(card.title).toBe(target.name);
  expect(card.text).toContain(`Test note for ${target.name}`);

  await tab.press('Escape');
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not hide the card');
  // The card's host is the only element added, and only after a hover.
  expect((await tab.evaluate(readCard)).hostCount).toBe(1);
  expect(await tab.evaluate(snapshotDom)).toBe(baselineDom);
  return { marks, hovered: target.name };
}
