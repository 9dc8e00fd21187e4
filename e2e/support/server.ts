/**
 * A local HTTP server for the test pages, on 127.0.0.1 only:
 *   /corpus/NAME.html  a saved news page from the corpus, made visible
 *                      (several hide <body> until their CDN scripts run);
 *                      ?scripts=0 strips its scripts so its DOM is deterministic
 *   /sites/NAME.html   the project's own test pages (e2e/sites), and their
 *   /sites/NAME.js     scripts
 *   /demo.html         the demo article, as a plain web page
 *   /stream/NAME.html  a test page of e2e/sites sent in parts, cut at each
 *                      `<!--part-->`, ?gap=MS apart (default 1500), so the
 *                      browser parses and shows it part by part; with
 *                      ?gate=ID, the parts after the first wait until
 *   /stream-open/ID    is asked (or a minute has passed), so a test can
 *                      wait for the state it needs before the rest arrives
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CORPUS, ROOT } from './paths';

const VISIBLE = '<style>html,body{visibility:visible!important;opacity:1!important}</style>';

export interface TestServer {
  origin: string;
  close: () => Promise<void>;
}

function stripScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
}

export async function demoPageHtml(): Promise<string> {
  const html = await readFile(resolve(ROOT, 'entrypoints/demo/index.html'), 'utf8');
  const css = await readFile(resolve(ROOT, 'entrypoints/demo/demo.css'), 'utf8');
  return html
    .replace(/<script type="module"[^>]*><\/script>/, '')
    .replace('<link rel="stylesheet" href="./demo.css" />', `<style>${css}</style>`);
}

async function respond(url: URL): Promise<{ status: number; body: string; type?: string }> {
  const name = url.pathname.split('/').pop() ?? '';
  if (url.pathname.startsWith('/sites/') && /^[\w-]+\.js$/.test(name)) {
    const body = await readFile(resolve(ROOT, 'e2e/sites', name), 'utf8');
    return { status: 200, body, type: 'text/javascript' };
  }
  if (!/^[\w.-]+\.html$/.test(name)) return { status: 404, body: 'not found' };
  if (url.pathname === '/demo.html') return { status: 200, body: await demoPageHtml() };
  if (url.pathname.startsWith('/corpus/')) {
    let html = await readFile(resolve(CORPUS, 'pages', name), 'utf8');
    if (url.searchParams.get('scripts') === '0') html = stripScripts(html);
    html = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${VISIBLE}</head>`) : VISIBLE + html;
    return { status: 200, body: html };
  }
  if (url.pathname.startsWith('/sites/')) {
    return { status: 200, body: await readFile(resolve(ROOT, 'e2e/sites', name), 'utf8') };
  }
  return { status: 404, body: 'not found' };
}

/** Streams held at their first part, by gate: what opens each. */
const gates = new Map<string, () => void>();
/** A gate no test opens lets its page finish after this long. */
const GATE_CEILING_MS = 60_000;

function gateOpened(id: string): Promise<void> {
  return new Promise((open) => {
    const timer = setTimeout(() => {
      gates.delete(id);
      open();
    }, GATE_CEILING_MS);
    gates.set(id, () => {
      clearTimeout(timer);
      open();
    });
  });
}

/** A test page sent part by part, as a slow network would (a long page parsed in chunks). */
async function stream(url: URL, res: ServerResponse): Promise<void> {
  const name = url.pathname.split('/').pop() ?? '';
  if (!/^[\w-]+\.html$/.test(name)) throw new Error('not found');
  const parts = (await readFile(resolve(ROOT, 'e2e/sites', name), 'utf8')).split('<!--part-->');
  const gap = Number(url.searchParams.get('gap') ?? 1500);
  const gate = url.searchParams.get('gate');
  const opened = gate ? gateOpened(gate) : null;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  for (const [i, part] of parts.entries()) {
    if (i === 1 && opened) await opened;
    else if (i > 0) await new Promise((ok) => setTimeout(ok, gap));
    if (res.destroyed) return;
    res.write(part);
  }
  res.end();
}

export async function startServer(port = 0): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/stream-open/')) {
      const id = url.pathname.slice('/stream-open/'.length);
      const open = gates.get(id);
      gates.delete(id);
      open?.();
      res.writeHead(open ? 204 : 404);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/stream/')) {
      stream(url, res).catch(() => {
        if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
        res.end();
      });
      return;
    }
    respond(url).then(
      ({ status, body, type = 'text/html' }) => {
        res.writeHead(status, {
          'content-type': `${type}; charset=utf-8`,
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      },
    );
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${actual}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
