/**
 * An import of 100,000 entities beside its baselines (issue 14, goal 4):
 * through the manager as a reader does it (the file chosen, the preview on
 * screen, accepted, the result on screen), then, in the same service
 * worker, the bare forms of its two halves: the whole file through
 * `JSON.parse` and the pack's checks (the preview's baseline), and the
 * records the import stored written again with one Dexie `bulkPut` in one
 * transaction to an empty database of the same schema (the write's).
 * Goals: the preview within 2x its baseline, the import within 2x the
 * bare write. Each run is a fresh browser with no notes.
 */
import type { BrowserContext } from '@playwright/test';
import type { BareImportTimes, BareParseTimes } from '../src/background/bench-hooks';
import { serviceWorkerOf } from '../e2e/support/chromium';
import type { BenchEntity } from './dictionary';
import { importThroughManager, launchBench, packOf, type ImportRow } from './pages';
import { median, ms } from './stats';

/** Issue 14, goal 4: each half within this many times its baseline. */
export const IMPORT_TARGET = 2;
/** Fresh browsers, each importing once: an import of 100,000 takes half a minute. */
export const IMPORT_RUNS = 3;

export interface ImportBenchRun extends ImportRow, BareImportTimes {
  /**
   * The preview's baselines first thing in a fresh browser, as the import's
   * own preview runs: `parse` above is timed after the import, in a worker
   * whose checks the import has made hot.
   */
  cold: BareParseTimes;
}

export async function benchImport(list: BenchEntity[], runs: number): Promise<ImportBenchRun[]> {
  const body = packOf(list);
  const out: ImportBenchRun[] = [];
  for (let i = 0; i < runs; i++) {
    const cold = await coldBaselines(body);
    const { context, welcome } = await launchBench(true);
    try {
      const row = await importThroughManager(welcome!, list, body);
      out.push(await withBaselines(context, row, list, cold, body));
    } finally {
      await context.close();
    }
  }
  return out;
}

/** Calls one of the worker's bench hooks (src/background/bench-hooks.ts) on the file's text. */
async function timeInWorker<T>(
  context: BrowserContext,
  hook: 'backstoryTimeBareParse' | 'backstoryTimeBareImport',
  text: string,
): Promise<T> {
  const worker = await serviceWorkerOf(context);
  return worker.evaluate(
    ([name, body]) =>
      (globalThis as unknown as Record<string, (body: string) => Promise<T>>)[name]!(body),
    [hook, text] as const,
  );
}

/** The preview's baselines (`backstoryTimeBareParse`) in a browser of their own, fresh. */
export async function coldBaselines(body: string): Promise<BareParseTimes> {
  const { context } = await launchBench(true);
  try {
    return await timeInWorker<BareParseTimes>(context, 'backstoryTimeBareParse', body);
  } finally {
    await context.close();
  }
}

/** An import just made through the manager, with its baselines timed in the same worker. */
export async function withBaselines(
  context: BrowserContext,
  row: ImportRow,
  list: BenchEntity[],
  cold: BareParseTimes,
  body = packOf(list),
): Promise<ImportBenchRun> {
  const bare = await timeInWorker<BareImportTimes>(context, 'backstoryTimeBareImport', body);
  // Fewer records than entries: the list repeats some names, which the import merges.
  if (bare.entities !== list.length)
    throw new Error(`The checks passed ${bare.entities} entities of ${list.length}.`);
  return { ...row, ...bare, cold };
}

const spread = (runs: number[]) =>
  `median ${ms(median(runs))} ms (${ms(Math.min(...runs))}–${ms(Math.max(...runs))})`;

/**
 * The report's rows: each half against its baseline, then the whole import
 * and its longest task (the last two, which the full run prints its own way).
 */
export function importLines(runs: ImportBenchRun[], bytes: number): string[] {
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const n = runs[0]!.entities.toLocaleString('en');
  const preview = runs.map((r) => r.previewMs);
  const parse = runs.map((r) => r.parse);
  const cold = runs.map((r) => r.cold.parse);
  const coldFile = runs.map((r) => r.cold.parse + r.cold.read);
  const accept = runs.map((r) => r.ms - r.previewMs);
  const write = runs.map((r) => r.write);
  const whole = runs.map((r) => r.ms);
  const previewRatio = median(preview) / Math.max(median(parse), 0.1);
  const coldRatio = median(preview) / Math.max(median(cold), 0.1);
  const fileRatio = median(preview) / Math.max(median(coldFile), 0.1);
  const writeRatio = median(accept) / Math.max(median(write), 0.1);
  return [
    `| preview of ${n} entities (${(bytes / 1e6).toFixed(1)} MB), file chosen to preview shown, beside \`JSON.parse\` and the pack's checks of the same text in the worker, after the import (${runs.length} fresh browsers) | ${spread(preview)}; bare ${spread(parse)}: ${previewRatio.toFixed(1)}x | ≤ ${IMPORT_TARGET}x | ${verdict(previewRatio <= IMPORT_TARGET)} |`,
    `| the same preview beside the same bare parse and checks first thing in a fresh browser, as the preview runs | bare ${spread(cold)}: ${coldRatio.toFixed(1)}x | ≤ ${IMPORT_TARGET}x | ${verdict(coldRatio <= IMPORT_TARGET)} |`,
    `| the same preview beside a bare preview of the file: read whole as text (\`Blob.text()\`, ${spread(runs.map((r) => r.cold.read))}), then the same bare parse and checks | bare ${spread(coldFile)}: ${fileRatio.toFixed(1)}x | ≤ ${IMPORT_TARGET}x | ${verdict(fileRatio <= IMPORT_TARGET)} |`,
    `| the preview's stages in the worker after the import, on the same text as a File: its bytes read alone; read and decoded into pieces; read, parsed and checked as the import port does; the plan, against the 100,000 notes just imported (a re-import's) | ${spread(runs.map((r) => r.stages.read))}; ${spread(runs.map((r) => r.stages.decode))}; ${spread(runs.map((r) => r.stages.stream))}; ${spread(runs.map((r) => r.stages.plan))} | — | — |`,
    `| import of ${n} entities, accepted to result on screen, beside one \`bulkPut\` of the same records in the same worker | ${spread(accept)}; bare ${spread(write)}: ${writeRatio.toFixed(1)}x | ≤ ${IMPORT_TARGET}x | ${verdict(writeRatio <= IMPORT_TARGET)} |`,
    `| the whole import, file chosen to result, ${n} entities | ${spread(whole)}, ${runs.map((r) => r.progressUpdates).join(' / ')} progress texts shown | < 20 s, with progress | ${verdict(median(whole) < 20_000 && runs.every((r) => r.progressUpdates > 1))} |`,
    `| longest task on the manager page during the import | ${runs.map((r) => ms(r.longestTaskMs)).join(', ')} ms | ≤ 50 ms | ${verdict(runs.every((r) => r.longestTaskMs <= 50))} |`,
  ];
}
