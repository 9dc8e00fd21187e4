/**
 * What Wikipedia and Wikidata answered, kept so a look-up asked again
 * (the same search, the same item) sends nothing (issue 15, point 5:
 * searches a day, items and summaries a week), and until when a server
 * that answered 429 or 503 asked not to be asked again. Rows expire;
 * expired rows are never read, are emptied at each write and when the
 * worker starts (purgeWikiCache), and the table keeps at most
 * WIKI_CACHE_MAX_ROWS, the rows nearest their expiry going first. The
 * values are answers as read (src/core/wikidata.ts, wikipedia.ts), small
 * and bounded; the keys say what was asked, which stays in this browser.
 */
import type { BackstoryDb } from './schema';

export const WIKI_CACHE_MAX_ROWS = 2_000;

const WAIT = 'wait|';

/** The value kept under `key`, unless there is none or it expired. */
export async function cacheGet(db: BackstoryDb, key: string, now: number): Promise<unknown> {
  const row = await db.wikiCache.get(key);
  return row && row.expires > now ? row.value : undefined;
}

/** Keeps `value` under `key` until `expires`; expired rows and the rows past the cap go. */
export async function cachePut(
  db: BackstoryDb,
  key: string,
  value: unknown,
  expires: number,
  now: number,
): Promise<void> {
  await db.transaction('rw', db.wikiCache, async () => {
    await db.wikiCache.put({ key, expires, value });
    await db.wikiCache.where('expires').belowOrEqual(now).delete();
    const over = (await db.wikiCache.count()) - WIKI_CACHE_MAX_ROWS;
    if (over > 0) {
      // The answers nearest their end go first; never a server's wait, which is nearly always
      // nearest and which a restarted worker must still honour (two rows at most: one per host).
      const oldest = await db.wikiCache
        .orderBy('expires')
        .filter((row) => !row.key.startsWith(WAIT))
        .limit(over)
        .primaryKeys();
      await db.wikiCache.bulkDelete(oldest);
    }
  });
}

/** Until when (ms) `origin` asked not to be asked again, if that is still ahead. */
export async function waitUntil(
  db: BackstoryDb,
  origin: string,
  now: number,
): Promise<number | undefined> {
  const until = await cacheGet(db, WAIT + origin, now);
  return typeof until === 'number' ? until : undefined;
}

/** Records that `origin` asked not to be asked again before `until`. */
export function recordWait(
  db: BackstoryDb,
  origin: string,
  until: number,
  now: number,
): Promise<void> {
  return cachePut(db, WAIT + origin, until, until, now);
}

/** Empties the expired rows; how many went. */
export function purgeWikiCache(db: BackstoryDb, now: number): Promise<number> {
  return db.wikiCache.where('expires').belowOrEqual(now).delete();
}
