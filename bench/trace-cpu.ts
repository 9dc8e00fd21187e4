/**
 * Our own time as the main thread's CPU time, beside the wall time the
 * timed tasks report. On 2 cores a loading page's main thread waits for a
 * core much of the time (the browser's, the GPU's, the compiler's and the
 * worker's threads run beside it), and a timed task counts those waits:
 * in bbc-1's loads our callbacks ran on a core for about a quarter of their
 * wall time, where a busy loop in an idle page ran for 90 % of it.
 *
 * Chromium's trace gives each task its wall time (`dur`) and its thread's
 * CPU time (`tdur`). Each moment of a timed span of ours is charged the CPU
 * share of the innermost traced task around it (a task, a microtask
 * checkpoint, a message received); a moment none covers is charged in
 * full. Only those tasks are traced: with the DevTools timeline's events
 * (which time each callback) the estimates were within the loads' spread
 * of these, and the tracing slowed the page more.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id2?: { local?: string };
  args?: { startTime?: number };
}

/** A performance measure of the page, as the page reports it. */
export interface PageSpan {
  name: string;
  startTime: number;
}

/** Starts tracing `page`'s process; the returned function ends it and hands back the events. */
export async function startTrace(
  context: BrowserContext,
  page: Page,
): Promise<() => Promise<TraceEvent[]>> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  // The protocol types a trace event as a map of strings; it is the trace format.
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['toplevel', 'blink.user_timing', '__metadata'],
    },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    return events;
  };
}

/**
 * The main thread's CPU time in the spans of `spans` (the page's own
 * measures, found in the trace by name and start: another frame's measures
 * start from its own time origin), in ms; NaN when the trace holds none of them.
 */
export function cpuInSpans(events: TraceEvent[], spans: PageSpan[]): number {
  const wanted = new Set(spans.map((s) => `${s.name}|${s.startTime.toFixed(3)}`));
  const begun = new Map<string, TraceEvent>();
  const found: { s: number; e: number; pid: number; tid: number }[] = [];
  for (const ev of events) {
    if (ev.ph !== 'b' && ev.ph !== 'e') continue;
    const key = `${ev.name}|${ev.pid}|${ev.id2?.local}`;
    if (ev.ph === 'b') begun.set(key, ev);
    else {
      const start = begun.get(key);
      begun.delete(key);
      const args = start?.args;
      if (!start || args?.startTime === undefined) continue;
      if (wanted.has(`${ev.name}|${args.startTime.toFixed(3)}`))
        found.push({ s: start.ts, e: ev.ts, pid: ev.pid, tid: ev.tid });
    }
  }
  if (!found.length) return NaN;
  const timed = events.filter((ev) => ev.ph === 'X' && ev.dur && ev.tdur !== undefined);
  let cpu = 0;
  for (const span of found) {
    const around = timed.filter(
      (ev) =>
        ev.pid === span.pid && ev.tid === span.tid && ev.ts < span.e && ev.ts + ev.dur! > span.s,
    );
    // The span cut where any event around it starts or ends.
    const cuts = [
      ...new Set([
        span.s,
        span.e,
        ...around.flatMap((ev) => [ev.ts, ev.ts + ev.dur!]).filter((t) => t > span.s && t < span.e),
      ]),
    ].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      let inner: TraceEvent | null = null;
      for (const ev of around)
        if (ev.ts <= from && ev.ts + ev.dur! >= to && (!inner || ev.dur! < inner.dur!)) inner = ev;
      cpu += (to - from) * (inner ? Math.min(1, inner.tdur! / inner.dur!) : 1);
    }
  }
  return cpu / 1000;
}
