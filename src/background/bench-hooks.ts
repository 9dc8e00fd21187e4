/**
 * Test and benchmark builds only: lets the benchmark time the background's
 * real reload path (IndexedDB read, then rebuilding the dictionary from its
 * stored form), and watch the worker's memory while it compiles. It runs in the background, on the background's own database
 * connection: the manager page must not import the database (see
 * ARCHITECTURE.md, "Boundaries the linter enforces").
 */
import {
  dictionaryStatus,
  fromStored,
  isStoredDictionary,
  type Nameable,
} from '../core/dictionary';
import { getMeta } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import { DICTIONARY_CACHE_KEY, DictionaryService } from './dictionary-service';
import type { MatchScheduler, TabMatchStats } from './match-scheduler';

/** Median milliseconds of five reloads of the cached dictionary. */
export async function timeDictionaryReload(db: BackstoryDb): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const stored = await getMeta<unknown>(db, DICTIONARY_CACHE_KEY);
    if (!isStoredDictionary(stored)) throw new Error('No compiled dictionary is stored.');
    fromStored(stored);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/** What `compileInWorker` reports: the compile's time and output, and whom it left out. */
export interface WorkerCompile {
  ms: number;
  /** The compiled matcher's typed arrays, in bytes. */
  bytes: number;
  entities: number;
  forms: number;
  units: number;
  leftOut: number;
}

/**
 * The export's baseline: every entity read in one transaction and written as
 * one JSON string, with nothing in pieces and nothing sent anywhere.
 */
export async function timeBareExport(db: BackstoryDb): Promise<number> {
  const t = performance.now();
  const text = JSON.stringify(await db.entities.toArray(), null, 2);
  const elapsed = performance.now() - t;
  if (text.length === 0) throw new Error('Nothing was written.');
  return elapsed;
}

/**
 * Compiles `entities` as the background compiles the reader's notes after a
 * change (the entities in memory, then the compile in slices, then the
 * stored form written to IndexedDB), so the benchmark can watch the
 * worker's heap meanwhile. The entities come from the benchmark: the
 * largest dictionary the limits accept.
 */
export async function compileInWorker(
  db: BackstoryDb,
  entities: Nameable[],
): Promise<WorkerCompile> {
  // A version no cached dictionary has.
  const version = -Date.now();
  const service = new DictionaryService(
    db,
    () => Promise.resolve(version),
    undefined,
    (v) => (v === version ? entities : null),
  );
  const t = performance.now();
  const compiled = await service.get();
  const ms = performance.now() - t;
  let bytes = 0;
  for (const value of Object.values(compiled.matcher)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
  }
  return { ms, bytes, ...dictionaryStatus(compiled) };
}

/**
 * Puts the timers on the background's global, where the benchmark calls it
 * through the service worker (as the end-to-end tests call
 * `backstoryRunCommand`). A global rather than a message keeps it out of the
 * protocol, which every build carries and every page may try.
 *
 * With it, for the fair-match test and bench row: each tab's pageMatch
 * counts (`backstoryMatchStats`), and `backstoryFairMatch(false)`, which
 * serves pageMatch as before the scheduler (each request as it comes), the
 * bench's control.
 */
export function installBenchHooks(db: BackstoryDb, matches: MatchScheduler): void {
  Object.assign(globalThis, {
    backstoryTimeDictionaryReload: () => timeDictionaryReload(db),
    backstoryTimeBareExport: () => timeBareExport(db),
    backstoryCompileInWorker: (entities: Nameable[]) => compileInWorker(db, entities),
    backstoryMatchStats: (): TabMatchStats[] => matches.stats(),
    backstoryFairMatch: (on: boolean) => {
      matches.fair = on;
    },
  });
}
