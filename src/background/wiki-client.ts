/**
 * Look-ups in Wikidata and Wikipedia, only ever when the reader asks
 * (issue 15, "Look up"): nothing here runs on its own, on a schedule or
 * ahead of a click. A look-up is a search (the candidates), then for the
 * candidate the reader picks, its item (terms, articles, "instance of")
 * and its Wikipedia summary, made into a prefill the composer or the
 * editor shows; nothing is saved until the reader saves.
 *
 * Answers are kept in the database (src/db/wiki-cache.ts): searches a day,
 * items and summaries a week, so a look-up asked again sends nothing.
 * Requests go one at a time, with Wikimedia's etiquette (wiki-request.ts).
 */
import { browser } from 'wxt/browser';
import { wikiFailed, wikiOk, type WikiResult } from '../core/wiki-error';
import type { LookupLanguages, WikiFill, WikiRefresh } from '../core/wiki-fill';
import { WIKI_DATA_COLLECTION, WIKI_HOST_PERMISSIONS } from '../core/wiki-permissions';
import { wikiLanguage } from '../core/wiki-text';
import {
  claimsUrl,
  entityUrl,
  isItemId,
  MUL,
  parseEntity,
  parseInstanceOf,
  parseSearch,
  searchUrl,
  WIKIDATA_API,
  type Candidate,
  type WikidataItem,
} from '../core/wikidata';
import { prefillFromItem } from '../core/wikidata-prefill';
import {
  parseSummary,
  summaryNote,
  summaryUrl,
  wikipediaOrigin,
  type Summary,
} from '../core/wikipedia';
import type { BackstoryDb } from '../db/schema';
import { cacheGet, cachePut } from '../db/wiki-cache';
import { WikiRequester, wikiUserAgent, type WikiRequestOptions } from './wiki-request';

export { wikiUserAgent };
export type { LookupLanguages, WikiFill, WikiRefresh };

/** `fresh`: ask the service even if an answer is kept (a refresh wants the article as it is now). */
export interface FetchOptions {
  fresh?: boolean;
}

const DAY = 86_400_000;
const SEARCH_TTL = DAY;
const ITEM_TTL = 7 * DAY;
const SUMMARY_TTL = 7 * DAY;
/** Part of every cache key: raised when what is kept changes shape, so older rows are not read. */
const CACHE_FORMAT = 1;

export interface WikiClientOptions extends WikiRequestOptions {
  /** Where the APIs are; tests point them at a local server. */
  endpoints?: { wikidata: string; wikipedia: (language: string) => string };
}

export class WikiClient {
  private readonly requests: WikiRequester;
  private readonly pending = new Map<string, Promise<WikiResult<unknown>>>();
  private readonly now: () => number;
  private readonly wikidata: string;
  private readonly wikipedia: (language: string) => string;

  constructor(private readonly options: WikiClientOptions) {
    this.requests = new WikiRequester(options);
    this.now = options.now ?? Date.now;
    this.wikidata = options.endpoints?.wikidata ?? WIKIDATA_API;
    this.wikipedia = options.endpoints?.wikipedia ?? wikipediaOrigin;
  }

  /** Up to 7 candidates for `query`, searched in the page's language and shown in the reader's. */
  search(query: string, languages: LookupLanguages): Promise<WikiResult<Candidate[]>> {
    const { reader, page } = languagesOf(languages);
    const url = searchUrl(query, { language: page ?? reader, uselang: reader }, this.wikidata);
    return this.cached(url, SEARCH_TTL, false, async () => {
      const answer = await this.requests.get(url, 'wikidata');
      if (!answer.ok) return answer;
      const candidates = parseSearch(answer.value);
      return candidates
        ? wikiOk(candidates)
        : wikiFailed({ code: 'badAnswer', service: 'wikidata' });
    });
  }

  /** The item `id`: its terms in the reader's and the page's languages, its articles, its P31. */
  item(
    id: string,
    languages: LookupLanguages,
    { fresh = false }: FetchOptions = {},
  ): Promise<WikiResult<WikidataItem>> {
    if (!isItemId(id))
      return Promise.resolve(wikiFailed({ code: 'notFound', service: 'wikidata' }));
    const list = itemLanguages(languagesOf(languages));
    const url = entityUrl(id, list, this.wikidata);
    return this.cached(url, ITEM_TTL, fresh, async () => {
      const answer = await this.requests.get(url, 'wikidata');
      if (!answer.ok) return answer;
      const entity = parseEntity(answer.value, id, list);
      if (entity === 'missing') return wikiFailed({ code: 'notFound', service: 'wikidata' });
      if (!entity) return wikiFailed({ code: 'badAnswer', service: 'wikidata' });
      const claims = await this.requests.get(claimsUrl(entity.id, this.wikidata), 'wikidata');
      if (!claims.ok) return claims;
      const instanceOf = parseInstanceOf(claims.value);
      if (!instanceOf) return wikiFailed({ code: 'badAnswer', service: 'wikidata' });
      return wikiOk({ ...entity, instanceOf });
    });
  }

  /** The REST summary of `title` on `language`'s Wikipedia. */
  summary(
    language: string,
    title: string,
    { fresh = false }: FetchOptions = {},
  ): Promise<WikiResult<Summary>> {
    const code = wikiLanguage(language);
    if (!code) return Promise.resolve(wikiFailed({ code: 'notFound', service: 'wikipedia' }));
    const url = summaryUrl(code, title, this.wikipedia(code));
    return this.cached(url, SUMMARY_TTL, fresh, async () => {
      const answer = await this.requests.get(url, 'wikipedia');
      if (!answer.ok) return answer;
      const summary = parseSummary(answer.value, code);
      return summary ? wikiOk(summary) : wikiFailed({ code: 'badAnswer', service: 'wikipedia' });
    });
  }

  /**
   * What the reader's pick fills in: the prefill from the item, and the note
   * from its article's summary. A summary that fails leaves the prefill
   * (saying why there is no note); an item that fails fails the fill.
   */
  async fill(
    candidate: Pick<Candidate, 'id' | 'label'>,
    languages: LookupLanguages,
  ): Promise<WikiResult<WikiFill>> {
    const item = await this.item(candidate.id, languages);
    if (!item.ok) return item;
    // A hit without a label is shown by its id, which is no name.
    const label = candidate.label === candidate.id ? undefined : candidate.label;
    const prefill = prefillFromItem(item.value, label);
    if (!prefill) return wikiFailed({ code: 'noName' });
    if (!prefill.article) return wikiOk({ prefill, noNote: { reason: 'noArticle' } });
    const summary = await this.summary(prefill.article.language, prefill.article.title);
    if (!summary.ok) return wikiOk({ prefill, noNote: { reason: 'failed', error: summary.error } });
    const { kind, title, url } = summary.value;
    if (kind === 'disambiguation')
      return wikiOk({ prefill, noNote: { reason: 'disambiguation', title, url } });
    const made = summaryNote(summary.value, this.now());
    if (!made) return wikiOk({ prefill, noNote: { reason: 'noExtract', title, url } });
    return wikiOk({ prefill, ...made });
  }

  /**
   * "Refresh from Wikipedia": the note taken from `article` (a language's
   * Wikipedia and a title), as the article is now, with the prefill of its
   * `item` when the note links one. Both are asked of the services, not
   * the kept answers (which then keep the new ones). The item names the
   * article's current title in that language, if it was renamed. Any
   * failure fails the refresh: a refresh without its note changes nothing.
   */
  async refresh(
    article: { language: string; title: string },
    languages: LookupLanguages,
    item?: { id: string; label?: string },
  ): Promise<WikiResult<WikiRefresh>> {
    const code = wikiLanguage(article.language);
    if (!code) return wikiFailed({ code: 'notFound', service: 'wikipedia' });
    let title = article.title;
    let prefill: WikiFill['prefill'] | undefined;
    if (item) {
      const got = await this.item(
        item.id,
        { reader: languages.reader, page: code },
        { fresh: true },
      );
      if (!got.ok) return got;
      // The article on the note's Wikipedia, whatever the reader's language is now.
      const now = got.value.articles.find((a) => a.language === code);
      if (now) title = now.title;
      const made = prefillFromItem(
        { ...got.value, articles: [{ language: code, title }] },
        item.label,
      );
      if (!made) return wikiFailed({ code: 'noName' });
      prefill = made;
    }
    const summary = await this.summary(code, title, { fresh: true });
    if (!summary.ok) return summary;
    const { kind, url } = summary.value;
    if (kind === 'disambiguation')
      return wikiOk({ noNote: { reason: 'disambiguation', title: summary.value.title, url } });
    const made = summaryNote(summary.value, this.now());
    if (!made) return wikiOk({ noNote: { reason: 'noExtract', title: summary.value.title, url } });
    return wikiOk({ ...made, ...(prefill ? { prefill } : {}) });
  }

  /**
   * The kept answer to `url` (unless `fresh`), else `load`'s, kept until
   * `ttl` from now if good. Asked again while loading, it waits for the
   * same load.
   */
  private cached<T>(url: string, ttl: number, fresh: boolean, load: () => Promise<WikiResult<T>>) {
    const key = `${CACHE_FORMAT}|${url}`;
    // A fresh load is not one that may answer from the database: they wait for their own kind.
    const loading = `${fresh ? 'fresh' : 'kept'}|${key}`;
    const pending = this.pending.get(loading);
    if (pending) return pending as Promise<WikiResult<T>>;
    const result = (async (): Promise<WikiResult<T>> => {
      // The cache only spares a request: a database that fails to read or keep an answer
      // (full, closed) must not turn a good look-up into a failed one.
      const kept = fresh
        ? undefined
        : await cacheGet(this.options.db, key, this.now()).catch(() => undefined);
      if (kept !== undefined) return wikiOk(kept as T);
      const loaded = await load();
      if (loaded.ok) {
        const now = this.now();
        await cachePut(this.options.db, key, loaded.value, now + ttl, now).catch((error: unknown) =>
          console.warn('Backstory: a look-up answer was not cached', error),
        );
      }
      return loaded;
    })().finally(() => this.pending.delete(loading));
    this.pending.set(loading, result);
    return result;
  }
}

/** The reader's language (English when the browser names none) and the page's, as Wikimedia codes. */
function languagesOf({ reader, page }: LookupLanguages): { reader: string; page?: string } {
  const pageCode = wikiLanguage(page);
  return { reader: wikiLanguage(reader) ?? 'en', ...(pageCode ? { page: pageCode } : {}) };
}

/** The item's languages, best first: the reader's, the page's, then "mul" (names in every language). */
function itemLanguages({ reader, page }: { reader: string; page?: string }): string[] {
  return [...new Set([reader, ...(page ? [page] : []), MUL])];
}

/**
 * The client as the background makes it: Backstory's version from the
 * manifest for the Api-User-Agent, and before every request the reader's
 * permission as the browser holds it (wikiAllowed). `options` replace any
 * of these (tests).
 */
export function createWikiClient(db: BackstoryDb, options: Partial<WikiClientOptions> = {}) {
  return new WikiClient({
    db,
    userAgent: wikiUserAgent(browser.runtime.getManifest().version),
    allowed: wikiAllowed,
    ...options,
  });
}

/**
 * Whether the reader allowed look-ups: the hosts, and where the browser
 * keeps data collection consents (Firefox: `permissions.getAll()` names
 * them, https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/),
 * website content too. A browser without them (Chrome) has none to ask.
 */
export async function wikiAllowed(): Promise<boolean> {
  if (!(await browser.permissions.contains({ origins: WIKI_HOST_PERMISSIONS }))) return false;
  const granted = (await browser.permissions.getAll()) as { data_collection?: string[] };
  const collections = granted.data_collection;
  return !collections || WIKI_DATA_COLLECTION.every((c) => collections.includes(c));
}
