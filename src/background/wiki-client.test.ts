/**
 * The look-up client against local stand-ins for Wikidata and Wikipedia
 * (test-setup/wiki-server.ts), read by Node's own fetch, with the database
 * in fake-indexeddb and a clock the tests move.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type BackstoryDb } from '../db/schema';
import { startWikiServer, type WikiServer } from '../test-setup/wiki-server';
import { NATO_ENTITY, PERSON_ENTITY, searchAnswer, searchHit } from '../test-setup/wiki-fixtures';
import {
  createWikiClient,
  wikiAllowed,
  WikiClient,
  wikiUserAgent,
  type WikiClientOptions,
} from './wiki-client';

const DAY = 86_400_000;
const START = Date.parse('2026-12-01T10:00:00.000Z');

let server: WikiServer;
let db: BackstoryDb;
let clock: number;
let dbs = 0;
beforeEach(async () => {
  server = await startWikiServer();
  db = openDb(`wiki-client-${++dbs}`);
  clock = START;
});
afterEach(async () => {
  await server.close();
  await db.delete();
});

function client(options: Partial<WikiClientOptions> = {}) {
  return new WikiClient({
    db,
    userAgent: wikiUserAgent('9.9.9'),
    allowed: () => Promise.resolve(true),
    online: () => true,
    now: () => clock,
    endpoints: { wikidata: server.wikidataApi, wikipedia: server.wikipedia },
    ...options,
  });
}

const EN = { reader: 'en' };
const NATO = { id: 'Q7184', label: 'NATO' };

describe('a search', () => {
  it('asks Wikidata in the page’s language, shown in the reader’s, naming Backstory, without cookies or referrer', async () => {
    const result = await client().search('NATO', { reader: 'en-GB', page: 'tr-TR' });
    expect(result).toEqual({
      ok: true,
      value: [expect.objectContaining({ id: 'Q7184', label: 'NATO' }), expect.anything()],
    });
    const seen = server.lastRequest('search')!;
    const params = new URL(seen.path, 'http://x').searchParams;
    expect(params.get('language')).toBe('tr');
    expect(params.get('uselang')).toBe('en');
    expect(params.has('origin')).toBe(false);
    expect(seen.headers['api-user-agent']).toBe('Backstory/9.9.9 (browser extension)');
    expect(seen.headers.accept).toBe('application/json');
    expect(seen.headers).not.toHaveProperty('cookie');
    expect(seen.headers).not.toHaveProperty('referer');
  });

  it('is kept a day: asked again within it, nothing is sent', async () => {
    const wiki = client();
    await wiki.search('NATO', EN);
    clock += DAY - 1;
    expect(await wiki.search(' NATO ', EN)).toMatchObject({ ok: true });
    expect(server.counts('search').requests).toBe(1);
    clock += 1;
    await wiki.search('NATO', EN);
    expect(server.counts('search').requests).toBe(2);
  });

  it('asked twice at once, is sent once', async () => {
    const wiki = client();
    const [a, b] = await Promise.all([wiki.search('NATO', EN), wiki.search('NATO', EN)]);
    expect(a).toEqual(b);
    expect(server.counts('search').requests).toBe(1);
  });

  it('sends nothing without the reader’s permission, and says why', async () => {
    const result = await client({ allowed: () => Promise.resolve(false) }).search('NATO', EN);
    expect(result).toEqual({ ok: false, error: { code: 'permission' } });
    expect(server.total()).toBe(0);
  });
});

describe('one request at a time', () => {
  it('sends the next request only after the one before was answered', async () => {
    server.setSearch('adams', searchAnswer('adams', [searchHit('Q42', 'Douglas Adams', '')]));
    server.hold(['search', 'entity', 'claims']);
    const wiki = client();
    const all = Promise.all([
      wiki.search('NATO', EN),
      wiki.search('Adams', EN),
      wiki.item('Q42', EN),
    ]);
    for (let n = 1; n <= 4; n++) {
      await server.arrived(n);
      // A round trip to the same server that no route answers (so it is neither held
      // nor counted): any request the client sent beside the held one arrived before it.
      await (await fetch(`${server.wikidataApi}?ping`)).text();
      expect(server.inFlight().now).toBe(1);
      server.release();
    }
    const [nato, adams, item] = await all;
    expect([nato.ok, adams.ok, item.ok]).toEqual([true, true, true]);
    expect(server.counts('search').requests + server.counts('entity').requests).toBe(3);
    expect(server.counts('claims').requests).toBe(1);
    expect(server.inFlight().max).toBe(1);
  });
});

describe('a server that asks to wait', () => {
  it('429 with Retry-After: says how long, and asks that origin nothing before then, even after a restart', async () => {
    server.setMode('search', { kind: 'status', status: 429, retryAfter: '120' });
    const wiki = client();
    const until = START + 120_000;
    expect(await wiki.search('NATO', EN)).toEqual({
      ok: false,
      error: { code: 'wait', service: 'wikidata', until },
    });
    server.setMode('search', { kind: 'normal' });
    clock += 119_000;
    expect(await wiki.item('Q7184', EN)).toMatchObject({
      ok: false,
      error: { code: 'wait', until },
    });
    // A worker started again reads the wait from the database.
    expect(await client().search('other', EN)).toMatchObject({ ok: false, error: { until } });
    expect(server.counts('search').requests + server.counts('entity').requests).toBe(1);
    // The control: Wikipedia is another origin, and is asked.
    expect(await wiki.summary('en', 'NATO')).toMatchObject({ ok: true });
    clock = until;
    expect(await wiki.search('NATO', EN)).toMatchObject({ ok: true });
    expect(server.counts('search').requests).toBe(2);
  });

  it('503 with a Retry-After date waits until then; without one, is a failure that holds nothing', async () => {
    const date = new Date(START + 3_600_000).toUTCString();
    server.setMode('summary', { kind: 'status', status: 503, retryAfter: date });
    const wiki = client();
    expect(await wiki.summary('en', 'NATO')).toEqual({
      ok: false,
      error: { code: 'wait', service: 'wikipedia', until: START + 3_600_000 },
    });
    clock += 3_600_000;
    server.setMode('summary', { kind: 'status', status: 503 });
    expect(await wiki.summary('en', 'NATO')).toEqual({
      ok: false,
      error: { code: 'status', service: 'wikipedia', status: 503 },
    });
    server.setMode('summary', { kind: 'normal' });
    expect(await wiki.summary('en', 'NATO')).toMatchObject({ ok: true });
    expect(server.counts('summary').requests).toBe(3);
  });

  it('429 without Retry-After waits a minute; a month asked for is held a day at most', async () => {
    server.setMode('search', { kind: 'status', status: 429 });
    expect(await client().search('a', EN)).toMatchObject({ error: { until: START + 60_000 } });
    clock += 60_000;
    server.setMode('search', { kind: 'status', status: 429, retryAfter: String(30 * 86_400) });
    expect(await client().search('b', EN)).toMatchObject({ error: { until: clock + DAY } });
  });

  it('an Action API "maxlag" error is a wait too', async () => {
    const body = JSON.stringify({
      error: { code: 'maxlag', info: 'Waiting for a database server' },
    });
    server.setMode('search', { kind: 'body', body });
    expect(await client().search('NATO', EN)).toEqual({
      ok: false,
      error: { code: 'wait', service: 'wikidata', until: START + 60_000 },
    });
  });
});

describe('failures', () => {
  it('offline: the request failed and the browser says it is offline; online, it is the network', async () => {
    await server.close();
    expect(await client({ online: () => false }).search('NATO', EN)).toEqual({
      ok: false,
      error: { code: 'offline' },
    });
    // The control: the same failure while the browser says it is online.
    expect(await client().search('NATO', EN)).toEqual({
      ok: false,
      error: { code: 'network', service: 'wikidata' },
    });
  });

  it('no answer in time is a timeout, and the next request is still sent', async () => {
    server.setMode('summary', { kind: 'hang' });
    const wiki = client({ timeoutMs: 300 });
    expect(await wiki.summary('en', 'NATO')).toEqual({
      ok: false,
      error: { code: 'timeout', service: 'wikipedia' },
    });
    expect(await wiki.search('NATO', EN)).toMatchObject({ ok: true });
  });

  it('refuses an answer too large while it arrives, a web page, text, and JSON of another shape', async () => {
    const wiki = client({ maxBytes: 1024 * 1024 });
    const bad = { ok: false, error: { code: 'badAnswer', service: 'wikidata' } };
    server.setMode('search', { kind: 'huge', bytes: 20 * 1024 * 1024 });
    expect(await wiki.search('a', EN)).toEqual(bad);
    expect(server.counts('search').sent).toBeLessThan(20 * 1024 * 1024);
    server.setMode('search', {
      kind: 'body',
      body: '<!doctype html><h1>Error</h1>',
      type: 'text/html',
    });
    expect(await wiki.search('b', EN)).toEqual(bad);
    server.setMode('search', { kind: 'body', body: 'not json' });
    expect(await wiki.search('c', EN)).toEqual(bad);
    server.setMode('search', { kind: 'body', body: '{"search": 5}' });
    expect(await wiki.search('d', EN)).toEqual(bad);
    // The control: the same client reads a good answer.
    server.setMode('search', { kind: 'normal' });
    expect(await wiki.search('NATO', EN)).toMatchObject({ ok: true });
  });

  it('follows no redirect, so the other origin hears nothing, and keeps no failure', async () => {
    server.setMode('search', { kind: 'redirectAway' });
    const wiki = client();
    expect(await wiki.search('NATO', EN)).toEqual({
      ok: false,
      error: { code: 'network', service: 'wikidata' },
    });
    expect(server.reached('wikidata')).toBe(1);
    expect(server.reached('wikipedia')).toBe(0);
    server.setMode('search', { kind: 'normal' });
    expect(await wiki.search('NATO', EN)).toMatchObject({ ok: true });
    expect(server.counts('search').requests).toBe(2);
  });

  it('an item Wikidata does not have is not found', async () => {
    expect(await client().item('Q999999999', EN)).toEqual({
      ok: false,
      error: { code: 'notFound', service: 'wikidata' },
    });
    expect(await client().item('not an id', EN)).toMatchObject({ error: { code: 'notFound' } });
  });
});

describe('a fill', () => {
  it('prefills from the item and writes the note from the summary, crediting it under CC BY-SA 4.0', async () => {
    const result = await client().fill(NATO, { reader: 'en', page: 'de' });
    expect(result).toEqual({
      ok: true,
      value: {
        prefill: expect.objectContaining({
          name: 'NATO',
          kind: 'organization',
          aliases: expect.arrayContaining([
            'Nordatlantikpakt',
            'North Atlantic Treaty Organization',
          ]) as unknown,
        }) as unknown,
        note: expect.stringContaining('military alliance') as unknown,
        source: {
          url: 'https://en.wikipedia.org/wiki/NATO',
          title: 'NATO',
          at: '2026-12-01T10:00:00.000Z',
          license: 'CC BY-SA 4.0',
        },
      },
    });
    const params = new URL(server.lastRequest('entity')!.path, 'http://x').searchParams;
    expect(params.get('languages')).toBe('en|de|mul');
  });

  it('keeps the item and the summary a week', async () => {
    const wiki = client();
    await wiki.fill(NATO, EN);
    clock += 7 * DAY - 1;
    await wiki.fill(NATO, EN);
    const sent = () =>
      ['entity', 'claims', 'summary'].map((r) => server.counts(r as 'entity').requests);
    expect(sent()).toEqual([1, 1, 1]);
    clock += 1;
    await wiki.fill(NATO, EN);
    expect(sent()).toEqual([2, 2, 2]);
  });

  it('names a person from "mul" and marks a 6-letter acronym match-case', async () => {
    const result = await client().fill({ id: 'Q42', label: 'Douglas Adams' }, EN);
    expect(result).toMatchObject({
      ok: true,
      value: {
        prefill: { name: 'Douglas Adams', kind: 'person', matchCase: { DNADAM: 'exact' } },
        note: expect.stringContaining('English author') as unknown,
      },
    });
  });

  function withArticle(title: string | null) {
    const entity = structuredClone(NATO_ENTITY.entities.Q7184) as Record<string, unknown>;
    entity.sitelinks = title ? { enwiki: { site: 'enwiki', title, badges: [] } } : {};
    server.setEntity('Q7184', { entities: { Q7184: entity } });
  }

  it('says so, without a note, for a disambiguation page, a page without text, no article, a 404', async () => {
    const noNote = async () => {
      const result = await client().fill(NATO, EN);
      if (!result.ok) throw new Error(`a fill expected: ${JSON.stringify(result)}`);
      expect(result.value).not.toHaveProperty('note');
      expect(result.value.prefill.name).toBe('NATO');
      await db.wikiCache.clear();
      return result.value.noNote;
    };
    withArticle('Mercury');
    expect(await noNote()).toEqual({
      reason: 'disambiguation',
      title: 'Mercury',
      url: 'https://en.wikipedia.org/wiki/Mercury',
    });
    withArticle('List of NATO operations');
    // Its description alone is a note; without one, there is none.
    server.setSummary('en', 'List of NATO operations', {
      type: 'no-extract',
      title: 'List of NATO operations',
      extract: '',
    });
    expect(await noNote()).toMatchObject({ reason: 'noExtract', title: 'List of NATO operations' });
    withArticle(null);
    expect(await noNote()).toEqual({ reason: 'noArticle' });
    withArticle('Gone');
    expect(await noNote()).toEqual({
      reason: 'failed',
      error: { code: 'notFound', service: 'wikipedia' },
    });
  });

  it('fails with the item’s failure, and asks again next time', async () => {
    server.setMode('claims', { kind: 'status', status: 500 });
    const wiki = client();
    expect(await wiki.fill(NATO, EN)).toEqual({
      ok: false,
      error: { code: 'status', service: 'wikidata', status: 500 },
    });
    server.setMode('claims', { kind: 'normal' });
    expect(await wiki.fill(NATO, EN)).toMatchObject({ ok: true });
    expect(server.counts('entity').requests).toBe(2);
  });

  it('fails without a name in any language asked, nor the candidate’s', async () => {
    const entity = { ...PERSON_ENTITY.entities.Q42, labels: {} };
    server.setEntity('Q42', { entities: { Q42: entity } });
    for (const label of ['', 'Q42'])
      expect(await client().fill({ id: 'Q42', label }, EN)).toEqual({
        ok: false,
        error: { code: 'noName' },
      });
    expect(await client().fill({ id: 'Q42', label: 'From the search' }, EN)).toMatchObject({
      ok: true,
      value: { prefill: { name: 'From the search' } },
    });
  });
});

describe('the client the background makes', () => {
  afterEach(() => fakeBrowser.reset());

  function permissions(granted: { origins: boolean; dataCollection?: string[] }) {
    const asked: unknown[] = [];
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'B', version: '1.2.3' });
    fakeBrowser.permissions.contains = (request) => {
      asked.push(request);
      return Promise.resolve(granted.origins);
    };
    fakeBrowser.permissions.getAll = () =>
      Promise.resolve({
        origins: [],
        permissions: [],
        ...(granted.dataCollection ? { data_collection: granted.dataCollection } : {}),
      });
    return asked;
  }
  const local = () => ({
    now: () => clock,
    endpoints: { wikidata: server.wikidataApi, wikipedia: server.wikipedia },
  });

  it('names the manifest’s version, and asks the browser for the hosts before a request', async () => {
    const asked = permissions({ origins: true });
    expect(await createWikiClient(db, local()).search('NATO', EN)).toMatchObject({ ok: true });
    expect(asked).toEqual([
      { origins: ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'] },
    ]);
    expect(server.lastRequest('search')!.headers['api-user-agent']).toBe(
      'Backstory/1.2.3 (browser extension)',
    );
  });

  it('sends nothing without the hosts, nor where the browser keeps a declined data collection', async () => {
    permissions({ origins: false });
    expect(await createWikiClient(db, local()).search('NATO', EN)).toMatchObject({
      error: { code: 'permission' },
    });
    permissions({ origins: true, dataCollection: ['technicalAndInteraction'] });
    expect(await wikiAllowed()).toBe(false);
    expect(server.total()).toBe(0);
    // The control: website content allowed.
    permissions({ origins: true, dataCollection: ['websiteContent'] });
    expect(await wikiAllowed()).toBe(true);
  });
});
