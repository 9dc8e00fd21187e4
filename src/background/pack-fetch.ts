/**
 * Fetches a subscribed pack (src/core/subscription.ts) and says what came
 * back, as data the schedule and the merge act on: a pack parsed as it
 * arrived, "not modified", a failure with its reason, or "offline". It
 * changes nothing itself, and a bad answer (an error page, a cut or
 * oversized body, a redirect to an origin the reader did not allow) never
 * becomes a pack: the notes stay as they are.
 *
 * The body is read a chunk at a time, counted against a cap as it arrives
 * (the rest is never read: http-body.ts), decoded as UTF-8 and parsed by
 * PackStream as it comes, as an import is (ARCHITECTURE.md, "Imports
 * travel over a port").
 */
import { describeIssue, type PackParseResult } from '../core/pack';
import { entitiesSha256, sha256Hex } from '../core/pack-hash';
import { PackStream } from '../core/pack-stream';
import { parseRetryAfter } from '../core/retry-after';
import type { SubscriptionError, Validators } from '../core/subscription';
import { discard, readBody } from './http-body';

export { parseRetryAfter };

export const MAX_SUBSCRIPTION_BYTES = 50 * 1024 * 1024;

export interface FetchOptions {
  /** The copy held's validators: sent as If-None-Match / If-Modified-Since. None: unconditional. */
  validators?: Validators;
  /** The most body bytes read (as decoded from any Content-Encoding); default MAX_SUBSCRIPTION_BYTES. */
  maxBytes?: number;
  /** Whether the reader allowed reading from this origin ("http://127.0.0.1:8080"). */
  allowed: (origin: string) => Promise<boolean>;
  /** navigator.onLine in the extension; injectable for tests. */
  online?: () => boolean;
  /** Stops the request or the reading; fetchPack then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      /** As PackStream gives it: problems with single entries are the caller's to weigh. */
      parsed: PackParseResult;
      /**
       * Of the entities as parsed, when the pack states their `sha256` (which
       * checkUpdate compares it with); null when it states none, or has no list.
       */
      entitiesSha256: string | null;
      bodySha256: string;
      bytes: number;
      validators: Validators;
      /** Where the pack came from after redirects. */
      url: string;
    }
  | { kind: 'notModified'; validators: Validators }
  | { kind: 'failed'; error: SubscriptionError; retryAfterMs?: number }
  | { kind: 'offline' };

const MB = 1024 * 1024;
/** Statuses whose Retry-After says when to ask again (RFC 9110, section 10.2.3). */
const RETRY_STATUSES = new Set([429, 503]);

const failed = (error: SubscriptionError, retryAfterMs?: number): FetchOutcome =>
  retryAfterMs === undefined ? { kind: 'failed', error } : { kind: 'failed', error, retryAfterMs };

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine;

/**
 * Where a failed request was sent on to, when it failed because the server
 * redirects it: an origin, '' when the browser does not say, null when it
 * was no redirect. Firefox fails an extension's request redirected to an
 * origin it has no permission for as a network error (the other origin sends
 * no CORS headers), where Chromium follows it and shows where it ended.
 * Asked again without following, a browser answers with an opaque redirect
 * whose target stays hidden
 * (https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect),
 * so the reader is told the pack moved, not where; a runtime that shows the
 * redirect itself (Node) gives its Location.
 */
async function redirectedAway(url: string, ask: () => Promise<Response>): Promise<string | null> {
  try {
    const response = await ask();
    await discard(response);
    if (response.type === 'opaqueredirect') return '';
    if (response.status < 300 || response.status > 399 || response.status === 304) return null;
    const location = response.headers.get('Location');
    return location ? new URL(location, url).origin : '';
  } catch {
    return null;
  }
}

/** Fetches the pack at `url` (an absolute http(s) URL; anything else throws a TypeError). */
export async function fetchPack(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const { validators, allowed, online = isOnline, signal } = options;
  const maxBytes = options.maxBytes ?? MAX_SUBSCRIPTION_BYTES;
  const requested = new URL(url);
  if (requested.protocol !== 'http:' && requested.protocol !== 'https:')
    throw new TypeError(`Not an http(s) URL: ${url}`);
  const origin = requested.origin;
  if (!(await allowed(origin))) return failed({ code: 'permission', origin });
  signal?.throwIfAborted();

  const request = (redirect: RequestRedirect) =>
    fetch(url, {
      method: 'GET',
      headers: { Accept: 'application/json', ...conditionalHeaders(validators) },
      /*
       * Neither read nor fill the HTTP cache: each check asks the server. A
       * request that carries its own If-None-Match / If-Modified-Since gets
       * the server's 304 as it is, even with "no-store": the Fetch standard
       * only turns a 304 into the cached 200 when the cache itself
       * revalidated (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch).
       */
      cache: 'no-store',
      credentials: 'omit',
      redirect,
      referrerPolicy: 'no-referrer',
      signal,
    });
  let response: Response;
  try {
    response = await request('follow');
  } catch {
    signal?.throwIfAborted();
    // fetch says no more than TypeError: whether the browser thinks it is offline tells them apart.
    if (!online()) return { kind: 'offline' };
    const movedTo = await redirectedAway(url, () => request('manual'));
    return movedTo === null
      ? failed({ code: 'network' })
      : failed({ code: 'redirect', origin: movedTo });
  }

  /*
   * The browser follows a redirect before the script sees the response, so
   * a request may have ended at another origin. Only its origin is looked
   * at here: unless the reader allowed that origin too, the body is
   * cancelled unread and nothing it sent (status, headers) is used.
   */
  const finalUrl = response.url || url;
  const finalOrigin = new URL(finalUrl).origin;
  if (finalOrigin !== origin && !(await allowed(finalOrigin))) {
    await discard(response);
    return failed({ code: 'redirect', origin: finalOrigin });
  }

  const { status } = response;
  // A 304 answers a conditional request only; to one without validators it is a server's mistake.
  if (status === 304 && validators && (validators.etag || validators.lastModified)) {
    await discard(response);
    // The 304's own validators replace the ones sent (RFC 9111, section 4.3.4).
    return { kind: 'notModified', validators: { ...validators, ...validatorsOf(response) } };
  }
  if (status !== 200) {
    await discard(response);
    const wait = RETRY_STATUSES.has(status)
      ? parseRetryAfter(response.headers.get('Retry-After'), Date.now())
      : undefined;
    return failed({ code: 'status', status }, wait);
  }

  const read = await readPack(response, maxBytes, signal);
  if ('error' in read) return failed(read.error);
  const { parsed, stream, body } = read;
  const wholeFile = !parsed.ok && parsed.valid.length === 0 && parsed.issues.find((i) => !i.entry);
  if (wholeFile) return failed({ code: 'notPack', detail: describeIssue(wholeFile) });
  // Hashing writes the whole list out again as JSON: only a pack that states its hash needs it.
  const stated = parsed.ok ? parsed.pack.sha256 : parsed.header?.sha256;
  const entities = stated === undefined ? undefined : stream.rawEntities();
  return {
    kind: 'fetched',
    parsed,
    entitiesSha256: entities ? await entitiesSha256(entities) : null,
    bodySha256: await sha256Hex(body),
    bytes: body.length,
    validators: validatorsOf(response),
    url: finalUrl,
  };
}

function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  return {
    ...(validators?.etag ? { 'If-None-Match': validators.etag } : {}),
    ...(validators?.lastModified ? { 'If-Modified-Since': validators.lastModified } : {}),
  };
}

function validatorsOf(response: Response): Validators {
  const etag = response.headers.get('ETag');
  const lastModified = response.headers.get('Last-Modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

type Read =
  { error: SubscriptionError } | { parsed: PackParseResult; stream: PackStream; body: Uint8Array };

const BODY_ERRORS = {
  empty: { code: 'empty' },
  truncated: { code: 'truncated' },
} as const satisfies Record<string, SubscriptionError>;

/** Reads a 200's body: counted, decoded and parsed as it arrives (http-body.ts). */
async function readPack(
  response: Response,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Read> {
  if (/^\s*text\/html\b/i.test(response.headers.get('Content-Type') ?? ''))
    return discard(response).then(() => ({ error: { code: 'html' } }));
  // JSON is UTF-8 whatever the Content-Type says (RFC 8259, section 8.1); a leading BOM is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = new PackStream();
  let begun = false;
  const read = await readBody<SubscriptionError>(response, {
    maxBytes,
    signal,
    onChunk(chunk) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return NOT_UTF8;
      }
      if (!begun && /\S/.test(text)) {
        begun = true;
        // An error or login page sent as JSON, or with no type at all.
        if (text.trimStart().startsWith('<')) return { code: 'html' };
      }
      stream.write(text);
      return undefined;
    },
  });
  if ('stopped' in read) return { error: read.stopped };
  if ('failure' in read)
    return {
      error:
        read.failure === 'tooLarge'
          ? { code: 'tooLarge', limitMb: maxBytes / MB }
          : BODY_ERRORS[read.failure],
    };
  try {
    stream.write(decoder.decode());
  } catch {
    return { error: NOT_UTF8 };
  }
  return { parsed: stream.end(), stream, body: read.bytes };
}

const NOT_UTF8: SubscriptionError = { code: 'notPack', detail: 'This file is not UTF-8 text.' };
