/**
 * fetchPack against a real HTTP server on 127.0.0.1 (test-setup/pack-server.ts)
 * with Node's own fetch: the request, permissions, redirects, conditional
 * requests, statuses, the network and aborting. What it makes of a 200's
 * body: pack-fetch-body.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPackServer, type PackServer } from '../test-setup/pack-server';
import { fetchPack, type FetchOptions } from './pack-fetch';

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

const PACK = { format: 'backstory-pack', version: 1, title: 'T', entities: [{ name: 'Ada' }] };
const allowAll: FetchOptions = { allowed: () => Promise.resolve(true) };
/** Allows only these origins, and records every origin asked about. */
function allowOnly(...origins: string[]) {
  const asked: string[] = [];
  const allowed = (origin: string) => {
    asked.push(origin);
    return Promise.resolve(origins.includes(origin));
  };
  return { allowed, asked };
}

describe('the request', () => {
  it('is a GET for JSON with no referrer, the validators held as conditional headers', async () => {
    server.setPack('req', PACK);
    const plain = await fetchPack(server.url('req'), allowAll);
    expect(plain.kind).toBe('fetched');
    const first = server.lastRequest('req')!;
    expect(first).toMatchObject({ method: 'GET', headers: { accept: 'application/json' } });
    expect(first.headers).not.toHaveProperty('referer');
    expect(first.headers).not.toHaveProperty('if-none-match');
    expect(first.headers).not.toHaveProperty('if-modified-since');

    const validators = { etag: '"held"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' };
    await fetchPack(server.url('req'), { ...allowAll, validators });
    expect(server.lastRequest('req')!.headers).toMatchObject({
      'if-none-match': '"held"',
      'if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
  });

  // Node's fetch has no HTTP cache and no cookies to show these by their effect (the e2e suite
  // can): the spy calls the real fetch and only records what it was given.
  it('asks fetch to bypass the HTTP cache, send no credentials and follow redirects', async () => {
    server.setPack('init', PACK);
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      await fetchPack(server.url('init'), allowAll);
      expect(spy).toHaveBeenCalledOnce();
      expect(spy.mock.calls[0]![1]).toMatchObject({
        method: 'GET',
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
      });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('permissions', () => {
  it('makes no request to an origin the reader has not allowed; makes one once they have', async () => {
    server.setPack('perm', PACK);
    const refused = allowOnly('http://example.org');
    expect(await fetchPack(server.url('perm'), refused)).toEqual({
      kind: 'failed',
      error: { code: 'permission', origin: server.origin },
    });
    expect(refused.asked).toEqual([server.origin]);
    expect(server.counts('perm').requests).toBe(0);

    const granted = await fetchPack(server.url('perm'), allowOnly(server.origin));
    expect(granted.kind).toBe('fetched');
    expect(server.counts('perm').requests).toBe(1);
  });

  it('refuses what a redirect to an origin not allowed brought, and takes it from one allowed', async () => {
    server.setPack('other', PACK);
    server.setMode('other', { kind: 'redirectOther' });
    const refused = allowOnly(server.origin);
    expect(await fetchPack(server.url('other'), refused)).toEqual({
      kind: 'failed',
      error: { code: 'redirect', origin: server.otherOrigin },
    });
    expect(refused.asked).toEqual([server.origin, server.otherOrigin]);

    const taken = await fetchPack(
      server.url('other'),
      allowOnly(server.origin, server.otherOrigin),
    );
    expect(taken).toMatchObject({
      kind: 'fetched',
      url: `${server.otherOrigin}/packs/other.json`,
      parsed: { ok: true, pack: { title: 'T' } },
    });
  });

  it('follows a redirect on the same origin without asking again, and gives the final URL', async () => {
    server.setPack('same', PACK);
    server.setMode('same', { kind: 'redirectSame' });
    const only = allowOnly(server.origin);
    expect(await fetchPack(server.url('same'), only)).toMatchObject({
      kind: 'fetched',
      url: `${server.url('same')}?r=1`,
    });
    expect(only.asked).toEqual([server.origin]);
  });
});

describe('conditional requests', () => {
  it('gets 304 while the pack is unchanged, and the pack again once it changed', async () => {
    server.setPack('cond', PACK);
    const first = await fetchPack(server.url('cond'), allowAll);
    if (first.kind !== 'fetched') throw new Error(`fetched expected, got ${first.kind}`);
    expect(first.validators).toEqual({
      etag: expect.stringMatching(/^"/) as string,
      lastModified: expect.stringMatching(/GMT$/) as string,
    });

    const again = await fetchPack(server.url('cond'), {
      ...allowAll,
      validators: first.validators,
    });
    expect(again).toEqual({ kind: 'notModified', validators: first.validators });
    // Last-Modified alone is enough.
    const { lastModified } = first.validators;
    expect(
      await fetchPack(server.url('cond'), { ...allowAll, validators: { lastModified } }),
    ).toEqual({ kind: 'notModified', validators: first.validators });
    expect(server.counts('cond')).toMatchObject({ requests: 3, ok: 1, notModified: 2 });

    server.setPack('cond', { ...PACK, title: 'New' });
    const changed = await fetchPack(server.url('cond'), {
      ...allowAll,
      validators: first.validators,
    });
    expect(changed).toMatchObject({
      kind: 'fetched',
      parsed: { ok: true, pack: { title: 'New' } },
    });
    expect(changed.kind === 'fetched' && changed.validators.etag).not.toBe(first.validators.etag);
  });

  it("keeps the 304's own validators, and the ones sent where it has none", async () => {
    server.setPack('v304', PACK);
    const first = await fetchPack(server.url('v304'), allowAll);
    const etag = first.kind === 'fetched' ? first.validators.etag : undefined;
    // The ETag matches; the 304 carries the server's Last-Modified, which replaces the one sent.
    const sent = { etag, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' };
    const refreshed = await fetchPack(server.url('v304'), { ...allowAll, validators: sent });
    expect(refreshed).toEqual({
      kind: 'notModified',
      validators: { etag, lastModified: first.kind === 'fetched' && first.validators.lastModified },
    });

    server.setMode('v304', { kind: 'status', status: 304 });
    expect(await fetchPack(server.url('v304'), { ...allowAll, validators: sent })).toEqual({
      kind: 'notModified',
      validators: sent,
    });
  });

  it('takes a 304 to a request without validators for the error it is', async () => {
    server.setMode('bare304', { kind: 'status', status: 304 });
    expect(await fetchPack(server.url('bare304'), allowAll)).toEqual({
      kind: 'failed',
      error: { code: 'status', status: 304 },
    });
  });

  it('gives no validators for a pack served without them', async () => {
    server.setPack('nov', PACK);
    server.setMode('nov', { kind: 'noValidators' });
    expect(await fetchPack(server.url('nov'), allowAll)).toMatchObject({
      kind: 'fetched',
      validators: {},
    });
  });
});

describe('statuses', () => {
  it.each<[{ status: number; retryAfter?: string }, number | undefined]>([
    [{ status: 404 }, undefined],
    [{ status: 500 }, undefined],
    [{ status: 201 }, undefined],
    // Retry-After counts only where it asks to wait: 429 and 503.
    [{ status: 404, retryAfter: '120' }, undefined],
    [{ status: 429, retryAfter: '120' }, 120_000],
    [{ status: 503, retryAfter: '3600' }, 3_600_000],
    [{ status: 503, retryAfter: 'later' }, undefined],
    [{ status: 429 }, undefined],
  ])('%j fails with its status, waiting %s ms', async (answer, retryAfterMs) => {
    const name = `status-${answer.status}-${answer.retryAfter ?? ''}`;
    server.setMode(name, { kind: 'status', ...answer });
    const outcome = await fetchPack(server.url(name), allowAll);
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'status', status: answer.status },
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  });

  it('reads a Retry-After date as the wait until then', async () => {
    const at = new Date(Date.now() + 3_600_000).toUTCString();
    server.setMode('date503', { kind: 'status', status: 503, retryAfter: at });
    const outcome = await fetchPack(server.url('date503'), allowAll);
    const wait = outcome.kind === 'failed' ? outcome.retryAfterMs : undefined;
    // The date has whole seconds, and the request took some.
    expect(wait).toBeGreaterThan(3_500_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
  });
});

describe('the network', () => {
  /** A URL on a port where nothing listens any more. */
  async function deadUrl() {
    const gone = await startPackServer();
    await gone.close();
    return gone.url('gone');
  }

  it('is offline when the request fails and the browser says it is offline', async () => {
    const url = await deadUrl();
    expect(await fetchPack(url, { ...allowAll, online: () => false })).toEqual({
      kind: 'offline',
    });
    expect(await fetchPack(url, { ...allowAll, online: () => true })).toEqual({
      kind: 'failed',
      error: { code: 'network' },
    });
    // Node has no navigator.onLine: the default takes it for online.
    expect(await fetchPack(url, allowAll)).toEqual({ kind: 'failed', error: { code: 'network' } });
  });

  it('tells a redirect the request could not follow from a network failure', async () => {
    // A redirect to a host that is down fails as a network error when followed (as Firefox
    // fails one to an origin the extension may not read): asked again without following,
    // the answer names the redirect. Node shows its Location; a browser hides it ('').
    const dead = new URL(await deadUrl());
    const moved = await startPackServer();
    moved.setMode('moved', { kind: 'status', status: 302, location: dead.href });
    try {
      const outcome = await fetchPack(moved.url('moved'), allowAll);
      expect(outcome).toEqual({ kind: 'failed', error: { code: 'redirect', origin: dead.origin } });
    } finally {
      await moved.close();
    }
  });

  it('stops when aborted, before the request or during the body, and says so by rejecting', async () => {
    server.setPack('abort', PACK);
    const before = new AbortController();
    before.abort();
    await expect(
      fetchPack(server.url('abort'), { ...allowAll, signal: before.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.counts('abort').requests).toBe(0);

    const bytes = 52_000_000;
    server.setMode('abort-body', { kind: 'huge', bytes });
    const during = new AbortController();
    const fetching = fetchPack(server.url('abort-body'), { ...allowAll, signal: during.signal });
    // More than the sockets hold: the client is reading the body.
    await vi.waitUntil(() => server.counts('abort-body').sent > 10_000_000, { timeout: 60_000 });
    during.abort();
    await expect(fetching).rejects.toMatchObject({ name: 'AbortError' });
    // The control: not aborted, the same request runs to its end (here, the cap).
    expect(await fetchPack(server.url('abort-body'), { ...allowAll, maxBytes: 100_000 })).toEqual({
      kind: 'failed',
      error: { code: 'tooLarge', limitMb: 100_000 / 2 ** 20 },
    });
  });
});
