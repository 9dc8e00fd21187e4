/**
 * The worker's memory while it compiles the largest dictionary it accepts
 * (DICTIONARY_LIMITS, src/core/limits.ts): the extension's service worker in
 * Chromium compiles the entities the benchmark hands it, as after a change
 * (src/background/bench-hooks.ts), while its heap is read over CDP every few
 * milliseconds. Two dictionaries at the limits: ordinary names (a name and a
 * surname alias each), and 200-character CJK forms that share nothing, the
 * most trie nodes per character.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { DICTIONARY_LIMITS } from '../src/core/limits';
import { foldForm } from '../src/core/fold';
import type { Nameable } from '../src/core/dictionary';
import type { WorkerCompile } from '../src/background/bench-hooks';
import { serviceWorkerOf } from '../e2e/support/chromium';
import { benchDictionary } from './dictionary';
import { median } from './stats';

export interface WorkerMemoryRow extends WorkerCompile {
  label: string;
  /** Used JS heap plus array buffers, after a GC, with the entities already in the worker. */
  beforeBytes: number;
  /** The highest used JS heap plus array buffers seen until the compile returned (median of the runs). */
  compilePeakBytes: number;
  /** The same, until its stored form was written to IndexedDB too: each run's. */
  peaks: number[];
}

/**
 * Entities in the worker's shape, each with a name no other has, cut where
 * the next one would pass a limit (counting distinct forms, as the compile
 * does).
 */
function upToLimits(
  list: { name: string; aliases: string[]; kind: Nameable['kind'] }[],
): Nameable[] {
  const out: Nameable[] = [];
  const seen = new Set<string>();
  let units = 0;
  for (const [i, e] of list.entries()) {
    if (seen.has(foldForm(e.name))) continue;
    const fresh = [...new Set([e.name, ...e.aliases].map(foldForm))].filter((f) => !seen.has(f));
    const more = fresh.reduce((n, f) => n + f.length, 0);
    if (
      units + more > DICTIONARY_LIMITS.units ||
      seen.size + fresh.length > DICTIONARY_LIMITS.forms
    ) {
      break;
    }
    units += more;
    for (const f of fresh) seen.add(f);
    out.push({ id: `w${i}`, ...e, origin: 'local', createdAt: i });
  }
  return out;
}

export function ordinaryAtLimits(corpusDir: string, words: string[]): Nameable[] {
  // More than fit, many of the same name: cut at the limits.
  return upToLimits(benchDictionary(corpusDir, 1_000_000, words, 'entities'));
}

export function cjkAtLimits(): Nameable[] {
  let s = 12_345;
  const next = () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 2 ** 32;
  };
  const list = [];
  for (let i = 0; list.length * 101 * 200 < DICTIONARY_LIMITS.units + 101 * 200; i++) {
    const form = () =>
      Array.from({ length: 200 }, () =>
        String.fromCharCode(0x4e00 + Math.floor(next() * 20_000)),
      ).join('');
    list.push({ name: form(), aliases: Array.from({ length: 100 }, form), kind: 'topic' as const });
  }
  return upToLimits(list);
}

/** A CDP session on the extension's service worker, through a page's session. */
async function workerSession(
  context: BrowserContext,
  page: Page,
): Promise<(method: string, params?: object) => Promise<unknown>> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!target) throw new Error('The extension has no service worker running.');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  return async (method, params = {}) => {
    const id = nextId++;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
      waiting.set(id, resolve),
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const { result, error } = await reply;
    waiting.delete(id);
    if (error) throw new Error(`${method}: ${JSON.stringify(error)}`);
    return result;
  };
}

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/** The compile of `entities` in the worker, `runs` times, its heap read every few milliseconds. */
export async function workerCompileMemory(
  context: BrowserContext,
  page: Page,
  label: string,
  entities: Nameable[],
  runs = 3,
): Promise<WorkerMemoryRow> {
  const worker = await serviceWorkerOf(context);
  const send = await workerSession(context, page);
  const heap = async () => {
    const u = (await send('Runtime.getHeapUsage')) as HeapUsage;
    return u.usedSize + (u.backingStorageSize ?? 0);
  };
  await worker.evaluate((list) => {
    (globalThis as { benchEntities?: unknown }).benchEntities = list;
  }, entities);
  const before: number[] = [];
  const compilePeaks: number[] = [];
  const peaks: number[] = [];
  const times: number[] = [];
  let compiled: WorkerCompile | null = null;
  for (let i = 0; i < runs; i++) {
    await send('HeapProfiler.collectGarbage');
    const start = await heap();
    let peak = start;
    let compilePeak = 0;
    let done = false;
    const run = worker
      .evaluate<WorkerCompile>('globalThis.backstoryCompileInWorker(globalThis.benchEntities)')
      .finally(() => (done = true));
    // The stored form is written after the compile returns: watched a while longer.
    let after = 0;
    while (!done || after++ < 200) {
      if (done && !compilePeak) compilePeak = peak;
      peak = Math.max(peak, await heap());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    compiled = await run;
    before.push(start);
    compilePeaks.push(compilePeak);
    peaks.push(peak);
    times.push(compiled.ms);
  }
  await worker.evaluate('delete globalThis.benchEntities');
  return {
    label,
    ...compiled!,
    ms: median(times),
    beforeBytes: median(before),
    compilePeakBytes: median(compilePeaks),
    peaks,
  };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Rows of the report's memory table. */
export function workerMemoryLines(rows: WorkerMemoryRow[]): string[] {
  const limits = `${DICTIONARY_LIMITS.units.toLocaleString('en')} folded characters, ${DICTIONARY_LIMITS.forms.toLocaleString('en')} forms`;
  return rows.map(
    (r) =>
      `| worker's peak JS heap (used + array buffers) compiling the largest dictionary accepted, ${r.label}: ${r.entities.toLocaleString('en')} entities, ${r.forms.toLocaleString('en')} forms, ${r.units.toLocaleString('en')} folded characters${r.leftOut ? `, ${r.leftOut} left out` : ''} | median ${mb(median(r.peaks))} of ${r.peaks.length} runs (${r.peaks.map(mb).join(', ')}); ${mb(r.beforeBytes)} before, entities in memory; ${mb(r.compilePeakBytes)} until the compile returned, the rest while its stored form is written; compiled ${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s | stated: limits ${limits} | |`,
  );
}
