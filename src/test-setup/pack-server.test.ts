/**
 * The pack server itself, asked with plain fetch: that it serves what a
 * test set, as a static host would. The bad answers are tested through
 * background/pack-fetch.test.ts, which reads each one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPackServer, type PackServer } from './pack-server';

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

const pack = (title: string) => ({ format: 'backstory-pack', version: 1, title, entities: [] });

describe('startPackServer', () => {
  it('answers 304 while the content is unchanged, and 200 once it changed', async () => {
    server.setPack('p1', pack('One'));
    const first = await fetch(server.url('p1'));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(pack('One'));
    const etag = first.headers.get('ETag')!;
    const lastModified = first.headers.get('Last-Modified')!;
    expect(etag).toMatch(/^"/);

    const unchanged = await fetch(server.url('p1'), { headers: { 'If-None-Match': etag } });
    expect(unchanged.status).toBe(304);
    const sinceOnly = await fetch(server.url('p1'), {
      headers: { 'If-Modified-Since': lastModified },
    });
    expect(sinceOnly.status).toBe(304);
    expect(server.counts('p1')).toMatchObject({ requests: 3, ok: 1, notModified: 2 });

    // The same text set again is a new version all the same: new ETag and a later Last-Modified.
    server.setPack('p1', pack('One'));
    const changed = await fetch(server.url('p1'), {
      headers: { 'If-None-Match': etag, 'If-Modified-Since': lastModified },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('Last-Modified')!)).toBeGreaterThan(
      Date.parse(lastModified),
    );
    await changed.body?.cancel();
    // The last one alone is new: its If-None-Match no longer matches.
    const sinceChanged = await fetch(server.url('p1'), {
      headers: { 'If-Modified-Since': lastModified },
    });
    expect(sinceChanged.status).toBe(200);
    await sinceChanged.body?.cancel();
    expect(server.counts('p1')).toMatchObject({ requests: 5, ok: 3, notModified: 2 });
  });

  it('compares ETags weakly and ignores If-Modified-Since beside If-None-Match (RFC 9110)', async () => {
    server.setPack('p2', pack('Two'));
    const etag = (await fetch(server.url('p2'), { method: 'HEAD' })).headers.get('ETag')!;
    const status = async (headers: Record<string, string>) =>
      (await fetch(server.url('p2'), { method: 'HEAD', headers })).status;
    expect(await status({ 'If-None-Match': `"x", W/${etag}` })).toBe(304);
    expect(await status({ 'If-None-Match': '*' })).toBe(304);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    expect(await status({ 'If-None-Match': '"x"', 'If-Modified-Since': future })).toBe(200);
    expect(await status({ 'If-Modified-Since': future })).toBe(304);
  });

  it('serves noValidators without ETag or Last-Modified, and never 304', async () => {
    server.setPack('p3', pack('Three'));
    server.setMode('p3', { kind: 'noValidators' });
    const response = await fetch(server.url('p3'), { headers: { 'If-None-Match': '*' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBeNull();
    expect(response.headers.get('Last-Modified')).toBeNull();
    expect(await response.json()).toEqual(pack('Three'));
  });

  it('streams a huge pack of exactly the size asked, valid JSON to the end', async () => {
    server.setMode('p4', { kind: 'huge', bytes: 300_001 });
    const text = await (await fetch(server.url('p4'))).text();
    expect(text).toHaveLength(300_001);
    const doc = JSON.parse(text) as { entities: { id: string }[] };
    expect(doc.entities.length).toBeGreaterThan(250);
    expect(new Set(doc.entities.map((e) => e.id)).size).toBe(doc.entities.length);
    expect(server.counts('p4')).toMatchObject({ ok: 1, sent: 300_001 });
  });

  it('serves a redirect target normally on the other origin and at ?r=1', async () => {
    server.setPack('p5', pack('Five'));
    server.setMode('p5', { kind: 'redirectOther' });
    const other = await fetch(server.url('p5'));
    expect(other.url).toBe(`${server.otherOrigin}/packs/p5.json`);
    expect(await other.json()).toEqual(pack('Five'));
    server.setMode('p5', { kind: 'redirectSame' });
    const same = await fetch(server.url('p5'));
    expect(same.url).toBe(`${server.origin}/packs/p5.json?r=1`);
    expect(await same.json()).toEqual(pack('Five'));
    expect(server.counts('p5')).toMatchObject({ requests: 4, ok: 2 });
    expect(server.lastRequest('p5')).toMatchObject({ method: 'GET', path: '/packs/p5.json?r=1' });
  });

  it('sends no CORS headers, and 404 for a pack never set', async () => {
    server.setPack('p6', pack('Six'));
    const response = await fetch(server.url('p6'));
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await response.body?.cancel();
    expect((await fetch(server.url('never-set'))).status).toBe(404);
  });
});
