/**
 * The requests of a look-up (wiki-client.ts), one at a time, as Wikimedia
 * asks of API clients (https://www.mediawiki.org/wiki/API:Etiquette: "make
 * your requests in series rather than in parallel"; the REST API's rules:
 * https://www.mediawiki.org/wiki/Wikimedia_REST_API#Terms_and_conditions),
 * named by an Api-User-Agent header (browsers do not let a script set
 * User-Agent: https://meta.wikimedia.org/wiki/User-Agent_policy). No
 * cookies, no referrer. A 429 or 503 with Retry-After (or a 429 without)
 * holds every request to that origin until the wait is over, kept in the
 * database so a restarted worker holds them too. Every outcome is data
 * (core/wiki-error.ts); nothing a server sends makes this throw.
 */
import { parseRetryAfter } from '../core/retry-after';
import { wikiFailed, wikiOk, type WikiResult, type WikiService } from '../core/wiki-error';
import { recordWait, waitUntil } from '../db/wiki-cache';
import type { BackstoryDb } from '../db/schema';
import { discard, readBody } from './http-body';

export interface WikiRequestOptions {
  db: BackstoryDb;
  /** The Api-User-Agent header (wikiUserAgent). */
  userAgent: string;
  /** Whether the reader granted the look-up's host permissions (WIKI_HOST_PERMISSIONS). */
  allowed: () => Promise<boolean>;
  /** navigator.onLine in the extension; injectable for tests. */
  online?: () => boolean;
  now?: () => number;
  /** How long one request may take, body included; 20 s by default. */
  timeoutMs?: number;
  /** The most body bytes read; 2 MB by default (a search answer is a few kB). */
  maxBytes?: number;
}

/** "Backstory/0.1.0 (browser extension)": who asks, as Wikimedia's policy wants it said. */
export const wikiUserAgent = (version: string) => `Backstory/${version} (browser extension)`;

/** Without a Retry-After, a 429 holds requests this long. */
const DEFAULT_WAIT_MS = 60_000;
/**
 * The longest wait honoured: Retry-After may ask for up to 30 days
 * (core/retry-after.ts), which would take the button away for a month on
 * one answer. After a day Backstory asks again, once, when the reader does.
 */
const MAX_WAIT_MS = 86_400_000;
const RETRY_STATUSES = new Set([429, 503]);
/** Action API errors that say "slow down" with a 200 (https://www.mediawiki.org/wiki/Manual:Maxlag_parameter). */
const API_WAIT_CODES = new Set(['maxlag', 'ratelimited']);

export class WikiRequester {
  private readonly waits = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly online: () => boolean;
  private readonly now: () => number;

  constructor(private readonly options: WikiRequestOptions) {
    this.online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine);
    this.now = options.now ?? Date.now;
  }

  /** The JSON answer at `url`, after the requests asked for before it. */
  get(url: string, service: WikiService): Promise<WikiResult<unknown>> {
    const result = this.queue.then(() => this.send(url, service));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async send(url: string, service: WikiService): Promise<WikiResult<unknown>> {
    const { origin } = new URL(url);
    const until = await this.waitFor(origin);
    if (until !== undefined) return wikiFailed({ code: 'wait', service, until });
    if (!(await this.options.allowed())) return wikiFailed({ code: 'permission' });

    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 20_000);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', 'Api-User-Agent': this.options.userAgent },
        // The database is the one cache, with its own day and week.
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        // Not followed: a redirect elsewhere would carry the name looked up to that host
        // before its answer could be refused. Neither API redirects what is asked here
        // (item ids, sitelink titles, and the summary with redirect=false).
        redirect: 'error',
        signal,
      });
    } catch {
      return this.failedBefore(signal, service);
    }
    // A redirect may only stay on the origin asked (the summary's, to a title's target).
    if (new URL(response.url || url).origin !== origin) {
      await discard(response);
      return wikiFailed({ code: 'badAnswer', service });
    }
    const { status } = response;
    if (RETRY_STATUSES.has(status)) {
      await discard(response);
      const asked = parseRetryAfter(response.headers.get('Retry-After'), this.now());
      if (asked === undefined && status === 503)
        return wikiFailed({ code: 'status', service, status });
      return this.hold(origin, service, asked);
    }
    if (status === 404) {
      await discard(response);
      return wikiFailed({ code: 'notFound', service });
    }
    if (status !== 200) {
      await discard(response);
      return wikiFailed({ code: 'status', service, status });
    }
    if (/^\s*text\/html\b/i.test(response.headers.get('Content-Type') ?? '')) {
      await discard(response);
      return wikiFailed({ code: 'badAnswer', service });
    }

    let json: unknown;
    try {
      const read = await readBody(response, {
        maxBytes: this.options.maxBytes ?? 2 * 1024 * 1024,
        signal,
      });
      if (!('bytes' in read)) return wikiFailed({ code: 'badAnswer', service });
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
    } catch {
      if (signal.aborted) return wikiFailed({ code: 'timeout', service });
      return wikiFailed({ code: 'badAnswer', service });
    }
    const apiError = apiErrorCode(json);
    if (apiError && API_WAIT_CODES.has(apiError))
      return this.hold(
        origin,
        service,
        parseRetryAfter(response.headers.get('Retry-After'), this.now()),
      );
    return wikiOk(json);
  }

  /** Why a request that got no answer failed: the time ran out, the browser is offline, or the network. */
  private failedBefore(signal: AbortSignal, service: WikiService): WikiResult<never> {
    if (signal.aborted) return wikiFailed({ code: 'timeout', service });
    // fetch says no more than TypeError: whether the browser thinks it is offline tells them apart.
    if (!this.online()) return wikiFailed({ code: 'offline' });
    return wikiFailed({ code: 'network', service });
  }

  /** Holds `origin` for the wait asked (or the default), here and in the database. */
  private async hold(origin: string, service: WikiService, asked: number | undefined) {
    const now = this.now();
    const until = now + Math.min(asked ?? DEFAULT_WAIT_MS, MAX_WAIT_MS);
    this.waits.set(origin, until);
    await recordWait(this.options.db, origin, until, now);
    return wikiFailed({ code: 'wait', service, until });
  }

  /** Until when `origin` is held, if it still is: this worker's memory, else the database. */
  private async waitFor(origin: string): Promise<number | undefined> {
    const now = this.now();
    const known = this.waits.get(origin) ?? (await waitUntil(this.options.db, origin, now));
    if (known === undefined || known <= now) {
      this.waits.delete(origin);
      return undefined;
    }
    this.waits.set(origin, known);
    return known;
  }
}

/** The code of an Action API error answer (`{ error: { code } }`), if it is one. */
function apiErrorCode(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !('error' in json)) return undefined;
  const { error } = json;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
