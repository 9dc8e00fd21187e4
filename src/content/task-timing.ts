/**
 * Test and benchmark builds record how long each task of the content script
 * runs, as `backstory-task` performance measures: the main-thread budget (no
 * task of ours over 50 ms) is checked against these, since the browser's own
 * long-task entries cannot tell our work from the page's.
 *
 * Several timed steps often share one task (reading the last slice of text,
 * matching, drawing the marks all run before the task ends), so a measure
 * spans from the first timed step of a task to the end of the last one,
 * closed by a message that runs as the next task. A step that starts more
 * than GAP_MS after the previous one ended belongs to another task (the page
 * ran in between): the span is closed there. Every step of ours that costs
 * more than a few microseconds is timed, so no span is cut short by our own
 * work. Each span's `detail` lists its steps, by the label each call
 * gives and how long it took, so the bench can say what made a task long.
 * User builds compile this down to a plain call.
 */
const GAP_MS = 1;
let spanStart = -1;
let spanEnd = 0;
/** Steps running inside another timed step are part of it. */
let depth = 0;

/** The current span's steps: "label ms". */
let steps: string[] = [];

/** Records the current span with its steps. */
function measureSpan(): void {
  performance.measure('backstory-task', { start: spanStart, end: spanEnd, detail: steps });
  steps = [];
}

function closeSpan(): void {
  measureSpan();
  spanStart = -1;
}

/** Starts a span at `start`, closing the one before if the page ran in between. */
function openSpan(start: number): void {
  if (spanStart >= 0 && start - spanEnd > GAP_MS) {
    measureSpan();
    spanStart = start;
  }
  if (spanStart < 0) {
    spanStart = start;
    const channel = new MessageChannel();
    channel.port1.onmessage = closeSpan;
    channel.port2.postMessage(null);
  }
}

export function timed<T>(work: () => T, label: string): T {
  if (!__BACKSTORY_E2E__ || depth > 0) return work();
  const t0 = performance.now();
  openSpan(t0);
  depth++;
  try {
    return work();
  } finally {
    depth--;
    spanEnd = performance.now();
    steps.push(`${label} ${(spanEnd - t0).toFixed(1)}`);
  }
}

/**
 * Counts the modules' start, from `startedAt` (start-time.ts) to now, as
 * work of ours: the script's own top-level code runs in the page's loading
 * like any other step. What runs before the first module (the browser
 * compiling the bundle) cannot be timed from inside it.
 */
export function timedModulesStart(startedAt: number): void {
  if (!__BACKSTORY_E2E__ || startedAt <= 0) return;
  openSpan(startedAt);
  spanEnd = performance.now();
  steps.push(`modules ${(spanEnd - startedAt).toFixed(1)}`);
  performance.measure('backstory-modules-start', { start: startedAt, end: spanEnd });
}

/**
 * A question that makes the browser bring the page's own style and layout
 * tree up to date (`checkVisibility`), work the page does for its first
 * frame anyway: test builds time it apart as `backstory-page-style`, and the
 * bench takes it out of our own time and compares the first paint with and
 * without Backstory instead (issue 14, goal 2).
 */
export function pageStyleTimed<T>(work: () => T): T {
  if (!__BACKSTORY_E2E__) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure('backstory-page-style', { start });
  }
}
