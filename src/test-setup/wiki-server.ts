/**
 * Wikidata and Wikipedia for tests, on 127.0.0.1, answering as their APIs
 * document (wiki-fixtures.ts has the answers): the Action API's
 * wbsearchentities, wbgetentities (terms filtered to the `languages` asked,
 * sitelinks to the `sitefilter`, as the API does) and wbgetclaims at
 * <wikidata origin>/w/api.php, and the REST summary at
 * <wikipedia origin>/<language>/api/rest_v1/page/summary/<title>, with
 * 404 as application/problem+json. The two services are two servers, so
 * they are two origins, as in life. Each route can be made to answer badly
 * (a status with Retry-After, an endless wait, a body too large, a web
 * page, any text), and requests can be held and let go one at a time to
 * see how many are in flight. Node's http module only, as pack-server.ts.
 * No CORS headers: the extension reads with its host permission.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  LIST_SUMMARY,
  MERCURY_SUMMARY,
  NATO_CLAIMS,
  NATO_ENTITY,
  NATO_SEARCH,
  NATO_SUMMARY,
  notFoundProblem,
  PERSON_CLAIMS,
  PERSON_ENTITY,
} from './wiki-fixtures';

export type WikiRoute = 'search' | 'entity' | 'claims' | 'summary';

export type WikiMode =
  /** As the API answers. */
  | { kind: 'normal' }
  /** This status (429, 503, 500...), with Retry-After if given, and a short body. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Headers and no body, ever (until the server closes). */
  | { kind: 'hang' }
  /** 200 with a JSON body of this many bytes, made as it is sent. */
  | { kind: 'huge'; bytes: number }
  /** 200 with this body and type (a web page, text that is not JSON, JSON of another shape). */
  | { kind: 'body'; body: string; type?: string }
  /** 302 to the same path on the other service's origin. */
  | { kind: 'redirectAway' };

export interface SeenRequest {
  /** Path and query. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
}

export interface WikiServer {
  /** The Action API's address on the Wikidata origin: http://127.0.0.1:<port>/w/api.php */
  wikidataApi: string;
  /** The origin of `language`'s Wikipedia: http://127.0.0.1:<other port>/<language> */
  wikipedia: (language: string) => string;
  /** The entity an id answers with (raw, every language), its P31 statements. */
  setEntity(id: string, answer: { entities: Record<string, unknown> }, claims?: object): void;
  /** What a search for `text` (any case) answers. */
  setSearch(text: string, answer: object): void;
  /** What `language`'s Wikipedia answers for `title`. */
  setSummary(language: string, title: string, answer: object): void;
  setMode(route: WikiRoute, mode: WikiMode): void;
  /** Requests per route, and the bytes of body sent. */
  counts(route: WikiRoute): { requests: number; sent: number };
  /** Requests of every route so far (a request no route answers is not counted). */
  total(): number;
  /** Every request that reached this service's server, routed or not. */
  reached(service: 'wikidata' | 'wikipedia'): number;
  lastRequest(route: WikiRoute): SeenRequest | undefined;
  /** From now on every request (of these routes) waits for `release()` before it is answered. */
  hold(routes?: WikiRoute[]): void;
  /** Answers the oldest held request; with `all`, every one held, and stops holding. */
  release(all?: boolean): void;
  /** Resolves once `n` requests in all have arrived. */
  arrived(n: number): Promise<void>;
  /** Requests arrived and not yet answered, now and at most so far. */
  inFlight(): { now: number; max: number };
  /** Closes both servers (once; again does nothing): every request then fails, as offline. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export async function startWikiServer(): Promise<WikiServer> {
  const entities = new Map<string, { entity: Record<string, unknown>; claims: object }>();
  const searches = new Map<string, object>();
  const summaries = new Map<string, object>();
  const modes = new Map<WikiRoute, WikiMode>();
  const counts = new Map<WikiRoute, { requests: number; sent: number }>();
  const reached = { wikidata: 0, wikipedia: 0 };
  const last = new Map<WikiRoute, SeenRequest>();
  const held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let holding = new Set<WikiRoute>();
  let total = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;

  const setEntity: WikiServer['setEntity'] = (id, answer, claims = { claims: {} }) => {
    entities.set(id, { entity: answer.entities[id] as Record<string, unknown>, claims });
  };
  setEntity('Q7184', NATO_ENTITY, NATO_CLAIMS);
  setEntity('Q42', PERSON_ENTITY, PERSON_CLAIMS);
  searches.set('nato', NATO_SEARCH);
  for (const summary of [NATO_SUMMARY, MERCURY_SUMMARY, LIST_SUMMARY])
    summaries.set(`en/${summary.titles.normalized}`, summary);
  summaries.set('en/Douglas Adams', {
    ...NATO_SUMMARY,
    title: 'Douglas Adams',
    titles: { normalized: 'Douglas Adams', canonical: 'Douglas_Adams', display: 'Douglas Adams' },
    description: 'English author and humorist (1952–2001)',
    content_urls: { desktop: { page: 'https://en.wikipedia.org/wiki/Douglas_Adams' } },
    extract: 'Douglas Adams was an English author, best known for a comedy about hitchhiking.',
  });

  /** The answer of `route` in normal mode: [status, body, type]. */
  function answerOf(route: WikiRoute, url: URL): [number, object] {
    const params = url.searchParams;
    switch (route) {
      case 'search':
        return [200, searches.get(params.get('search')?.toLowerCase() ?? '') ?? searchAnswer()];
      case 'entity': {
        const id = params.get('ids') ?? '';
        const found = entities.get(id);
        if (!found) return [200, { entities: { [id]: { id, missing: '' } }, success: 1 }];
        return [200, { entities: { [id]: filtered(found.entity, params) }, success: 1 }];
      }
      case 'claims': {
        const found = entities.get(params.get('entity') ?? '');
        if (!found) return [200, noSuchEntity(params.get('entity') ?? '')];
        return [200, found.claims];
      }
      case 'summary': {
        const [, language, , , , , ...rest] = url.pathname.split('/');
        const title = decodeURIComponent(rest.join('/')).replaceAll('_', ' ');
        const summary = summaries.get(`${language}/${title}`);
        return summary ? [200, summary] : [404, notFoundProblem(title)];
      }
    }
  }

  function routeOf(url: URL, service: 'wikidata' | 'wikipedia'): WikiRoute | null {
    if (service === 'wikipedia')
      return /^\/[a-z-]+\/api\/rest_v1\/page\/summary\/.+/.test(url.pathname) ? 'summary' : null;
    if (url.pathname !== '/w/api.php' || url.searchParams.get('format') !== 'json') return null;
    const action = url.searchParams.get('action');
    return action === 'wbsearchentities'
      ? 'search'
      : action === 'wbgetentities'
        ? 'entity'
        : action === 'wbgetclaims'
          ? 'claims'
          : null;
  }

  const handler =
    (service: 'wikidata' | 'wikipedia') => (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://server.invalid');
      reached[service]++;
      const route = routeOf(url, service);
      // Anything else is no API's (a test's own round trip, say), and is not counted.
      if (!route) {
        res.writeHead(400, { 'Content-Type': JSON_TYPE }).end(JSON.stringify(unknownAction()));
        return;
      }
      total++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once('close', () => inFlight--);
      for (const w of waiters.filter((w) => total >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const count = counts.get(route) ?? { requests: 0, sent: 0 };
      counts.set(route, count);
      count.requests++;
      last.set(route, { path: req.url ?? '', headers: { ...req.headers } });
      const respond = () => answer(route, url, res, count, service);
      if (holding.has(route)) held.push(respond);
      else respond();
    };

  function answer(
    route: WikiRoute,
    url: URL,
    res: ServerResponse,
    count: { sent: number },
    service: 'wikidata' | 'wikipedia',
  ) {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      const bytes = Buffer.from(body);
      count.sent += bytes.length;
      res
        .writeHead(status, {
          'Content-Type': JSON_TYPE,
          'Content-Length': bytes.length,
          ...headers,
        })
        .end(bytes);
    };
    const mode = modes.get(route) ?? { kind: 'normal' };
    switch (mode.kind) {
      case 'normal': {
        const [status, body] = answerOf(route, url);
        const type = status === 404 ? 'application/problem+json' : JSON_TYPE;
        return send(status, JSON.stringify(body), { 'Content-Type': type });
      }
      case 'status':
        return send(mode.status, JSON.stringify({ error: `Status ${mode.status}` }), {
          ...(mode.retryAfter === undefined ? {} : { 'Retry-After': mode.retryAfter }),
        });
      case 'hang':
        res.writeHead(200, { 'Content-Type': JSON_TYPE });
        res.flushHeaders();
        return;
      case 'huge':
        res.writeHead(200, { 'Content-Type': JSON_TYPE });
        return void streamHuge(res, mode.bytes, (n) => (count.sent += n));
      case 'body':
        return send(200, mode.body, { 'Content-Type': mode.type ?? JSON_TYPE });
      case 'redirectAway': {
        const other = service === 'wikidata' ? wikipediaOrigin : wikidataOrigin;
        res.writeHead(302, { Location: `${other}${url.pathname}${url.search}` }).end();
        return;
      }
    }
  }

  const listen = async (server: Server) => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const servers = [createServer(handler('wikidata')), createServer(handler('wikipedia'))] as const;
  const wikidataOrigin = await listen(servers[0]);
  const wikipediaOrigin = await listen(servers[1]);

  return {
    wikidataApi: `${wikidataOrigin}/w/api.php`,
    wikipedia: (language) => `${wikipediaOrigin}/${language}`,
    setEntity,
    setSearch: (text, answer) => searches.set(text.toLowerCase(), answer),
    setSummary: (language, title, answer) => summaries.set(`${language}/${title}`, answer),
    setMode: (route, mode) => modes.set(route, mode),
    counts: (route) => ({ ...(counts.get(route) ?? { requests: 0, sent: 0 }) }),
    reached: (service) => reached[service],
    total: () => total,
    lastRequest: (route) => last.get(route),
    hold(routes = ['search', 'entity', 'claims', 'summary']) {
      holding = new Set(routes);
    },
    release(all = false) {
      if (all) holding = new Set();
      for (const respond of held.splice(0, all ? held.length : 1)) respond();
    },
    arrived: (n) =>
      total >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    inFlight: () => ({ now: inFlight, max: maxInFlight }),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        servers.map((s) => {
          const closed = once(s, 'close');
          s.close();
          // Held, hanging and streaming answers would hold close() forever.
          s.closeAllConnections();
          return closed;
        }),
      );
    },
  };
}

/** wbsearchentities with no hits. */
const searchAnswer = () => ({ searchinfo: { search: '' }, search: [], success: 1 });

const apiError = (code: string, info: string) => ({
  error: { code, info, '*': 'See https://www.wikidata.org/w/api.php for API usage.' },
  servedby: 'test',
});
const noSuchEntity = (id: string) =>
  apiError('no-such-entity', `Could not find an entity with the ID "${id}".`);
const unknownAction = () => apiError('badvalue', 'Unrecognized value for parameter "action".');

/**
 * An entity as wbgetentities gives it for these parameters: labels,
 * descriptions and aliases of the `languages` asked only, sitelinks of the
 * `sitefilter` only, and only the `props` asked.
 */
function filtered(entity: Record<string, unknown>, params: URLSearchParams) {
  const languages = new Set(params.get('languages')?.split('|') ?? []);
  const sites = new Set(params.get('sitefilter')?.split('|') ?? []);
  const props = new Set(params.get('props')?.split('|') ?? []);
  const only = (record: unknown, keep: Set<string>) =>
    Object.fromEntries(Object.entries(record ?? {}).filter(([key]) => keep.has(key)));
  const out: Record<string, unknown> = { type: entity.type, id: entity.id };
  if (props.has('labels')) out.labels = only(entity.labels, languages);
  if (props.has('descriptions')) out.descriptions = only(entity.descriptions, languages);
  if (props.has('aliases')) out.aliases = only(entity.aliases, languages);
  if (props.has('sitelinks')) out.sitelinks = only(entity.sitelinks, sites);
  if (props.has('claims')) out.claims = entity.claims ?? {};
  return out;
}

/** A JSON body of exactly `bytes` bytes, written as the client reads, until it goes away. */
async function streamHuge(res: ServerResponse, bytes: number, sent: (n: number) => void) {
  const head = '{"search":[';
  const tail = ']}';
  const filler = '"' + 'x'.repeat(1_000) + '",';
  let left = bytes - head.length - tail.length;
  let gone = false;
  res.once('close', () => (gone = true));
  try {
    let chunk = head;
    while (!gone && left > 0) {
      while (chunk.length < 65_536 && left > filler.length + 2) {
        chunk += filler;
        left -= filler.length;
      }
      if (left <= filler.length + 2) {
        chunk += '"' + 'x'.repeat(Math.max(0, left - 2)) + '"' + tail;
        left = 0;
      }
      sent(chunk.length);
      const drained = res.write(chunk);
      chunk = '';
      if (!drained) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    if (!gone) res.end();
  } catch {
    res.destroy();
  }
}
