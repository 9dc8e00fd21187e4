/**
 * A pack host for tests, programmable per pack: serves /packs/<name>.json
 * as a static host would (ETag, Last-Modified, 304 to a conditional
 * request), or answers as a bad one does (an error status with Retry-After,
 * an HTML page with 200, an empty or cut body, a body too large, a
 * redirect). The unit tests of background/pack-fetch.ts fetch from it with
 * Node's own fetch; the e2e suite can point the extension at it. Node's
 * http module only, so it needs nothing installed.
 *
 * It sends no CORS headers (Access-Control-Allow-Origin), as many static
 * hosts do not: the extension reads a pack with the host permission the
 * reader granted for its origin, which CORS does not govern
 * (https://developer.chrome.com/docs/extensions/develop/concepts/network-requests).
 * A test that passed only with CORS headers would hide a missing permission.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface PackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://localhost:<port>: the same server under another origin (for cross-origin redirects). */
  otherOrigin: string;
  /** `${origin}/packs/${name}.json` */
  url(name: string): string;
  /**
   * Sets what /packs/<name>.json serves; each call is a new content version
   * (new ETag, Last-Modified). Text is sent as UTF-8, bytes as they are
   * (to serve what is not UTF-8), anything else as pretty-printed JSON.
   */
  setPack(name: string, body: string | Uint8Array | object): void;
  /** How /packs/<name>.json answers from now on. */
  setMode(name: string, mode: PackMode): void;
  /**
   * Requests for /packs/<name>.json on either origin, the 200 and 304 among
   * them, and the body bytes written (for `huge`: where the stream stopped).
   */
  counts(name: string): { requests: number; ok: number; notModified: number; sent: number };
  /** The last request for /packs/<name>.json: what the client sent. */
  lastRequest(name: string): SeenRequest | undefined;
  /**
   * Settles when the response to the last request for /packs/<name>.json
   * has ended: sent in full, or its connection closed under it (a client
   * that stopped reading and let it go). Its `sent` count is final then.
   */
  closed(name: string): Promise<void>;
  close(): Promise<void>;
}

export type PackMode =
  /** 200 with ETag + Last-Modified; honours If-None-Match / If-Modified-Since with 304. */
  | { kind: 'normal' }
  /** 200 without ETag / Last-Modified, never 304. */
  | { kind: 'noValidators' }
  /** Any status (404, 500, 429 or 503 with Retry-After), with a short text body. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; location?: string }
  /** An HTML error page with status 200 (or `body`, sent as text/html all the same). */
  | { kind: 'html200'; body?: string }
  /** 200 with an empty body. */
  | { kind: 'empty' }
  /** Content-Length of the whole pack, half of it sent, then the connection destroyed. */
  | { kind: 'truncated' }
  /**
   * A valid pack of exactly `bytes` bytes (52 MB, say), made as it is sent
   * and never held in memory, at the pace the client reads. Sent chunked
   * unless `contentLength` announces its size first.
   */
  | { kind: 'huge'; bytes: number; contentLength?: boolean }
  /** 302 to the same path on otherOrigin, which serves the pack normally. */
  | { kind: 'redirectOther' }
  /** 302 to /packs/<name>.json?r=1 on the same origin, which serves the pack normally. */
  | { kind: 'redirectSame' }
  /**
   * The pack gzip-compressed, as static hosts serve JSON: Content-Length
   * is that of the compressed body, which fetch gives back decompressed.
   */
  | { kind: 'gzip' };

export interface SeenRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
}

interface Hosted {
  body?: Buffer;
  etag: string;
  lastModified: string;
  mode: PackMode;
  counts: { requests: number; ok: number; notModified: number; sent: number };
  last?: SeenRequest;
  closed?: Promise<void>;
}

const NORMAL: PackMode = { kind: 'normal' };
const JSON_TYPE = 'application/json; charset=utf-8';
/*
 * As GitHub Pages sends it: a fetch that consulted the HTTP cache would
 * answer from it for ten minutes without asking, and the counts would show.
 */
const CACHE_CONTROL = 'max-age=600';

export async function startPackServer(): Promise<PackServer> {
  const packs = new Map<string, Hosted>();
  /*
   * Last-Modified has whole seconds, and a client that sends only
   * If-Modified-Since must see every new version as newer: each version
   * is a second after the one before, all of them in the past.
   */
  const epoch = Math.floor(Date.now() / 1000) * 1000 - 30 * 86_400_000;
  let version = 0;
  const nextVersion = () => {
    version++;
    return { etag: `"v${version}"`, lastModified: new Date(epoch + version * 1000).toUTCString() };
  };
  const hosted = (name: string): Hosted => {
    let pack = packs.get(name);
    if (!pack) {
      pack = {
        ...nextVersion(),
        mode: NORMAL,
        counts: { requests: 0, ok: 0, notModified: 0, sent: 0 },
      };
      packs.set(name, pack);
    }
    return pack;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const match = /^\/packs\/([^/]+)\.json$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const pack = hosted(decodeURIComponent(match[1]!));
    pack.counts.requests++;
    pack.last = { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers } };
    // Not events.once: it would reject on an 'error' that no test awaits.
    pack.closed = new Promise((resolve) => res.once('close', () => resolve()));
    let mode = pack.mode;
    // Where a redirect leads, the pack is served: redirecting again would loop.
    if (
      (mode.kind === 'redirectOther' && req.headers.host === new URL(otherOrigin).host) ||
      (mode.kind === 'redirectSame' && url.searchParams.has('r'))
    )
      mode = NORMAL;
    const answer = (status: number, headers: Record<string, string | number>, body?: Buffer) => {
      if (status === 200) pack.counts.ok++;
      if (status === 304) pack.counts.notModified++;
      // A 304 has no body (RFC 9110, section 15.4.5); the others say how long theirs is.
      const sent = status === 304 ? undefined : (body ?? Buffer.alloc(0));
      pack.counts.sent += sent?.length ?? 0;
      res
        .writeHead(status, sent ? { 'Content-Length': sent.length, ...headers } : headers)
        .end(sent);
    };
    const validators = { ETag: pack.etag, 'Last-Modified': pack.lastModified };
    const { body } = pack;

    switch (mode.kind) {
      case 'status':
        return answer(
          mode.status,
          {
            'Content-Type': 'text/plain; charset=utf-8',
            ...(mode.retryAfter === undefined ? {} : { 'Retry-After': mode.retryAfter }),
            ...(mode.location === undefined ? {} : { Location: mode.location }),
          },
          Buffer.from(mode.body ?? `Status ${mode.status}`),
        );
      case 'html200':
        return answer(
          200,
          { 'Content-Type': 'text/html; charset=utf-8' },
          Buffer.from(
            mode.body ?? '<!doctype html>\n<title>Page not found</title>\n<h1>Oops</h1>\n',
          ),
        );
      case 'empty':
        return answer(200, { 'Content-Type': JSON_TYPE, 'Content-Length': 0 }, Buffer.alloc(0));
      case 'huge':
        pack.counts.ok++;
        res.writeHead(200, {
          'Content-Type': JSON_TYPE,
          ...(mode.contentLength ? { 'Content-Length': mode.bytes } : {}),
        });
        return void streamHuge(res, mode.bytes, (n) => (pack.counts.sent += n));
      case 'redirectOther':
        return answer(302, { Location: `${otherOrigin}${url.pathname}` });
      case 'redirectSame':
        return answer(302, { Location: `${url.pathname}?r=1` });
    }
    // The rest serve the pack set.
    if (!body) return answer(404, {}, Buffer.from(`No pack is set under this name.`));
    switch (mode.kind) {
      case 'normal':
        if (fresh(req, pack)) return answer(304, validators);
        return answer(
          200,
          { 'Content-Type': JSON_TYPE, 'Cache-Control': CACHE_CONTROL, ...validators },
          body,
        );
      case 'noValidators':
        return answer(200, { 'Content-Type': JSON_TYPE }, body);
      case 'gzip': {
        if (fresh(req, pack)) return answer(304, validators);
        const gzipped = gzipSync(body);
        return answer(
          200,
          { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip', ...validators },
          gzipped,
        );
      }
      case 'truncated': {
        pack.counts.ok++;
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
        const half = body.subarray(0, Math.floor(body.length / 2));
        pack.counts.sent += half.length;
        res.write(half, () => res.destroy());
        return;
      }
    }
  };

  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const otherOrigin = `http://localhost:${port}`;
  /*
   * "localhost" may resolve to ::1 first (Chrome tries both): the same
   * handler listens there too, where the machine has IPv6 loopback.
   */
  const servers: Server[] = [server];
  const six = createServer(handle);
  six.on('error', () => undefined);
  six.listen(port, '::1');
  await Promise.race([once(six, 'listening').then(() => servers.push(six)), once(six, 'error')]);

  return {
    origin,
    otherOrigin,
    url: (name) => `${origin}/packs/${encodeURIComponent(name)}.json`,
    setPack(name, body) {
      const pack = hosted(name);
      Object.assign(pack, nextVersion());
      pack.body =
        typeof body === 'string' || body instanceof Uint8Array
          ? Buffer.from(body)
          : Buffer.from(JSON.stringify(body, null, 2));
    },
    setMode(name, mode) {
      hosted(name).mode = mode;
    },
    counts: (name) => ({ ...hosted(name).counts }),
    lastRequest: (name) => packs.get(name)?.last,
    closed: (name) =>
      packs.get(name)?.closed ?? Promise.reject(new Error(`No request for ${name} yet.`)),
    async close() {
      await Promise.all(
        servers.map((s) => {
          const closed = once(s, 'close');
          s.close();
          // Open keep-alive connections and a stalled huge stream would hold close() forever.
          s.closeAllConnections();
          return closed;
        }),
      );
    },
  };
}

/**
 * Whether the copy the request names is the current one (RFC 9110, section
 * 13.2.2: If-None-Match first, and If-Modified-Since only without it;
 * https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2).
 */
function fresh(req: IncomingMessage, pack: Hosted): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch !== undefined) {
    // The weak comparison: W/"v1" names the same version as "v1".
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return (
      noneMatch.trim() === '*' || noneMatch.split(',').some((tag) => opaque(tag) === pack.etag)
    );
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Date.parse(pack.lastModified) <= since;
}

/**
 * Writes a valid pack of exactly `bytes` bytes (ASCII, so as many
 * characters), a chunk at a time as the client reads, and stops when the
 * client goes away.
 */
async function streamHuge(res: ServerResponse, bytes: number, sent: (n: number) => void) {
  try {
    await writeHuge(res, bytes, sent);
  } catch {
    // The client went away while the pack was sent: what a test wanted to see.
    res.destroy();
  }
}

async function writeHuge(res: ServerResponse, bytes: number, sent: (n: number) => void) {
  const head = '{"format":"backstory-pack","version":1,"title":"Huge","entities":[';
  const tail = ']}';
  if (bytes < head.length + tail.length) throw new Error('a huge pack has at least 70 bytes');
  const note = 'x'.repeat(1_000);
  let left = bytes - head.length - tail.length;
  let chunk = head;
  let n = 0;
  let gone = false;
  // One wait for the close, raced at every full buffer: a new one each time would add a
  // listener per 64 KB sent that outlives its race.
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      gone = true;
      resolve();
    }),
  );
  while (!gone) {
    const entity = `${n ? ',' : ''}{"id":"e${n}","name":"Entity ${n}","note":"${note}"}`;
    if (entity.length <= left) {
      chunk += entity;
      left -= entity.length;
      n++;
    } else {
      // White space before the list's end fills the last bytes.
      chunk += ' '.repeat(left) + tail;
      left = -1;
    }
    if (chunk.length < 65_536 && left >= 0) continue;
    sent(chunk.length);
    const drained = res.write(chunk);
    chunk = '';
    if (left < 0) return void res.end();
    if (!drained) await Promise.race([once(res, 'drain'), closed]);
  }
}
