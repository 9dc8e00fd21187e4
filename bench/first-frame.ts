/**
 * Issue 14's measures, page by page, repeated: whether the first frame
 * painted after DOMContentLoaded already carries every mark of the full
 * scan, Backstory's own main-thread time against a bare pass over the same
 * page, the page's time to first paint with and without Backstory, and
 * mark.js against our own time.
 *
 * The probe runs in the page's main world (as a page would): it counts the
 * ranges registered under `backstory-<kind>` in the first animation frame
 * after DOMContentLoaded, at the last step of that frame's rendering update
 * before its paint (a resize observation made in the frame's animation
 * callback, reported after the page's style and layout, and after the
 * content script's own observer: src/content/pre-paint.ts), and again 3 s
 * later, once the content script has settled (test builds mark
 * `backstory-settled`). Equal counts mean the first painted frame was
 * marked. The count at the animation callback itself is kept beside it.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { floorAtLoad, markJsTime } from './pages';
import { median } from './stats';
import { cpuInSpans, startTrace, type PageSpan, type TraceEvent } from './trace-cpu';

/** Page loads per page and size: a median and a spread, not one sample. */
export const FIRST_FRAME_RUNS = 3;
/**
 * Traced loads per page and size, for our tasks' CPU time: apart from the
 * others, as tracing the whole browser left bbc-1's first frame unmarked in
 * 3 of 6 loads where untraced loads had it marked in 6 of 6.
 */
export const TRACED_RUNS = 2;
/** How long after the first frame the final count is taken. */
const SETTLE_MS = 3000;

const PROBE = `
  (() => {
    const probe = { first: -1, atAnimationFrame: -1, frameAt: -1 };
    window.__firstFrame = probe;
    const count = (window.__countMarks = () => {
      let n = 0;
      for (const [name, highlight] of CSS.highlights)
        if (/^backstory-(person|organization|place|topic|other)$/.test(name)) n += highlight.size;
      return n;
    });
    document.addEventListener('DOMContentLoaded', () => {
      requestAnimationFrame(() => {
        probe.atAnimationFrame = count();
        probe.frameAt = performance.now();
        // The same frame's resize observations come after its style and layout,
        // just before it is painted; this observer, made now, comes after the
        // content script's (made at document_start).
        const last = new ResizeObserver(() => {
          last.disconnect();
          if (probe.first < 0) probe.first = count();
        });
        last.observe(document.documentElement);
        setTimeout(() => {
          last.disconnect();
          if (probe.first < 0) probe.first = probe.atAnimationFrame;
        }, 0);
      });
    }, { once: true });
  })();
`;

export interface FirstFrameRun {
  /** Ranges registered in the first frame after DOMContentLoaded, just before its paint. */
  first: number;
  /** The same at that frame's animation callback, before its style and layout. */
  atAnimationFrame: number;
  /** The same, 3 s later. */
  later: number;
  /**
   * The sum of Backstory's timed tasks (test build's `backstory-task` measures)
   * over the load, less `styleMs`.
   */
  ownMs: number;
  /**
   * The same, as the main thread's CPU time in those tasks (trace-cpu.ts):
   * the wall time less the moments the thread waited for a core. NaN in a
   * load not traced.
   */
  ownCpuMs: number;
  ownLongestMs: number;
  /** The longest task's steps, "label ms", and when it started (ms from DOMContentLoaded). */
  longestSteps: string;
  /**
   * The page's own style computed when we first asked whether it has boxes
   * (inside our tasks): work moved before its first frame, not added, as the
   * paint times with and without Backstory show.
   */
  styleMs: number;
  /** The content script's modules' start (counted in `ownMs`; NaN in a build that does not time it). */
  modulesMs: number;
  /**
   * Our timed tasks in the page's other frames (each runs the content
   * script, `allFrames`), summed: not in `ownMs`, which is the top
   * document's, as the bare pass and mark.js are.
   */
  framesMs: number;
  /** How many of the page's other frames ran our tasks. */
  frames: number;
  /** Navigation start to the first paint. */
  paintMs: number;
  /** DOMContentLoaded to the end of the full scan. */
  markedMs: number;
  /**
   * When the form table was ready in the tab (received and checked),
   * relative to DOMContentLoaded: negative is before it. NaN without one.
   */
  tableMs: number;
  /** When the tab asked for the table, relative to DOMContentLoaded. NaN without one. */
  tableAskedMs: number;
}

export interface FirstFrameRow {
  page: string;
  entities: number;
  runs: FirstFrameRun[];
  /** The traced loads (TRACED_RUNS), for the CPU time of our tasks only. */
  traced: FirstFrameRun[];
  /** The bare TreeWalker pass at DOMContentLoaded, in a browser without Backstory. */
  floorMs: number;
  /** Navigation start to the first paint without Backstory, one per load. */
  plainPaintMs: number[];
  markJsMs: number | null;
  markJsError?: string;
}

/** The table's way to a tab with nothing else to do (`tableCrossing`). */
export interface TableCrossing {
  entities: number;
  bytes: number;
  /** Ask to ready, each round, in ms. */
  ms: number[];
}

/**
 * The form table's way from the worker to a page that has nothing else to
 * do: the manager asks the question a tab asks (an extension page may ask
 * anything), 7 times after one not counted, and times it to the reply. It
 * waits first for the table to be built (up to two minutes after an
 * import), so that the loads after it are timed as a reader's would be,
 * seconds after a change: the first page after an import is another case
 * (ARCHITECTURE.md, "Where matching runs"). Beside the loads' own times it
 * tells what a page's loading adds to the crossing: the tab's main thread
 * handles the reply when the page's parsing and first frame let it.
 */
export async function tableCrossing(welcome: Page, entities: number): Promise<TableCrossing> {
  return welcome.evaluate<TableCrossing>(`(async () => {
    const ask = () => chrome.runtime.sendMessage({ type: 'tabDictionary', payload: {} });
    const until = performance.now() + 120000;
    let bytes = 0;
    while (!bytes) {
      const reply = await ask();
      const table = reply && reply.ok && reply.value && reply.value.table;
      if (table instanceof ArrayBuffer) bytes = table.byteLength;
      else if (performance.now() > until) throw new Error('No form table two minutes after the import.');
      else await new Promise((done) => setTimeout(done, 200));
    }
    const ms = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await ask();
      ms.push(performance.now() - t);
    }
    return { entities: ${entities}, bytes, ms };
  })()`);
}

async function firstPaint(
  context: BrowserContext,
  url: string,
  probe: boolean,
  beforeLoad?: (page: Page) => Promise<void>,
) {
  const page = await context.newPage();
  if (probe) await page.addInitScript(PROBE);
  await beforeLoad?.(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-paint').length > 0, null, {
    timeout: 30_000,
  });
  return page;
}

/** One load of `url` with Backstory: the probe's counts and our time. */
async function loadWithBackstory(
  context: BrowserContext,
  url: string,
  traced = false,
): Promise<FirstFrameRun> {
  let endTrace: (() => Promise<TraceEvent[]>) | null = null;
  const page = await firstPaint(context, url, true, async (page) => {
    if (traced) endTrace = await startTrace(context, page);
  });
  await page.waitForFunction('window.__firstFrame.first >= 0', null, { timeout: 60_000 });
  // The final count: 3 s after the first frame, and not before the content script has settled
  // (on a loaded machine the marks of a large dictionary can take longer than that).
  await page.waitForFunction(
    `performance.now() - window.__firstFrame.frameAt >= ${SETTLE_MS} &&
      performance.getEntriesByName('backstory-settled').length > 0`,
    null,
    { timeout: 120_000, polling: 100 },
  );
  // A string: tsx's helpers for function names do not exist in the page.
  const run = await page.evaluate<Omit<FirstFrameRun, 'framesMs' | 'frames' | 'ownCpuMs'>>(`(() => {
    const probe = window.__firstFrame;
    const own = performance.getEntriesByName('backstory-task');
    const nav = performance.getEntriesByType('navigation')[0];
    const marked = performance.getEntriesByName('backstory-marked')[0];
    // Only what our timed tasks hold: a question asked outside them is not in their sum.
    const style = performance
      .getEntriesByName('backstory-page-style')
      .filter((e) => own.some((t) => e.startTime >= t.startTime && e.startTime < t.startTime + t.duration))
      .reduce((sum, e) => sum + e.duration, 0);
    const modules = performance.getEntriesByName('backstory-modules-start')[0];
    return {
      first: probe.first,
      atAnimationFrame: probe.atAnimationFrame,
      later: window.__countMarks(),
      styleMs: style,
      modulesMs: modules ? modules.duration : NaN,
      ownMs: own.reduce((sum, e) => sum + e.duration, 0) - style,
      ownLongestMs: Math.max(0, ...own.map((e) => e.duration)),
      // The longest task's steps (task-timing.ts), and when it started, from DOMContentLoaded.
      longestSteps: (() => {
        const t = own.reduce((a, b) => (b.duration > a.duration ? b : a), own[0]);
        return t ? (t.detail || []).join(', ') + ' at ' + (t.startTime - nav.domContentLoadedEventStart).toFixed(0) : '';
      })(),
      paintMs: performance.getEntriesByName('first-paint')[0].startTime,
      markedMs: marked ? marked.startTime - nav.domContentLoadedEventStart : NaN,
      ...(() => {
        const read = performance.getEntriesByName('backstory-table-read')[0];
        return read && read.detail !== null
          ? {
              tableMs: read.startTime + read.duration - nav.domContentLoadedEventStart,
              tableAskedMs: read.startTime - nav.domContentLoadedEventStart,
            }
          : { tableMs: NaN, tableAskedMs: NaN };
      })(),
    };
  })()`);
  const inFrames = await Promise.all(
    page
      .frames()
      .filter((frame) => frame !== page.mainFrame())
      .map((frame) =>
        frame
          .evaluate(`performance.getEntriesByName('backstory-task').map((e) => e.duration)`)
          .then((ms) => ms as number[])
          .catch(() => [] as number[]),
      ),
  );
  // Our timed tasks and the page's style within them, as the trace finds them.
  const spans = await page.evaluate<{ tasks: PageSpan[]; styles: PageSpan[] }>(`(() => {
    const own = performance.getEntriesByName('backstory-task');
    const span = (e) => ({ name: e.name, startTime: e.startTime });
    return {
      tasks: own.map(span),
      styles: performance
        .getEntriesByName('backstory-page-style')
        .filter((e) => own.some((t) => e.startTime >= t.startTime && e.startTime < t.startTime + t.duration))
        .map(span),
    };
  })()`);
  // Set in firstPaint's callback, which TypeScript does not follow: hence the cast.
  const events = endTrace ? await (endTrace as () => Promise<TraceEvent[]>)() : [];
  await page.close();
  const styleCpu = spans.styles.length ? cpuInSpans(events, spans.styles) : 0;
  const tasks = inFrames.flat();
  return {
    ...run,
    ownCpuMs: traced ? cpuInSpans(events, spans.tasks) - styleCpu : NaN,
    framesMs: tasks.reduce((sum, ms) => sum + ms, 0),
    frames: inFrames.filter((ms) => ms.length > 0).length,
    ownLongestMs: Math.max(run.ownLongestMs, ...tasks),
  };
}

async function plainPaint(plain: BrowserContext, url: string): Promise<number> {
  const page = await firstPaint(plain, url, false);
  const ms = await page.evaluate<number>(
    `performance.getEntriesByName('first-paint')[0].startTime`,
  );
  await page.close();
  return ms;
}

export async function benchFirstFrame(
  context: BrowserContext,
  plain: BrowserContext,
  origin: string,
  pages: string[],
  entities: number,
  markJsWords: string[] | null,
  log: (line: string) => void,
): Promise<FirstFrameRow[]> {
  const rows: FirstFrameRow[] = [];
  for (const name of pages) {
    const url = `${origin}/corpus/${name}.html?scripts=0`;
    const floorMs = await floorAtLoad(plain, url);
    const runs: FirstFrameRun[] = [];
    const plainPaintMs: number[] = [];
    // Alternated, so a change in the machine's load falls on both sides.
    for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
      runs.push(await loadWithBackstory(context, url));
      plainPaintMs.push(await plainPaint(plain, url));
    }
    // After the loads above, so they run as they did before tracing came.
    const traced: FirstFrameRun[] = [];
    for (let i = 0; i < TRACED_RUNS; i++) traced.push(await loadWithBackstory(context, url, true));
    let markJsMs: number | null = null;
    let markJsError: string | undefined;
    if (markJsWords) {
      const page = await plain.newPage();
      await page.goto(url, { waitUntil: 'load' });
      markJsMs = await markJsTime(page, markJsWords).catch((e: Error) => {
        markJsError = e.message
          .split('\n')[0]!
          .replace(/\/.*\//, '/…/')
          .slice(0, 80);
        return null;
      });
      await page.close();
    }
    const row: FirstFrameRow = {
      page: name,
      entities,
      runs,
      traced,
      floorMs,
      plainPaintMs,
      markJsMs,
      ...(markJsError ? { markJsError } : {}),
    };
    rows.push(row);
    log(`  ${name} at ${entities}: ${firstFrameLine(row)}`);
  }
  return rows;
}

/**
 * Why loads went unmarked, and the table's way: what the loading adds to
 * its crossing, against the same question asked from an idle page.
 */
function tableLines(of: FirstFrameRow[], idle: TableCrossing | undefined): string[] {
  const runs = of.flatMap((r) => r.runs);
  const unmarked = runs.filter((run) => run.first !== run.later);
  const late = unmarked.filter((run) => !(run.tableMs <= 0)).length;
  const ways = runs
    .filter((run) => !Number.isNaN(run.tableMs))
    .map((r) => r.tableMs - r.tableAskedMs);
  const asked = runs.filter((run) => !Number.isNaN(run.tableAskedMs)).map((r) => r.tableAskedMs);
  return [
    `Loads: ${runs.length - unmarked.length} of ${runs.length} marked in their first frame; of the ${unmarked.length} others, ${late} had no table yet at DOMContentLoaded (or none at all) and ${unmarked.length - late} had it, so the task at DOMContentLoaded yielded or the page painted before it. Of the marked, ${runs.filter((run) => run.first === run.later && run.atAnimationFrame === run.later).length} had every mark already at the frame's animation callback, the others were registered in the frame's rendering update.`,
    ...(ways.length
      ? [
          `Table: asked ${spread(asked.map((a) => -a))} ms before DOMContentLoaded; ask to ready in the loads ${spread(ways)} ms${idle ? `; from an idle extension page ${spread(idle.ms)} ms (${(idle.bytes / 1e6).toFixed(2)} MB)` : ''}.`,
        ]
      : []),
  ];
}

/** Our time in the pages' other frames, where they have any. */
function framesLine(of: FirstFrameRow[]): string {
  const withFrames = of
    .map((r) => ({ page: r.page, ms: median(r.runs.map((run) => run.framesMs)) }))
    .filter((r) => r.ms > 0)
    .sort((a, b) => b.ms - a.ms);
  if (!withFrames.length) return 'No page ran our tasks in another frame.';
  return `Our tasks in other frames on ${withFrames.length} pages: ${withFrames
    .slice(0, 5)
    .map((r) => `${r.page} ${fmt(r.ms)} ms`)
    .join(', ')}${withFrames.length > 5 ? ', …' : ''} (median of the loads).`;
}

/** Whether every load's first frame carried every mark. */
export const allMarked = (r: FirstFrameRow) =>
  r.runs.every((run) => run.first === run.later && run.later >= 0);

/** Goal 2's budget: 3x the bare pass plus 5 ms. */
export const ownBudget = (r: FirstFrameRow) => 3 * r.floorMs + 5;

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const spread = (values: number[]) =>
  `${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
/** When the table was ready, and (in brackets) when it was asked for, both from DOMContentLoaded. */
const tableCell = (run: FirstFrameRun) =>
  Number.isNaN(run.tableMs) ? 'none' : `${fmt(run.tableMs)} (${fmt(run.tableAskedMs)})`;

function firstFrameLine(r: FirstFrameRow): string {
  const own = r.runs.map((run) => run.ownMs);
  return `first frame ${r.runs.map((run) => `${run.first}/${run.later}`).join(' ')}; table ready ${r.runs.map(tableCell).join(' ')} ms from DOMContentLoaded; own ${spread(own)} ms; floor ${fmt(r.floorMs)} ms; longest task ${r.runs.map((run) => `${fmt(run.ownLongestMs)} ms (${run.longestSteps})`).join('; ')}`;
}

export function firstFrameLines(rows: FirstFrameRow[], crossings: TableCrossing[] = []): string[] {
  const out = [
    `Each page loaded ${FIRST_FRAME_RUNS} times with Backstory and ${FIRST_FRAME_RUNS} times without, alternated; median (min–max). "First frame": ranges registered in the first frame after DOMContentLoaded, at the last step before its paint / 3 s later, per load (marked = equal in every load). "Own": the sum of Backstory's timed tasks over the load (test build's \`backstory-task\` measures: reading, matching, drawing, deciding visibility; not the browser's own handling of our messages), less the page's own style and layout tree that our first questions about boxes make the browser compute early (\`backstory-page-style\`: whether the page has boxes, and the first element visibility asks about; shown apart; the longest task includes it). "Own CPU": the main thread's CPU time in the same tasks, of their wall time, in ${TRACED_RUNS} more loads traced (bench/trace-cpu.ts; each moment charged the CPU share of the innermost traced task around it; apart, as tracing the browser made first frames go unmarked): on 2 cores a loading page's thread waits for a core much of the time, and the wall time counts those waits. The verdicts are the wall time's; the CPU time's are in the summary. Own time includes the content script's modules' start (its top-level code, from its first module to its main; shown apart too), not the browser's compiling of the bundle before it. It is the top document's, as the floor and mark.js are: the content script runs in every frame, and its timed tasks in the page's other frames (all in the page's process here: the pages' frames come from this server, or are about:blank or srcdoc) are shown apart, summed over the frames that ran them (and how many did); the longest task is the longest in any frame. Floor: a bare TreeWalker pass at DOMContentLoaded without Backstory (median of 3). Paint: navigation start to first paint, with and without Backstory (the page's own style and layout forced early by us counts here). mark.js: the same words on the loaded page, against our own time. Table: when the form table was ready in the tab (received and checked), and in brackets when the tab asked for it, in ms from DOMContentLoaded, per load (negative: before it; a first frame without marks mostly has a positive ready). The worker answers from memory in a few ms: the rest is the table's way to the tab, and the crossing line under the table compares it with the same question asked from an idle extension page.`,
    '',
    '| page | entities | first frame (per load) | table ready (asked) ms (per load) | marked | own ms | own CPU of wall ms, traced loads | budget 3 × floor + 5 ms | | page style forced ms | modules start ms | other frames ms (frames) | longest own task ms (≤ 50) | first paint with / without ms | difference ms | mark.js ms | mark.js / own (≥ 100) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const own = median(r.runs.map((run) => run.ownMs));
    const longest = Math.max(...r.runs.map((run) => run.ownLongestMs));
    const paint = median(r.runs.map((run) => run.paintMs));
    const plainPaint = median(r.plainPaintMs);
    const ratio = r.markJsMs === null ? null : r.markJsMs / Math.max(own, 0.1);
    const markJs =
      r.markJsMs === null
        ? r.markJsError
          ? `failed: ${r.markJsError}`
          : 'not run'
        : fmt(r.markJsMs);
    out.push(
      `| ${r.page} | ${r.entities.toLocaleString('en')} | ${r.runs.map((run) => `${run.first}/${run.later}`).join(', ')} | ${r.runs.map(tableCell).join(', ')} | ${allMarked(r) ? 'yes' : '**no**'} | ${spread(r.runs.map((run) => run.ownMs))} | ${spread(r.traced.map((run) => run.ownCpuMs))} of ${spread(r.traced.map((run) => run.ownMs))} | ${fmt(ownBudget(r))} | ${own <= ownBudget(r) ? 'met' : '**missed**'} | ${spread(r.runs.map((run) => run.styleMs))} | ${spread(r.runs.map((run) => run.modulesMs))} | ${spread(r.runs.map((run) => run.framesMs))} (${Math.max(...r.runs.map((run) => run.frames))}) | ${fmt(longest)} ${longest <= 50 ? 'met' : '**missed**'} | ${spread(r.runs.map((run) => run.paintMs))} / ${spread(r.plainPaintMs)} | ${fmt(paint - plainPaint)} | ${markJs} | ${ratio === null ? '' : `${ratio.toFixed(0)} ${ratio >= 100 ? 'met' : '**missed**'}`} |`,
    );
  }
  for (const size of [...new Set(rows.map((r) => r.entities))]) {
    const of = rows.filter((r) => r.entities === size);
    const marked = of.filter(allMarked).length;
    const within = of.filter((r) => median(r.runs.map((run) => run.ownMs)) <= ownBudget(r)).length;
    const short = of.filter((r) => r.runs.every((run) => run.ownLongestMs <= 50)).length;
    const withMarkJs = of.filter((r) => r.markJsMs !== null);
    const peers = withMarkJs.filter(
      (r) => r.markJsMs! / Math.max(median(r.runs.map((run) => run.ownMs)), 0.1) >= 100,
    ).length;
    // The same two verdicts on the CPU time of our tasks.
    const cpu = (r: FirstFrameRow) => median(r.traced.map((run) => run.ownCpuMs));
    const withinCpu = of.filter((r) => cpu(r) <= ownBudget(r)).length;
    const peersCpu = withMarkJs.filter((r) => r.markJsMs! / Math.max(cpu(r), 0.1) >= 100).length;
    const share = median(of.flatMap((r) => r.traced.map((run) => run.ownCpuMs / run.ownMs)));
    out.push(
      '',
      `${size.toLocaleString('en')} entities: first frame marked on ${marked} of ${of.length} pages; own time within budget on ${within}; no task over 50 ms on ${short}${withMarkJs.length ? `; mark.js 100x on ${peers} of ${withMarkJs.length} pages where it finished` : ''}. By the main thread's CPU time in our tasks (a median ${(100 * share).toFixed(0)} % of their wall time): within budget on ${withinCpu}${withMarkJs.length ? `; mark.js (as timed, in a page already loaded) 100x on ${peersCpu}` : ''}. ${framesLine(of)}`,
      ...tableLines(
        of,
        crossings.find((c) => c.entities === size),
      ),
    );
  }
  return out;
}
