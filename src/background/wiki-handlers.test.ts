/**
 * "Look up" as the background answers it: `wikiSearch` and `wikiFill`
 * through the router, as the editor and the card frame's composer send
 * them, against local stand-ins for Wikidata and Wikipedia
 * (test-setup/wiki-server.ts); and a note saved with the fill keeps its
 * source's licence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Entity } from '../core/entity';
import type { WikiFill } from '../core/wiki-fill';
import type { Candidate } from '../core/wikidata';
import { useFreshDb } from '../test-setup/fixtures';
import { errorOf, wikiBackground } from '../test-setup/wiki-background';
import { startWikiServer, type WikiServer } from '../test-setup/wiki-server';

const fresh = useFreshDb();
let server: WikiServer;
beforeEach(async () => {
  fakeBrowser.storage.resetState();
  server = await startWikiServer();
});
afterEach(() => server.close());

const EN = { reader: 'en-GB' };

/** The background as index.ts wires it, its look-ups sent to the stand-ins. */
const background = (allowed = true) => wikiBackground(fresh(), server, { allowed });

describe('wikiSearch', () => {
  it('answers the candidates, from the manager and from the card frame', async () => {
    const ask = background();
    for (const from of ['extension', 'card'] as const) {
      const result = await ask('wikiSearch', { query: 'NATO', languages: EN }, from);
      expect(result.ok).toBe(true);
      const candidates = (result as { value: Candidate[] }).value;
      expect(candidates.map((c) => c.id)).toEqual(['Q7184', 'Q1572064']);
      expect(candidates[0]).toMatchObject({ description: 'intergovernmental military alliance' });
    }
    // The second was kept: one request in all.
    expect(server.counts('search').requests).toBe(1);
  });

  it('is refused to a content script, and sends nothing', async () => {
    const result = await background()('wikiSearch', { query: 'NATO', languages: EN }, 'content');
    expect(result.ok).toBe(false);
    expect(server.total()).toBe(0);
  });

  it.each([
    [{ query: '', languages: EN }],
    [{ query: '   ', languages: EN }],
    [{ query: 'x'.repeat(201), languages: EN }],
    [{ query: 'NATO' }],
    [{ query: 'NATO', languages: { reader: 'x'.repeat(36) } }],
  ])('refuses an invalid request %#, and sends nothing', async (payload) => {
    const result = await background()('wikiSearch', payload);
    expect(result).toMatchObject({ ok: false });
    expect(server.total()).toBe(0);
  });

  it('answers a failure in the reader’s words', async () => {
    const refused = await background(false)('wikiSearch', { query: 'NATO', languages: EN });
    expect(errorOf(refused)).toContain('not allowed');
    server.setMode('search', { kind: 'status', status: 429, retryAfter: '120' });
    const busy = await background()('wikiSearch', { query: 'NATO', languages: EN });
    expect(errorOf(busy)).toMatch(/Wikidata is busy.*2 minutes/);
  });
});

describe('wikiFill', () => {
  it('fills name, aliases, kind, links, the note and its licensed source', async () => {
    const result = await background()('wikiFill', {
      candidate: { id: 'Q7184', label: 'NATO' },
      languages: EN,
    });
    expect(result.ok).toBe(true);
    const fill = (result as { value: WikiFill }).value;
    expect(fill.prefill).toMatchObject({
      id: 'Q7184',
      name: 'NATO',
      kind: 'organization',
    });
    expect(fill.prefill.aliases).toContain('North Atlantic Treaty Organization');
    expect(fill.prefill.links.map((l) => l.url)).toEqual([
      'https://en.wikipedia.org/wiki/NATO',
      'https://www.wikidata.org/wiki/Q7184',
    ]);
    expect(fill.note).toContain('military alliance');
    expect(fill.source).toMatchObject({
      url: 'https://en.wikipedia.org/wiki/NATO',
      title: 'NATO',
      license: 'CC BY-SA 4.0',
    });
  });

  it('says why a disambiguation page gives no note, and keeps the prefill', async () => {
    server.setEntity('Q10371', {
      entities: {
        Q10371: {
          type: 'item',
          id: 'Q10371',
          labels: { en: { language: 'en', value: 'Mercury' } },
          descriptions: {},
          aliases: {},
          sitelinks: { enwiki: { site: 'enwiki', title: 'Mercury', badges: [] } },
        },
      },
    });
    const result = await background()('wikiFill', {
      candidate: { id: 'Q10371', label: 'Mercury' },
      languages: EN,
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        prefill: { name: 'Mercury' },
        noNote: { reason: 'disambiguation', title: 'Mercury' },
      },
    });
  });

  it('refuses an id that is no item, and sends nothing', async () => {
    const result = await background()('wikiFill', {
      candidate: { id: 'P31', label: 'instance of' },
      languages: EN,
    });
    expect(result).toMatchObject({ ok: false });
    expect(server.total()).toBe(0);
  });

  it('answers an item Wikidata does not have in the reader’s words', async () => {
    const result = await background()('wikiFill', {
      candidate: { id: 'Q999999999', label: 'Gone' },
      languages: EN,
    });
    expect(errorOf(result)).toContain('no such item');
  });
});

describe('a note saved from a look-up', () => {
  it('keeps its source’s licence', async () => {
    const ask = background();
    const fill = (
      (await ask('wikiFill', { candidate: { id: 'Q7184', label: 'NATO' }, languages: EN })) as {
        value: WikiFill;
      }
    ).value;
    const saved = await ask('entitySave', {
      name: fill.prefill.name,
      aliases: fill.prefill.aliases,
      kind: fill.prefill.kind,
      note: fill.note,
      tags: [],
      links: fill.prefill.links,
      addSource: fill.source,
    });
    expect(saved.ok).toBe(true);
    const id = (saved as { value: Entity }).value.id;
    const got = (await ask('entityGet', { id })) as { value: Entity };
    expect(got.value.sources).toHaveLength(1);
    expect(got.value.sources[0]).toMatchObject({ title: 'NATO', license: 'CC BY-SA 4.0' });
  });

  it('keeps a licence the manager’s editor sends back with the sources', async () => {
    const ask = background();
    const source = {
      url: 'https://en.wikipedia.org/wiki/NATO',
      title: 'NATO',
      at: '2026-12-01T10:00:00.000Z',
      license: 'CC BY-SA 4.0',
    };
    const saved = (await ask('entitySave', {
      name: 'NATO',
      aliases: [],
      kind: 'organization',
      note: '',
      tags: [],
      sources: [source],
    })) as { value: Entity };
    expect(saved.value.sources).toEqual([source]);
  });
});
