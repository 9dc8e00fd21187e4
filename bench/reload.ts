/**
 * The compiled dictionary's reload (issue 14, goal 5): the background's
 * read of its stored form from IndexedDB and the rebuild, beside the
 * baseline, the same bytes written as one ArrayBuffer into the same table
 * and read back, in turns in the same service worker
 * (src/background/bench-hooks.ts). Goal: the reload within 1.5x the bare
 * read. Since the stored form is a Blob, the same bytes as a Blob are timed
 * too: the least a reload of that form can take.
 */
import type { Page } from '@playwright/test';
import type { ReloadTimes, WorkerCompile } from '../src/background/bench-hooks';
import type { Nameable } from '../src/core/dictionary';
import { serviceWorkerOf } from '../e2e/support/chromium';
import type { BenchEntity } from './dictionary';
import { launchBench } from './pages';
import { median, ms } from './stats';

/** Reloads timed, and as many bare reads, after one round of each not counted. */
export const RELOAD_RUNS = 9;
/** Issue 14, goal 5: the reload within this many times the bare read of the same bytes. */
export const RELOAD_TARGET = 1.5;

export interface ReloadRow extends ReloadTimes {
  entities: number;
}

/**
 * The reload path timed in the service worker of a test build, on the
 * dictionary the background stored last (of `version` when given). If the
 * worker has stopped, reloading the manager wakes it: the manager asks the
 * background for its first page of notes.
 */
export async function timeReload(
  manager: Page,
  entities: number,
  version?: number,
): Promise<ReloadRow> {
  const context = manager.context();
  let worker = context.serviceWorkers()[0];
  if (!worker) {
    const started = context.waitForEvent('serviceworker');
    await manager.reload();
    worker = await started;
  }
  const times = await worker.evaluate(
    ([runs, v]) =>
      (
        globalThis as unknown as {
          backstoryTimeDictionaryReload: (runs: number, v?: number) => Promise<ReloadTimes>;
        }
      ).backstoryTimeDictionaryReload(runs, v ?? undefined),
    [RELOAD_RUNS, version ?? null] as const,
  );
  return { entities, ...times };
}

/**
 * `list` compiled in the worker of a fresh browser as after a change (the
 * background stores it), with ids like those an import gives; then the
 * reload beside its baseline. Quicker than an import of the same list.
 */
export async function benchReload(list: BenchEntity[]): Promise<ReloadRow> {
  const { context, welcome } = await launchBench(true);
  try {
    const worker = await serviceWorkerOf(context);
    const entities: Nameable[] = list.map((e, i) => ({
      id: crypto.randomUUID(),
      ...e,
      origin: 'local',
      createdAt: i,
    }));
    const compiled = await worker.evaluate(
      (all) =>
        (
          globalThis as unknown as {
            backstoryCompileInWorker: (e: Nameable[]) => Promise<WorkerCompile>;
          }
        ).backstoryCompileInWorker(all),
      entities,
    );
    return await timeReload(welcome!, list.length, compiled.version);
  } finally {
    await context.close();
  }
}

const range = (runs: number[]) => `${ms(Math.min(...runs))}–${ms(Math.max(...runs))}`;

/** The report's rows: the reload against its baseline, and against the old absolute budget. */
export function reloadLines(r: ReloadRow): string[] {
  const reload = median(r.reload);
  const bare = median(r.bare);
  const blob = median(r.bareBlob);
  const ratio = reload / Math.max(bare, 0.1);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const n = r.entities.toLocaleString('en');
  return [
    `| compiled dictionary reloaded, ${n} entities, beside a bare read of the same ${(r.bytes / 1e6).toFixed(1)} MB as one ArrayBuffer from IndexedDB (${r.reload.length} runs each, in turns) | reload median ${ms(reload)} ms (${range(r.reload)}; the read ${ms(median(r.read))}, the rebuild ${ms(median(r.reload.map((t, i) => t - r.read[i]!)))}); bare read median ${ms(bare)} ms (${range(r.bare)}): ${ratio.toFixed(2)}x | ≤ ${RELOAD_TARGET}x | ${verdict(ratio <= RELOAD_TARGET)} |`,
    `| the same bytes as one Blob, read back with its bytes: the floor of the stored form (a Blob) | median ${ms(blob)} ms (${range(r.bareBlob)}); the reload ${(reload / Math.max(blob, 0.1)).toFixed(2)}x of it | reported | |`,
    `| compiled dictionary read back from IndexedDB, ${n} entities | ${ms(reload)} ms | < 50 ms | ${verdict(reload < 50)} |`,
  ];
}
