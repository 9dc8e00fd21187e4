/**
 * A subscribed pack at scale (issue 13): subscribing to 100,000 entities
 * served by the local pack server (src/test-setup/pack-server.ts), then
 * "Update now" after 1% of the notes changed on the server (fetch, check,
 * the three-way diff and the write in one transaction, to the result line),
 * side by side with a full re-import of the same file through the manager's
 * Import, in the same browser, where all 100,000 are compared and 1,000
 * changed. Baselines: a check that finds nothing changed (a 304), and the
 * fetch alone, in Node and in the extension's service worker.
 */
import type { Locator, Page, Worker } from '@playwright/test';
import { DICTIONARY_CACHE_KEY } from '../src/background/dictionary-service';
import { DB_NAME } from '../src/db/schema';
import { startPackServer } from '../src/test-setup/pack-server';
import type { BenchEntity } from './dictionary';
import { benchNote, importThroughManager, launchBench } from './pages';
import { median, ms } from './stats';

/** The pack's title: the origin of its notes, for the subscription and the file import alike. */
const TITLE = 'Benchmark subscription';
/** A pause after the background has settled, for the manager's list to reload. */
const SETTLE_MS = 1000;
/** An empty transaction over every table that ends within this has waited for none. */
const QUIET_MS = 250;
const TIMEOUT = 300_000;

/**
 * The pack after `rounds` rounds of change: round r changed the notes of
 * the entities whose index is r modulo 100, 1% each, so every
 * round brings 1,000 changed notes (of 100,000) and nothing else.
 */
export function revisedPack(list: BenchEntity[], rounds: number): string {
  return JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: TITLE,
    entities: list.map((e, i) => {
      const note = benchNote(e.name, i);
      const round = i % 100;
      return {
        id: `bench-${i}`,
        ...e,
        note: round >= 1 && round <= rounds ? `${note} Revised in round ${round}.` : note,
      };
    }),
  });
}

export interface SubscriptionBench {
  entities: number;
  /** The pack's size on the wire. */
  bytes: number;
  /** Subscribe click to the import result, and to the preview (part of it). */
  subscribe: { ms: number; previewMs: number; result: string };
  /** "Update now" with nothing changed on the server: a 304. */
  notModified: number[];
  /** "Update now" after 1% changed, click to result line, per run. */
  update: number[];
  updateResult: string;
  /** The same file, with a further 1% changed, through Import: file chosen to result, per run. */
  reimport: number[];
  reimportPreview: number[];
  reimportResult: string;
  /** Node's fetch of the pack, the bytes only. */
  nodeFetch: number[];
  /** The service worker's fetch of the pack, the bytes only; then with TextDecoder and JSON.parse. */
  workerFetch: number[];
  workerFetchParse: number[];
}

/** Clicks "Update now" and times it to the next result line; returns the time and the line. */
async function updateNow(manager: Page): Promise<{ ms: number; text: string }> {
  // How many results the manager has shown: the same words may repeat, the count grows.
  const before = await manager.evaluate(() =>
    Number(
      document.querySelector<HTMLElement>('[data-testid="subscription-results"]')?.dataset
        .reported ?? 0,
    ),
  );
  const t = Date.now();
  await manager.locator('[data-testid="sub-update"]').click();
  // A function, not a string: the manager's CSP forbids the eval a string predicate needs.
  await manager.waitForFunction(
    (n) =>
      Number(
        document.querySelector<HTMLElement>('[data-testid="subscription-results"]')?.dataset
          .reported ?? 0,
      ) > n,
    before,
    { timeout: TIMEOUT, polling: 10 },
  );
  const elapsed = Date.now() - t;
  const text = (await manager.locator('[data-testid="subscription-results"]').textContent()) ?? '';
  return { ms: elapsed, text };
}

/** Subscribes through the manager: the address, the click, the preview accepted at once. */
async function subscribe(manager: Page, url: string): Promise<SubscriptionBench['subscribe']> {
  const panel = manager.locator('[data-testid="subscriptions"]');
  await panel.locator('[data-testid="subscribe-url"]').fill(url);
  const t = Date.now();
  await panel.locator('[data-testid="subscribe"]').click();
  await panel
    .locator(
      '[data-testid="import-preview"], [data-testid="import-error"], [data-testid="subscribe-notice"]',
    )
    .first()
    .waitFor({ timeout: TIMEOUT });
  const previewMs = Date.now() - t;
  if (await panel.locator('[data-testid="import-preview"]').count())
    await panel.locator('[data-testid="import-preview"] button.primary').click();
  const result = panel
    .locator('[data-testid="import-result"], [data-testid="import-error"]')
    .first();
  await result.waitFor({ timeout: TIMEOUT });
  const elapsed = Date.now() - t;
  const text = await sentence(result);
  if (!(await panel.locator('[data-testid="import-result"]').count()))
    throw new Error(`Subscribing failed: ${text}`);
  return { ms: elapsed, previewMs, result: text };
}

/** The extension's service worker; reloading the manager wakes it if it stopped. */
async function workerOf(manager: Page): Promise<Worker> {
  const context = manager.context();
  const worker = context.serviceWorkers()[0];
  if (worker) return worker;
  const started = context.waitForEvent('serviceworker');
  await manager.reload();
  return started;
}

/**
 * Waits until the background is quiet: the dictionary of the last change
 * compiled and stored (the compile starts after every write and reads every
 * note), and no transaction left over that a check would queue behind (the
 * manager lists its subscriptions again after each result, reading every
 * entry of the pack to count conflicts). A run started earlier would time
 * that wait too. Asked in the worker, of the database directly: an empty
 * read-write transaction over the tables starts only when the ones before
 * it have ended, so once it completes at once, nothing is left.
 */
async function settled(manager: Page): Promise<void> {
  const worker = await workerOf(manager);
  // A string: it runs in the worker, where tsx's helpers do not exist.
  const done = await worker.evaluate<boolean>(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(${JSON.stringify(DB_NAME)});
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = (store, key) => new Promise((resolve, reject) => {
      const get = db.transaction(store).objectStore(store).get(key);
      get.onsuccess = () => resolve(get.result?.value);
      get.onerror = () => reject(get.error);
    });
    // Milliseconds until an empty read-write transaction over every table could start and end.
    const queued = () => new Promise((resolve, reject) => {
      const t = performance.now();
      const tx = db.transaction([...db.objectStoreNames], 'readwrite');
      tx.oncomplete = () => resolve(performance.now() - t);
      tx.onerror = () => reject(tx.error);
    });
    try {
      for (const deadline = Date.now() + ${TIMEOUT}; Date.now() < deadline; ) {
        const version = await read('state', 'dictionaryVersion');
        const compiled = await read('meta', ${JSON.stringify(DICTIONARY_CACHE_KEY)});
        if (compiled?.version === version && (await queued()) < ${QUIET_MS}) return true;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return false;
    } finally {
      db.close();
    }
  })()`);
  if (!done) throw new Error('The background did not settle after the last change.');
  await manager.waitForTimeout(SETTLE_MS);
}

/** Fetches `url` in the service worker: ms to the bytes, and to the parsed JSON. */
function workerFetch(worker: Worker, url: string): Promise<[number, number]> {
  // A string: it runs in the worker, where tsx's helpers do not exist.
  return worker.evaluate<[number, number]>(`(async () => {
    const t = performance.now();
    const response = await fetch(${JSON.stringify(url)}, { cache: 'no-store' });
    const bytes = await response.arrayBuffer();
    const fetched = performance.now() - t;
    JSON.parse(new TextDecoder().decode(bytes));
    return [fetched, performance.now() - t];
  })()`);
}

/** Throws unless `text` says what it should: a bench of the wrong work would mislead. */
const check = (text: string, pattern: RegExp, what: string) => {
  if (!pattern.test(text)) throw new Error(`${what}: expected ${pattern}, got "${text}"`);
};
/** A count as the manager may write it: 1000 or 1,000. */
const count = (n: number) => n.toLocaleString('en').replace(/,/g, ',?');
/** An import result's sentence, without the list of names added after it. */
const sentence = (result: Locator) =>
  result.evaluate((el) => (el.querySelector('p') ?? el).textContent ?? '');

/**
 * The whole measure in one browser (the subscription's state carries from
 * one step to the next): subscribe, `runs` checks with nothing changed,
 * `runs` updates of a further 1% each, then `runs` re-imports of the file
 * with a further 1% each.
 */
export async function benchSubscriptions(
  list: BenchEntity[],
  runs = 3,
): Promise<SubscriptionBench> {
  const packs = await startPackServer();
  const name = 'bench';
  const url = packs.url(name);
  let rounds = 0;
  packs.setPack(name, revisedPack(list, rounds));
  const { context, welcome } = await launchBench(true);
  const manager = welcome!;
  try {
    const row: SubscriptionBench = {
      entities: list.length,
      bytes: 0,
      subscribe: await subscribe(manager, url),
      notModified: [],
      update: [],
      updateResult: '',
      reimport: [],
      reimportPreview: [],
      reimportResult: '',
      nodeFetch: [],
      workerFetch: [],
      workerFetchParse: [],
    };
    row.bytes = packs.counts(name).sent;
    check(row.subscribe.result, new RegExp(`added ${count(list.length)}\\b`), 'subscribe');

    for (let i = 0; i < runs; i++) {
      await settled(manager);
      const { ms: elapsed, text } = await updateNow(manager);
      check(text, /no change/, 'update with nothing changed');
      row.notModified.push(elapsed);
    }
    const changed = list.length / 100;
    for (let i = 0; i < runs; i++) {
      packs.setPack(name, revisedPack(list, ++rounds));
      await settled(manager);
      const { ms: elapsed, text } = await updateNow(manager);
      check(text, new RegExp(`0 added, ${count(changed)} updated, 0 removed`), 'update');
      row.update.push(elapsed);
      row.updateResult = text;
    }

    // Bytes only, with nothing else running: Node's fetch, then the service worker's.
    await settled(manager);
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await (await fetch(url)).arrayBuffer();
      row.nodeFetch.push(performance.now() - t);
    }
    const worker = await workerOf(manager);
    for (let i = 0; i < runs; i++) {
      const [fetched, parsed] = await workerFetch(worker, url);
      row.workerFetch.push(fetched);
      row.workerFetchParse.push(parsed);
    }

    // The notes are the subscription's (their origin is the pack's title, as the file's is):
    // each import compares all of them and takes the 1,000 the file changed.
    const importPanel = manager.locator('section[aria-labelledby="import-title"]');
    for (let i = 0; i < runs; i++) {
      await settled(manager);
      const result = await importThroughManager(manager, list, revisedPack(list, ++rounds));
      row.reimport.push(result.ms);
      row.reimportPreview.push(result.previewMs);
      row.reimportResult = await sentence(importPanel.locator('[data-testid="import-result"]'));
      check(row.reimportResult, new RegExp(`added 0, updated ${count(changed)},`), 're-import');
    }
    return row;
  } finally {
    await context.close();
    await packs.close();
  }
}

const spread = (runs: number[]) => `${ms(median(runs))} (${runs.map((r) => ms(r)).join(', ')})`;

/** The table: each row's median and runs, and its ratio to the full re-import's median. */
export function subscriptionLines(r: SubscriptionBench): string[] {
  const full = median(r.reimport);
  const n = r.entities.toLocaleString('en');
  const k = (r.entities / 100).toLocaleString('en');
  const row = (what: string, runs: number[]) =>
    `| ${what} | ${spread(runs)} | ${(median(runs) / full).toFixed(3)} |`;
  return [
    `Pack of ${n} entities with ids, ${(r.bytes / 1e6).toFixed(1)} MB, on the local pack server (127.0.0.1). Times from the click to the result line, in ms: median (runs).`,
    '',
    '| what | ms, median (runs) | / full re-import |',
    '|---|---|---|',
    row(
      `subscribe to ${n} entities (click to import result; preview after ${ms(r.subscribe.previewMs)} ms)`,
      [r.subscribe.ms],
    ),
    row(`Update now, nothing changed (304)`, r.notModified),
    row(`**Update now, ${k} of ${n} notes changed** (fetch, check, diff, apply)`, r.update),
    row(
      `**full re-import of the same file, ${k} changed** (file chosen to result; preview after ${spread(r.reimportPreview)})`,
      r.reimport,
    ),
    row(`bare fetch of the pack in Node, bytes only`, r.nodeFetch),
    row(`bare fetch in the service worker, bytes only`, r.workerFetch),
    row(`bare fetch in the service worker, then TextDecoder + JSON.parse`, r.workerFetchParse),
    '',
    `Last update's result: "${r.updateResult.trim()}". Last re-import's: "${r.reimportResult.trim()}".`,
  ];
}
