/**
 * "Refresh from Wikipedia" as the background answers it: `wikiRefresh`
 * through the router, against the stand-ins for Wikidata and Wikipedia
 * (test-setup/wiki-server.ts). A refresh asks the services again, even
 * where a look-up's answer is kept; anything but a note fails it, in the
 * reader's words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WikiRefreshed } from '../core/wiki-fill';
import type { Result } from '../messaging/protocol';
import { useFreshDb } from '../test-setup/fixtures';
import { errorOf, wikiBackground } from '../test-setup/wiki-background';
import { MERCURY_SUMMARY, NATO_SUMMARY } from '../test-setup/wiki-fixtures';
import { startWikiServer, type WikiServer } from '../test-setup/wiki-server';

const fresh = useFreshDb();
let server: WikiServer;
beforeEach(async () => {
  fakeBrowser.storage.resetState();
  server = await startWikiServer();
});
afterEach(() => server.close());

const EN = { reader: 'en-GB' };
const NATO = { article: { language: 'en', title: 'NATO' }, languages: EN };
const NOW = Date.parse('2026-12-03T09:00:00.000Z');

const valueOf = (result: Result<unknown>) => {
  if (!result.ok) throw new Error(result.error);
  return result.value as WikiRefreshed;
};

describe('wikiRefresh', () => {
  it('asks Wikipedia again, though a look-up’s answer is kept, and keeps the new one', async () => {
    const ask = wikiBackground(fresh(), server, { now: () => NOW });
    await ask('wikiFill', { candidate: { id: 'Q7184', label: 'NATO' }, languages: EN });
    expect(server.counts('summary').requests).toBe(1);
    server.setSummary('en', 'NATO', { ...NATO_SUMMARY, extract: 'NATO has 32 members now.' });

    const refreshed = valueOf(await ask('wikiRefresh', NATO));
    expect(server.counts('summary').requests).toBe(2);
    expect(refreshed.note).toContain('NATO has 32 members now.');
    expect(refreshed.source).toEqual({
      url: 'https://en.wikipedia.org/wiki/NATO',
      title: 'NATO',
      at: '2026-12-03T09:00:00.000Z',
      license: 'CC BY-SA 4.0',
    });
    expect(refreshed.prefill).toBeUndefined();
    // The look-up now finds the new answer kept.
    const fill = await ask('wikiFill', {
      candidate: { id: 'Q7184', label: 'NATO' },
      languages: EN,
    });
    expect(valueOf(fill).note).toContain('32 members');
    expect(server.counts('summary').requests).toBe(2);
  });

  it('with the item, gives its prefill and follows the article to its title now', async () => {
    const ask = wikiBackground(fresh(), server);
    // The note was taken from "North Atlantic Alliance", since renamed; the item names "NATO".
    const refreshed = valueOf(
      await ask('wikiRefresh', {
        ...NATO,
        article: { language: 'en', title: 'North Atlantic Alliance' },
        item: { id: 'Q7184', label: 'NATO' },
      }),
    );
    expect(server.lastRequest('summary')?.path).toContain('/summary/NATO?');
    expect(refreshed.prefill).toMatchObject({ id: 'Q7184', name: 'NATO', kind: 'organization' });
    expect(refreshed.prefill?.links.map((l) => l.url)).toEqual([
      'https://en.wikipedia.org/wiki/NATO',
      'https://www.wikidata.org/wiki/Q7184',
    ]);
    expect(refreshed.source.url).toBe('https://en.wikipedia.org/wiki/NATO');
  });

  it('takes the article on the note’s Wikipedia, whatever the reader’s language is now', async () => {
    server.setSummary('de', 'NATO', {
      ...NATO_SUMMARY,
      content_urls: { desktop: { page: 'https://de.wikipedia.org/wiki/NATO' } },
      extract: 'Die NATO ist ein Militärbündnis.',
    });
    const ask = wikiBackground(fresh(), server);
    const refreshed = valueOf(
      await ask('wikiRefresh', {
        article: { language: 'de', title: 'NATO' },
        item: { id: 'Q7184' },
        languages: EN,
      }),
    );
    expect(refreshed.note).toContain('Militärbündnis');
    expect(refreshed.prefill?.links[0]?.url).toBe('https://de.wikipedia.org/wiki/NATO');
  });

  it('answers an article that is now a disambiguation page, or gone, in the reader’s words', async () => {
    const ask = wikiBackground(fresh(), server);
    server.setSummary('en', 'NATO', MERCURY_SUMMARY);
    expect(errorOf(await ask('wikiRefresh', NATO))).toContain('lists several meanings');
    expect(
      errorOf(await ask('wikiRefresh', { ...NATO, article: { language: 'en', title: 'Gone' } })),
    ).toBe('Wikipedia has no article of that title.');
  });

  it('answers a wait Wikipedia asked for, and sends nothing more until then', async () => {
    const ask = wikiBackground(fresh(), server);
    server.setMode('summary', { kind: 'status', status: 429, retryAfter: '120' });
    expect(errorOf(await ask('wikiRefresh', NATO))).toMatch(/Wikipedia is busy.*2 minutes/);
    server.setMode('summary', { kind: 'normal' });
    expect(errorOf(await ask('wikiRefresh', NATO))).toMatch(/Wikipedia is busy/);
    expect(server.counts('summary').requests).toBe(1);
  });

  it('sends nothing without the reader’s permission, and says so', async () => {
    const ask = wikiBackground(fresh(), server, { allowed: false });
    expect(errorOf(await ask('wikiRefresh', NATO))).toContain('not allowed');
    expect(server.total()).toBe(0);
  });

  it('is refused to the card frame and to content scripts', async () => {
    const ask = wikiBackground(fresh(), server);
    for (const from of ['card', 'content'] as const)
      expect(await ask('wikiRefresh', NATO, from)).toMatchObject({ ok: false });
    expect(server.total()).toBe(0);
  });

  it.each([
    [{ ...NATO, article: { language: 'en.evil.example/x', title: 'NATO' } }],
    [{ ...NATO, article: { language: 'simple', title: 'NATO' } }],
    [{ ...NATO, article: { language: 'en', title: '' } }],
    [{ ...NATO, article: { language: 'en', title: 'x'.repeat(256) } }],
    [{ ...NATO, article: { language: 'en', title: 'half \uD800' } }],
    [{ ...NATO, item: { id: 'P31' } }],
    [{ article: NATO.article }],
  ])('refuses an invalid request %#, and sends nothing', async (payload) => {
    expect(await wikiBackground(fresh(), server)('wikiRefresh', payload)).toMatchObject({
      ok: false,
    });
    expect(server.total()).toBe(0);
  });
});
