import { describe, expect, it } from 'vitest';
import { LIST_SUMMARY, MERCURY_SUMMARY, NATO_SUMMARY } from '../test-setup/wiki-fixtures';
import { LIMITS } from './limits';
import { articleUrl, parseSummary, summaryNote, summaryUrl } from './wikipedia';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');

describe('addresses', () => {
  it('asks for the REST summary with the title as one path segment', () => {
    expect(summaryUrl('en', 'Hulusi Akar')).toBe(
      'https://en.wikipedia.org/api/rest_v1/page/summary/Hulusi_Akar?redirect=false',
    );
    expect(summaryUrl('en', 'AC/DC')).toBe(
      'https://en.wikipedia.org/api/rest_v1/page/summary/AC%2FDC?redirect=false',
    );
    expect(summaryUrl('tr', 'Recep Tayyip Erdoğan', 'http://127.0.0.1:1')).toBe(
      'http://127.0.0.1:1/api/rest_v1/page/summary/Recep_Tayyip_Erdo%C4%9Fan?redirect=false',
    );
  });

  it('writes an article’s address as Wikipedia does', () => {
    expect(articleUrl('en', 'AC/DC')).toBe('https://en.wikipedia.org/wiki/AC/DC');
    expect(articleUrl('de', 'Köln: Stadt, Land')).toBe(
      'https://de.wikipedia.org/wiki/K%C3%B6ln:_Stadt,_Land',
    );
    expect(articleUrl('en', 'What?#x')).toBe('https://en.wikipedia.org/wiki/What%3F%23x');
  });
});

describe('parseSummary', () => {
  it('reads an article: title, address, description and the plain extract, never the HTML', () => {
    expect(parseSummary(NATO_SUMMARY, 'en')).toEqual({
      kind: 'article',
      title: 'NATO',
      url: 'https://en.wikipedia.org/wiki/NATO',
      description: 'Intergovernmental military alliance',
      extract: NATO_SUMMARY.extract,
    });
  });

  it('says so for a disambiguation page, and for an article without an extract', () => {
    expect(parseSummary(MERCURY_SUMMARY, 'en')).toEqual({
      kind: 'disambiguation',
      title: 'Mercury',
      url: 'https://en.wikipedia.org/wiki/Mercury',
    });
    expect(parseSummary(LIST_SUMMARY, 'en')).toEqual({
      kind: 'noExtract',
      title: 'List of NATO operations',
      url: 'https://en.wikipedia.org/wiki/List_of_NATO_operations',
      description: 'Wikimedia list article',
    });
  });

  it('makes the address from the title when the answer’s is not an https Wikipedia page', () => {
    for (const page of [
      'javascript:alert(1)',
      'https://evil.example/NATO',
      'http://en.wikipedia.org/wiki/NATO',
      5,
    ]) {
      const answer = { ...NATO_SUMMARY, content_urls: { desktop: { page } } };
      expect(parseSummary(answer, 'en')?.url).toBe('https://en.wikipedia.org/wiki/NATO');
    }
  });

  it('leaves out fields of the wrong type, and is null without a title', () => {
    const odd = { ...NATO_SUMMARY, description: 5, extract: { html: '<b>x</b>' } };
    expect(parseSummary(odd, 'en')).toEqual({
      kind: 'noExtract',
      title: 'NATO',
      url: 'https://en.wikipedia.org/wiki/NATO',
    });
    for (const wrong of [null, 'NATO', [], { type: 'standard', extract: 'x' }, { title: 7 }])
      expect(parseSummary(wrong, 'en')).toBeNull();
  });

  it('bounds a huge extract', () => {
    const summary = parseSummary({ ...NATO_SUMMARY, extract: 'word '.repeat(1_000_000) }, 'en');
    expect(summary?.kind === 'article' && summary.extract.length).toBeLessThanOrEqual(4_000);
  });
});

describe('summaryNote', () => {
  it('writes the description and extract as plain text, with a source that keeps the licence', () => {
    const summary = parseSummary(
      { ...NATO_SUMMARY, extract: 'NATO *is* <b>an</b> alliance.' },
      'en',
    )!;
    expect(summaryNote(summary, NOW)).toEqual({
      note: 'Intergovernmental military alliance\n\nNATO \\*is\\* \\<b>an\\</b> alliance.',
      source: {
        url: 'https://en.wikipedia.org/wiki/NATO',
        title: 'NATO',
        at: '2026-12-01T10:00:00.000Z',
        license: 'CC BY-SA 4.0',
      },
    });
  });

  it('writes no note from a disambiguation page, and the description alone without an extract', () => {
    expect(summaryNote(parseSummary(MERCURY_SUMMARY, 'en')!, NOW)).toBeNull();
    expect(summaryNote(parseSummary(LIST_SUMMARY, 'en')!, NOW)?.note).toBe(
      'Wikimedia list article',
    );
    const bare = parseSummary({ ...LIST_SUMMARY, description: undefined }, 'en')!;
    expect(summaryNote(bare, NOW)).toBeNull();
  });

  it('keeps the source within the limits a save checks', () => {
    const answer = {
      ...NATO_SUMMARY,
      content_urls: undefined,
      titles: { normalized: '東'.repeat(85) },
    };
    const long = parseSummary(answer, 'en')!;
    const { source } = summaryNote(long, NOW)!;
    expect(source.url.length).toBeLessThanOrEqual(LIMITS.url);
    expect(source.title!.length).toBeLessThanOrEqual(LIMITS.sourceTitle);
  });
});
