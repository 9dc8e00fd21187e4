/**
 * Test and benchmark builds only: lets the benchmark time the background's
 * real reload path (IndexedDB read, then rebuilding the dictionary from its
 * stored form) beside a bare read of the same bytes, and watch the worker's memory while it compiles. It runs in the background, on the background's own database
 * connection: the manager page must not import the database (see
 * ARCHITECTURE.md, "Boundaries the linter enforces").
 */
import Dexie from 'dexie';
import { dictionaryStatus, type Nameable } from '../core/dictionary';
import { storedBytes, unpackDictionary, type StoredDictionary } from '../core/stored-dictionary';
import { checkPack } from '../core/pack';
import { decodedPieces } from '../core/encoding';
import { PackStream } from '../core/pack-stream';
import { planImport } from '../db/import';
import { IMPORT_SLICE_CHARS } from '../messaging/import-channel';
import { getMeta, setMeta } from '../db/entities';
import { openDb, type BackstoryDb } from '../db/schema';
import { DICTIONARY_CACHE_KEY, DictionaryService } from './dictionary-service';
import type { MatchScheduler, TabMatchStats } from './match-scheduler';

/** Where the baselines are written, beside the compiled dictionary. */
const BARE_KEY = 'benchBareBytes';
const BARE_BLOB_KEY = 'benchBareBlob';

/** What `timeDictionaryReload` measures, each run's milliseconds, the runs interleaved. */
export interface ReloadTimes {
  /** The stored dictionary's bytes. */
  bytes: number;
  /** The background's reload (`fromStored`): the IndexedDB read, then the rebuild. */
  reload: number[];
  /** Of which the read: the record, then its Blob's bytes. */
  read: number[];
  /** The baseline of issue 14: the same bytes as one ArrayBuffer, written under another key and read back. */
  bare: number[];
  /** The same bytes as one Blob, read back and then its bytes: the stored form's own floor. */
  bareBlob: number[];
}

/**
 * The reload of the cached dictionary beside its baselines: the same bytes
 * read back from IndexedDB as one ArrayBuffer (issue 14's) and as one Blob,
 * through the same database and table, in turns (which goes first turns
 * around), after one round not counted. With `version`, waits for the
 * record of that version (its write follows the compile).
 */
export async function timeDictionaryReload(
  db: BackstoryDb,
  runs = 7,
  version?: number,
): Promise<ReloadTimes> {
  const bytes = await storedAt(db, version);
  await setMeta(db, BARE_KEY, bytes);
  await setMeta(db, BARE_BLOB_KEY, new Blob([bytes]));
  const out: ReloadTimes = {
    bytes: bytes.byteLength,
    reload: [],
    read: [],
    bare: [],
    bareBlob: [],
  };
  const steps = [
    async () => {
      const t = performance.now();
      const record = await getMeta<StoredDictionary>(db, DICTIONARY_CACHE_KEY);
      const read = await storedBytes(record);
      const readMs = performance.now() - t;
      if (!read || !unpackDictionary(read, record!.version)) {
        throw new Error('The stored dictionary went away.');
      }
      out.reload.push(performance.now() - t);
      out.read.push(readMs);
    },
    async () => {
      const t = performance.now();
      const value = await getMeta<unknown>(db, BARE_KEY);
      out.bare.push(performance.now() - t);
      if (!(value instanceof ArrayBuffer) || value.byteLength !== bytes.byteLength) {
        throw new Error('The baseline buffer did not come back.');
      }
    },
    async () => {
      const t = performance.now();
      const value = await getMeta<unknown>(db, BARE_BLOB_KEY);
      const read = value instanceof Blob ? await value.arrayBuffer() : null;
      out.bareBlob.push(performance.now() - t);
      if (read?.byteLength !== bytes.byteLength)
        throw new Error('The baseline Blob did not come back.');
    },
  ];
  try {
    for (let i = 0; i <= runs; i++) {
      for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
      if (i === 0)
        for (const list of [out.reload, out.read, out.bare, out.bareBlob]) list.length = 0;
    }
  } finally {
    await db.meta.bulkDelete([BARE_KEY, BARE_BLOB_KEY]);
  }
  return out;
}

/** The stored dictionary's bytes (of `version` when given, waited for up to a minute). */
async function storedAt(db: BackstoryDb, version?: number): Promise<ArrayBuffer> {
  const until = performance.now() + 60_000;
  for (;;) {
    const stored = await getMeta<StoredDictionary>(db, DICTIONARY_CACHE_KEY);
    const bytes = await storedBytes(stored);
    if (bytes && unpackDictionary(bytes, stored!.version)) {
      if (version === undefined || stored!.version === version) return bytes;
    }
    if (performance.now() > until) throw new Error('No compiled dictionary is stored.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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

/** The bare write's scratch database: the same schema as ours, deleted after each use. */
const BARE_DB = 'backstory-bench-bare';

/** What `timeBareParse` measures: the preview's baselines (issue 14, goal 4). */
export interface BareParseTimes {
  /** `JSON.parse` of the whole file, then the pack's checks (`checkPack`). */
  parse: number;
  /** The entities the checks passed. */
  entities: number;
  /**
   * The same text as a File's bytes read whole as text (`Blob.text()`): the
   * reading that any preview of a file needs before it can parse.
   */
  read: number;
}

/** The preview's baselines on `text`: parsed and checked in one go, and read as a File. */
export async function timeBareParse(text: string): Promise<BareParseTimes> {
  const t = performance.now();
  const parsed = checkPack(JSON.parse(text));
  const parse = performance.now() - t;
  if (!parsed.ok) throw new Error('The benchmark file did not pass the checks.');
  const file = new Blob([new TextEncoder().encode(text)]);
  const r = performance.now();
  if ((await file.text()).length !== text.length) throw new Error('The file read back differs.');
  return { parse, entities: parsed.pack.entities.length, read: performance.now() - r };
}

/** What `timeBareImport` measures: the baselines of an import (issue 14, goal 4). */
export interface BareImportTimes extends BareParseTimes {
  /** The stored entities written with one `bulkPut`, in one transaction, to an empty table. */
  write: number;
  records: number;
  /**
   * The preview's own stages on the same text as a File, in the same
   * worker: its bytes read alone (`read`), read and decoded into the
   * pieces the port parses (`decode`), read and parsed as
   * the import port does (`stream`, with the entries' checks), and the plan
   * against the stored notes (`plan`: timed after the import, a re-import's).
   */
  stages: { read: number; decode: number; stream: number; plan: number };
}

/**
 * An import's baselines, after the import itself: the file parsed and
 * checked in one go (in a worker the import has warmed; the benchmark also
 * times it first thing in a fresh browser), the preview's own stages, and
 * the records the import stored (read back from our table) written again
 * with one Dexie `bulkPut` into an empty database of the same schema, so
 * the same indexes are kept up.
 */
export async function timeBareImport(db: BackstoryDb, text: string): Promise<BareImportTimes> {
  const bare = await timeBareParse(text);
  const stages = await timePreviewStages(db, text);
  const records = await db.entities.toArray();
  await Dexie.delete(BARE_DB);
  const empty = openDb(BARE_DB);
  try {
    await empty.open();
    const w = performance.now();
    await empty.transaction('rw', empty.entities, () => empty.entities.bulkPut(records));
    const write = performance.now() - w;
    if ((await empty.entities.count()) !== records.length)
      throw new Error('The bare write lost records.');
    return { ...bare, write, records: records.length, stages };
  } finally {
    empty.close();
    await Dexie.delete(BARE_DB);
  }
}

/**
 * The preview's stages (see BareImportTimes) on `text` as a File: each stage
 * reads a Blob of its own, made from the same bytes before its clock
 * starts, so that none finds the bytes where an earlier one left them.
 */
export async function timePreviewStages(
  db: BackstoryDb,
  text: string,
): Promise<BareImportTimes['stages']> {
  const bytes = new TextEncoder().encode(text);
  let file = new Blob([bytes]);
  let t = performance.now();
  const reader = file.stream().getReader();
  while (!(await reader.read()).done);
  const read = performance.now() - t;
  file = new Blob([bytes]);
  t = performance.now();
  for await (const piece of decodedPieces(file, 'auto', IMPORT_SLICE_CHARS)) void piece;
  const decode = performance.now() - t;
  file = new Blob([bytes]);
  t = performance.now();
  const stream = new PackStream();
  for await (const { text: piece } of decodedPieces(file, 'auto', IMPORT_SLICE_CHARS))
    stream.write(piece);
  const parsed = stream.end();
  const streamed = performance.now() - t;
  if (!parsed.ok) throw new Error('The benchmark file did not pass the checks as a stream.');
  t = performance.now();
  await planImport(db, parsed.pack.entities, { origin: parsed.pack.title });
  return { read, decode, stream: streamed, plan: performance.now() - t };
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
export function installBenchHooks(
  db: BackstoryDb,
  matches: MatchScheduler,
  dictionary: DictionaryService,
): void {
  Object.assign(globalThis, {
    backstoryTimeDictionaryReload: (runs?: number, version?: number) =>
      timeDictionaryReload(db, runs, version),
    backstoryTimeBareExport: () => timeBareExport(db),
    // After the compile an import starts, which would share the worker with the baselines.
    backstoryTimeBareImport: async (text: string) => {
      await dictionary.get();
      return timeBareImport(db, text);
    },
    backstoryTimeBareParse: timeBareParse,
    backstoryTimePreviewStages: (text: string) => timePreviewStages(db, text),
    backstoryCompileInWorker: (entities: Nameable[]) => compileInWorker(db, entities),
    backstoryMatchStats: (): TabMatchStats[] => matches.stats(),
    backstoryFairMatch: (on: boolean) => {
      matches.fair = on;
    },
  });
}
