/**
 * Test and benchmark builds only: lets the benchmark time the background's
 * real reload path (IndexedDB read, then rebuilding the dictionary from its
 * stored form) beside a bare read of the same bytes, and watch the worker's memory while it compiles. It runs in the background, on the background's own database
 * connection: the manager page must not import the database (see
 * ARCHITECTURE.md, "Boundaries the linter enforces").
 */
import { dictionaryStatus, type Nameable } from '../core/dictionary';
import { fromStored } from '../core/stored-dictionary';
import { getMeta, setMeta } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import { DICTIONARY_CACHE_KEY, DictionaryService } from './dictionary-service';
import type { MatchScheduler, TabMatchStats } from './match-scheduler';

/** Where the bare baseline's buffer is written, beside the compiled dictionary. */
const BARE_KEY = 'benchBareBytes';

/** What `timeDictionaryReload` measures, each run's milliseconds, the runs interleaved. */
export interface ReloadTimes {
  /** The stored record's bytes: its binary data, and its strings as UTF-8. */
  bytes: number;
  /** The background's reload: the IndexedDB read, then the rebuild from the stored form. */
  reload: number[];
  /** Of which the read. */
  read: number[];
  /** The baseline: the same bytes as one ArrayBuffer, written under another key and read back. */
  bare: number[];
}

/**
 * The reload of the cached dictionary beside the baseline of issue 14: the
 * same bytes read back from IndexedDB as one ArrayBuffer, through the same
 * database and table, in turns (which goes first alternates), after one
 * round not counted. With `version`, waits for the record of that version
 * (its write follows the compile).
 */
export async function timeDictionaryReload(
  db: BackstoryDb,
  runs = 7,
  version?: number,
): Promise<ReloadTimes> {
  const stored = await storedRecord(db, version);
  const bytes = asOneBuffer(stored);
  await setMeta(db, BARE_KEY, bytes);
  const out: ReloadTimes = { bytes: bytes.byteLength, reload: [], read: [], bare: [] };
  try {
    for (let i = 0; i <= runs; i++) {
      const bareFirst = i % 2 === 1;
      if (bareFirst) out.bare.push(await timeBareRead(db, bytes.byteLength));
      const t = performance.now();
      const value = await getMeta<unknown>(db, DICTIONARY_CACHE_KEY);
      const read = performance.now() - t;
      if (!fromStored(value)) throw new Error('The stored dictionary went away.');
      out.reload.push(performance.now() - t);
      out.read.push(read);
      if (!bareFirst) out.bare.push(await timeBareRead(db, bytes.byteLength));
      if (i === 0) for (const list of [out.reload, out.read, out.bare]) list.length = 0;
    }
  } finally {
    await db.meta.delete(BARE_KEY);
  }
  return out;
}

async function timeBareRead(db: BackstoryDb, byteLength: number): Promise<number> {
  const t = performance.now();
  const value = await getMeta<unknown>(db, BARE_KEY);
  const elapsed = performance.now() - t;
  if (!(value instanceof ArrayBuffer) || value.byteLength !== byteLength) {
    throw new Error('The baseline buffer did not come back.');
  }
  return elapsed;
}

/** The stored dictionary (of `version` when given, waited for up to a minute). */
async function storedRecord(db: BackstoryDb, version?: number): Promise<unknown> {
  const until = performance.now() + 60_000;
  for (;;) {
    const stored = await getMeta<unknown>(db, DICTIONARY_CACHE_KEY);
    const found = fromStored(stored);
    if (found && (version === undefined || found.version === version)) return stored;
    if (performance.now() > until) throw new Error('No compiled dictionary is stored.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every byte of binary data in `value`, and its strings as UTF-8, in one new buffer. */
function asOneBuffer(value: unknown): ArrayBuffer {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  const collect = (v: unknown) => {
    if (typeof v === 'string') parts.push(encoder.encode(v));
    else if (v instanceof ArrayBuffer) parts.push(new Uint8Array(v));
    else if (ArrayBuffer.isView(v))
      parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(value);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}

/** What `compileInWorker` reports: the compile's time and output, and whom it left out. */
export interface WorkerCompile {
  /** The version it was compiled under: none other has it. */
  version: number;
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
  return { version, ms, bytes, ...dictionaryStatus(compiled) };
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
    backstoryTimeDictionaryReload: (runs?: number, version?: number) =>
      timeDictionaryReload(db, runs, version),
    backstoryTimeBareExport: () => timeBareExport(db),
    backstoryCompileInWorker: (entities: Nameable[]) => compileInWorker(db, entities),
    backstoryMatchStats: (): TabMatchStats[] => matches.stats(),
    backstoryFairMatch: (on: boolean) => {
      matches.fair = on;
    },
  });
}
