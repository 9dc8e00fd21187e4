import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type BackstoryDb } from './schema';
import {
  cacheGet,
  cachePut,
  purgeWikiCache,
  recordWait,
  waitUntil,
  WIKI_CACHE_MAX_ROWS,
} from './wiki-cache';

let db: BackstoryDb;
let name = 0;
beforeEach(() => {
  db = openDb(`wiki-cache-${++name}`);
});
afterEach(() => db.delete());

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

describe('the look-up cache', () => {
  it('gives back a value until it expires, and nothing after', async () => {
    await cachePut(db, 'k', { candidates: ['Q1'] }, NOW + DAY, NOW);
    expect(await cacheGet(db, 'k', NOW + DAY - 1)).toEqual({ candidates: ['Q1'] });
    expect(await cacheGet(db, 'k', NOW + DAY)).toBeUndefined();
    expect(await cacheGet(db, 'other', NOW)).toBeUndefined();
  });

  it('empties expired rows at each write and when purged', async () => {
    await cachePut(db, 'a', 1, NOW + 10, NOW);
    await cachePut(db, 'b', 2, NOW + 20, NOW);
    await cachePut(db, 'c', 3, NOW + DAY, NOW + 15);
    expect(await db.wikiCache.toCollection().primaryKeys()).toEqual(['b', 'c']);
    expect(await purgeWikiCache(db, NOW + 30)).toBe(1);
    expect(await db.wikiCache.toCollection().primaryKeys()).toEqual(['c']);
  });

  it(`keeps at most ${WIKI_CACHE_MAX_ROWS} rows, those nearest their expiry going first`, async () => {
    await db.wikiCache.bulkPut(
      Array.from({ length: WIKI_CACHE_MAX_ROWS }, (_, i) => ({
        key: `r${i}`,
        expires: NOW + 1_000 + i,
        value: i,
      })),
    );
    await cachePut(db, 'new', 'kept', NOW + DAY, NOW);
    expect(await db.wikiCache.count()).toBe(WIKI_CACHE_MAX_ROWS);
    expect(await cacheGet(db, 'r0', NOW)).toBeUndefined();
    expect(await cacheGet(db, 'r1', NOW)).toBe(1);
    expect(await cacheGet(db, 'new', NOW)).toBe('kept');
  });

  it('keeps a server’s wait when full, though it is nearest its end', async () => {
    const origin = 'https://www.wikidata.org';
    await db.wikiCache.bulkPut(
      Array.from({ length: WIKI_CACHE_MAX_ROWS }, (_, i) => ({
        key: `r${i}`,
        expires: NOW + DAY + i,
        value: i,
      })),
    );
    await recordWait(db, origin, NOW + 60_000, NOW);
    await cachePut(db, 'new', 'kept', NOW + 7 * DAY, NOW);
    expect(await waitUntil(db, origin, NOW + 1)).toBe(NOW + 60_000);
    expect(await db.wikiCache.count()).toBe(WIKI_CACHE_MAX_ROWS);
    // The answers nearest their end went instead.
    expect(await cacheGet(db, 'r1', NOW)).toBeUndefined();
    expect(await cacheGet(db, 'r2', NOW)).toBe(2);
    expect(await cacheGet(db, 'new', NOW)).toBe('kept');
  });

  it('remembers until when an origin asked to wait, and forgets it once that passed', async () => {
    const origin = 'https://www.wikidata.org';
    expect(await waitUntil(db, origin, NOW)).toBeUndefined();
    await recordWait(db, origin, NOW + 120_000, NOW);
    expect(await waitUntil(db, origin, NOW + 1)).toBe(NOW + 120_000);
    expect(await waitUntil(db, 'https://en.wikipedia.org', NOW + 1)).toBeUndefined();
    expect(await waitUntil(db, origin, NOW + 120_000)).toBeUndefined();
  });
});
