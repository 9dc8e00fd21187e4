/**
 * The background as index.ts wires it, over one database, for the fuzz
 * tests: files go in as the manager sends them (bytes decoded as the manager
 * decodes them, then slices over the import port), exports come out of the
 * export port in pieces and are saved as a download saves them (UTF-8). Each
 * answer is awaited as it arrives, so a property can run hundreds of imports.
 */
import fc from 'fast-check';
import { afterEach } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { fileDecoder } from '../core/encoding';
import { allEntities, saveEntity } from '../db/entities';
import { openDb } from '../db/schema';
import { createHandlers } from '../background/handlers';
import { serveExport } from '../background/export-port';
import { serveImport } from '../background/import-port';
import { MatchScheduler } from '../background/match-scheduler';
import { DictionaryService } from '../background/dictionary-service';
import { EntitySnapshot } from '../background/entity-snapshot';
import { SearchService } from '../background/search-service';
import { StateService } from '../background/state-service';
import type { ExportDown } from '../messaging/export-channel';
import type { ImportDown, ImportFormat } from '../messaging/import-channel';
import { packText, type Generated } from './fuzz-pack';

type Answer = Extract<ImportDown, { kind: 'preview' | 'invalid' | 'failed' }>;
type Verdict = Extract<ImportDown, { kind: 'done' | 'failed' | 'cancelled' }>;

let count = 0;

/** A fresh database with the background's services over it. */
export async function openBackground() {
  const db = openDb(`fuzz-${count++}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  const state = new StateService(db, browser.storage.local);
  const version = () => state.version();
  const snapshot = new EntitySnapshot(db);
  const search = new SearchService(db, version, snapshot);
  const dictionary = new DictionaryService(db, version, snapshot);
  createHandlers({
    db,
    dictionary,
    search,
    state,
    matches: new MatchScheduler(),
    openTab: () => Promise.resolve(),
    setBadge: () => Promise.resolve(),
  });

  /** Every note as the manager's "Export" gets it: pieces over the export port, asked one by one. */
  const exportAll = (format: ImportFormat) =>
    new Promise<string>((resolve, reject) => {
      const pieces: string[] = [];
      const listeners: ((m: unknown) => void)[] = [];
      const port = {
        name: 'backstory-export',
        postMessage: (m: ExportDown) => {
          if (m.kind === 'piece') {
            pieces.push(m.text);
            if (!m.last) setTimeout(() => listeners.forEach((f) => f({ kind: 'next' })));
          } else if (m.kind === 'end') resolve(pieces.join(''));
          else reject(new Error(`export: ${JSON.stringify(m)}`));
        },
        disconnect: () => undefined,
        onMessage: { addListener: (f: (m: unknown) => void) => listeners.push(f) },
        onDisconnect: { addListener: () => undefined },
      } as unknown as Runtime.Port;
      serveExport(port, {
        db,
        ids: (query) => search.ids(query),
        recordExport: (n) => state.recordExport(n),
      });
      listeners.forEach((f) => f({ kind: 'start', format }));
    });

  /**
   * Sends a file's bytes and waits for the background's answer: a preview, or why not. The
   * bytes are read in `chunks` pieces and the text sent in `slices`, so where a piece ends
   * (in the middle of a character, of a field) changes with them.
   */
  const send = async (bytes: Uint8Array, format: ImportFormat, chunks: number, slices: number) => {
    const received: ImportDown[] = [];
    const waiting: [string[], (m: ImportDown) => void][] = [];
    const listeners: ((m: unknown) => void)[] = [];
    const port = {
      name: 'backstory-import',
      postMessage: (m: ImportDown) => {
        received.push(m);
        for (const [i, [kinds, resolve]] of waiting.entries())
          if (kinds.includes(m.kind)) {
            waiting.splice(i, 1);
            resolve(m);
            return;
          }
      },
      onMessage: { addListener: (f: (m: unknown) => void) => listeners.push(f) },
      onDisconnect: { addListener: () => undefined },
    } as unknown as Runtime.Port;
    serveImport(port, { db, write: state.write, search });
    const post = (m: unknown) => listeners.forEach((f) => f(m));
    const next = <T extends ImportDown>(kinds: string[]) =>
      new Promise<T>((resolve) => {
        const found = received.find((m) => kinds.includes(m.kind));
        if (found) resolve(found as T);
        else waiting.push([kinds, resolve as (m: ImportDown) => void]);
      });

    // As the manager reads a file: chunks of bytes decoded in turn, the text sent in slices.
    const decoder = fileDecoder('auto');
    const chunk = Math.max(1, Math.ceil(bytes.length / chunks));
    let text = '';
    for (let i = 0; i < bytes.length; i += chunk)
      text += decoder.push(bytes.subarray(i, i + chunk));
    text += decoder.end();
    const slice = Math.max(1, Math.ceil(text.length / slices));
    for (let i = 0; i < text.length; i += slice)
      post({ kind: 'slice', text: text.slice(i, i + slice), format });
    post({
      kind: 'end',
      chars: text.length,
      format,
      name: `file.${format === 'csv' ? 'csv' : 'json'}`,
    });
    const answer = await next<Answer>(['preview', 'invalid', 'failed']);
    return {
      answer,
      /** The reader's choice after the preview. */
      accept: async (all: 'mine' | 'theirs' = 'mine', except: string[] = []) => {
        post({ kind: 'accept', all, except });
        return next<Verdict>(['done', 'failed']);
      },
      cancel: async () => {
        post({ kind: 'cancel' });
        return next<Verdict>(['cancelled']);
      },
    };
  };

  return {
    db,
    /** Imports a file's text as saved in UTF-8 (see `send`). */
    importText: (text: string, format: ImportFormat, chunks = 1, slices = 1) =>
      send(new TextEncoder().encode(text), format, chunks, slices),
    /** Exports every note, as the manager's "Export" does. */
    exportAll: (format: ImportFormat) => exportAll(format),
    /** Everything the database holds, table by table, in key order. */
    dump: async () =>
      Object.fromEntries(
        await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)),
      ),
    close: () => db.delete(),
  };
}

export type Background = Awaited<ReturnType<typeof openBackground>>;

/** Backgrounds opened by a test, each deleted after it. Call at the top of a test file. */
export function useBackgrounds(): () => Promise<Background> {
  const opened: Background[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bg) => bg.close()));
  });
  return async () => {
    const bg = await openBackground();
    opened.push(bg);
    return bg;
  };
}

/** How the manager happens to read and send a file: in how many chunks of bytes, slices of text. */
export const transport = fc.record({
  chunks: fc.integer({ min: 1, max: 40 }),
  slices: fc.integer({ min: 1, max: 40 }),
});

/** Imports a file and accepts it as the preview shows it (the reader's versions kept). */
export async function importAll(bg: Background, text: string, format: ImportFormat = 'pack') {
  const file = await bg.importText(text, format);
  if (file.answer.kind !== 'preview') return file.answer;
  return file.accept();
}

/** A collection to start from: a team's pack, whose first note the reader then edited. */
export async function withCollection(bg: Background, entries: readonly Generated[]) {
  await importAll(
    bg,
    packText(
      { title: 'Team pack' },
      entries.map((e) => e.raw),
    ),
  );
  const [first] = await allEntities(bg.db);
  if (first) await saveEntity(bg.db, { ...first, note: 'the reader’s own' });
  return bg;
}
