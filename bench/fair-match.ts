/**
 * Fair sharing of the worker (issue 12): with a hostile tab open, how long
 * another tab takes to its marks and the manager to answer a search,
 * against the same without it, measured in turns in one browser. Two
 * hostile tabs: e2e/sites/flood.html (frames that rewrite all their text
 * every 100 ms, through Backstory's own content script), and the worst a
 * renderer can do, a compromised content script (reached over CDP, as in
 * e2e/compromised.spec.ts) sending full pageMatch requests, 16 at a time,
 * without pause. The same again with the scheduler switched off (the test
 * build's `backstoryFairMatch(false)`: each pageMatch served as it comes,
 * as before), the control that shows how hostile each is.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { activeTabId, serviceWorkerOf } from '../e2e/support/chromium';
import type { TestServer } from '../e2e/support/server';
import type { TabMatchStats } from '../src/background/match-scheduler';
import { typeAndTime } from './manager';
import { markedTime } from './pages';
import { median, ms } from './stats';

/** A page of median size (50,000 characters read), in another tab. */
const OTHER_PAGE = 'guardian-1';
/** Typed into the manager's search, a character at a time. */
const WORD = 'gantz';
/** How long the hostile page floods before the measures start. */
const FLOOD_FIRST_MS = 3_000;

export type FairMode = 'scheduler' | 'bypassed';
export type Hostile = 'page' | 'script';

const HOSTILE_TEXT: Record<Hostile, string> = {
  page: 'e2e/sites/flood.html (12 frames of 90,000 characters, not drawn, all rewritten every 100 ms)',
  script:
    'a compromised content script on e2e/sites/quiet.html sending 100,000-character pageMatch requests, 16 at a time, without pause',
};

/** Run in Backstory's content-script world of the hostile tab: floods until the tab closes. */
const FLOOD_SCRIPT = `(() => {
  const text = 'lorem ipsum dolor sit amet '.repeat(4000).slice(0, 100000);
  for (let i = 0; i < 16; i++)
    (async () => {
      for (;;) await chrome.runtime.sendMessage({ type: 'pageMatch', payload: { text } });
    })();
})()`;

/** Starts FLOOD_SCRIPT in the page's content-script world (an isolated world, over CDP). */
async function floodFromContentScript(page: Page): Promise<CDPSession> {
  await page.waitForFunction(() => performance.getEntriesByName('backstory-ready').length > 0);
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated');
  if (!world) throw new Error('no content-script world in the hostile page');
  await cdp.send('Runtime.evaluate', { expression: FLOOD_SCRIPT, contextId: world.id });
  return cdp;
}

export interface FairRun {
  mode: FairMode;
  hostile: Hostile;
  /** Another tab's DOMContentLoaded to its last mark, ms. */
  marks: { quiet: number[]; hostile: number[] };
  /** The manager's search, median of a word's keystrokes, ms. */
  search: { quiet: number[]; hostile: number[] };
  /** What the hostile tab had matched while open, and how often it waited for its budget. */
  flood: { seconds: number; requests: number; chars: number; delayed: number; refused: number };
}

async function setFair(worker: Worker, on: boolean): Promise<void> {
  await worker.evaluate(`globalThis.backstoryFairMatch(${on})`);
}

async function statsOf(worker: Worker, tab: number): Promise<TabMatchStats> {
  const all = await worker.evaluate<TabMatchStats[]>('globalThis.backstoryMatchStats()');
  return (
    all.find((s) => s.tab === tab) ?? { tab, served: 0, servedChars: 0, delayed: 0, refused: 0 }
  );
}

async function otherTabMarks(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const { ms: marked } = await markedTime(page);
  await page.close();
  return marked;
}

async function searchMs(manager: Page): Promise<number> {
  await manager.bringToFront();
  return median(await typeAndTime(manager, WORD));
}

/**
 * Turns of: the other tab and a search without the hostile tab, then with
 * it open (after it has flooded for a while), for each hostile tab and mode
 * in turn, so all meet the same load of the machine. The manager holds the
 * imported entities already.
 */
export async function benchFairMatch(
  context: BrowserContext,
  manager: Page,
  server: TestServer,
  rounds: number,
): Promise<FairRun[]> {
  const worker = await serviceWorkerOf(context);
  const url = `${server.origin}/corpus/${OTHER_PAGE}.html?scripts=0`;
  const runs: FairRun[] = (['page', 'script'] as const).flatMap((hostile) =>
    (['scheduler', 'bypassed'] as const).map((mode) => ({
      mode,
      hostile,
      marks: { quiet: [], hostile: [] },
      search: { quiet: [], hostile: [] },
      flood: { seconds: 0, requests: 0, chars: 0, delayed: 0, refused: 0 },
    })),
  );
  // A first load of each, not counted: code compiled, caches warm.
  await otherTabMarks(context, url);
  await searchMs(manager);
  for (let round = 0; round < rounds; round++) {
    for (const run of runs) {
      // Set each turn: the worker restarts when idle 30 s, forgetting the switch.
      await setFair(worker, run.mode === 'scheduler');
      run.marks.quiet.push(await otherTabMarks(context, url));
      run.search.quiet.push(await searchMs(manager));

      const hostile = await context.newPage();
      const where = run.hostile === 'page' ? 'flood' : 'quiet';
      await hostile.goto(`${server.origin}/sites/${where}.html`, { waitUntil: 'domcontentloaded' });
      if (run.hostile === 'script') await floodFromContentScript(hostile);
      await hostile.bringToFront();
      const tab = await activeTabId(worker);
      const before = await statsOf(worker, tab);
      const opened = Date.now();
      await hostile.waitForTimeout(FLOOD_FIRST_MS);
      run.marks.hostile.push(await otherTabMarks(context, url));
      run.search.hostile.push(await searchMs(manager));
      const after = await statsOf(worker, tab);
      run.flood.seconds += (Date.now() - opened) / 1000;
      run.flood.requests += after.served - before.served;
      run.flood.chars += after.servedChars - before.servedChars;
      run.flood.delayed += after.delayed - before.delayed;
      run.flood.refused += after.refused - before.refused;
      await hostile.close();
      // Its last requests drain before the next quiet turn.
      await manager.waitForTimeout(1_000);
    }
  }
  return runs;
}

const spread = (values: number[]) =>
  `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

/** The report's section: one row per measure and mode, the ratio against the 2x goal. */
export function fairMatchReport(runs: FairRun[]): string[] {
  const lines = [
    `Another tab's time to its marks (${OTHER_PAGE}, DOMContentLoaded to the last mark) and the manager's search ("${WORD}" typed a character at a time, median keystroke), without and with a hostile tab open, in turns; ${runs[0]?.marks.quiet.length ?? 0} turns each. Median (min–max) in ms. Goal: with the hostile tab at most 2x without it. The bypassed rows switch the scheduler off (each pageMatch served as it comes, as before it): the control. Hostile tabs:`,
    '',
    ...(['page', 'script'] as const).map((h) => `- ${h}: ${HOSTILE_TEXT[h]}`),
    '',
    '| hostile | scheduler | measure | without ms | with the hostile tab ms | ratio (goal ≤ 2) | | the hostile tab had matched |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const { seconds, requests, chars, delayed, refused } = run.flood;
    const flood = `${requests} requests, ${(chars / 1e6).toFixed(1)} M chars in ${seconds.toFixed(0)} s (${(chars / seconds / 1000).toFixed(0)} k chars/s), ${delayed} waited for budget, ${refused} refused`;
    for (const [name, m] of [
      ['other tab, marks', run.marks],
      ['manager, search', run.search],
    ] as const) {
      const ratio = median(m.hostile) / median(m.quiet);
      const goal = run.mode === 'scheduler' ? (ratio <= 2 ? 'met' : '**missed**') : '(control)';
      lines.push(
        `| ${run.hostile} | ${run.mode} | ${name} | ${spread(m.quiet)} | ${spread(m.hostile)} | ${ratio.toFixed(2)} | ${goal} | ${name.startsWith('other') ? flood : ''} |`,
      );
    }
  }
  return lines;
}
