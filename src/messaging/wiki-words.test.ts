import { describe, expect, it } from 'vitest';
import type { WikiError } from '../core/wiki-error';
import { inTime, wikiErrorText, wikiNoNoteText, wikipediaCredit } from './wiki-words';

const NOW = 1_800_000_000_000;

describe('wikiErrorText', () => {
  it('says how long to wait, rounded up', () => {
    const wait = (ms: number): WikiError => ({
      code: 'wait',
      service: 'wikidata',
      until: NOW + ms,
    });
    expect(wikiErrorText(wait(120_000), NOW, 'en')).toBe(
      'Wikidata is busy and asked Backstory to wait. Look up again in 2 minutes; until then Backstory does not ask it.',
    );
    expect(inTime(40_001, 'en')).toBe('in 41 seconds');
    expect(inTime(0, 'en')).toBe('in 1 second');
    expect(inTime(90_000, 'en')).toBe('in 2 minutes');
    expect(inTime(3 * 3_600_000, 'en')).toBe('in 3 hours');
    expect(inTime(120_000, 'de')).toBe('in 2 Minuten');
  });

  it('words every error, naming the service', () => {
    const errors: WikiError[] = [
      { code: 'permission' },
      { code: 'offline' },
      { code: 'network', service: 'wikipedia' },
      { code: 'timeout', service: 'wikidata' },
      { code: 'notFound', service: 'wikipedia' },
      { code: 'notFound', service: 'wikidata' },
      { code: 'status', service: 'wikidata', status: 500 },
      { code: 'badAnswer', service: 'wikipedia' },
      { code: 'noName' },
    ];
    const texts = errors.map((e) => wikiErrorText(e, NOW));
    // A missing message shows its key: every one is found, and each says something else.
    for (const text of texts) expect(text).not.toMatch(/^wikiError_/);
    expect(new Set(texts).size).toBe(errors.length);
    expect(texts[2]).toBe('Wikipedia could not be reached.');
    expect(texts[6]).toBe('Wikidata answered 500.');
  });
});

describe('wikiNoNoteText and the credit', () => {
  it('says why a fill has no note', () => {
    expect(
      wikiNoNoteText({ reason: 'disambiguation', title: 'Mercury', url: 'https://x' }),
    ).toContain('“Mercury”');
    expect(
      wikiNoNoteText({ reason: 'failed', error: { code: 'notFound', service: 'wikipedia' } }, NOW),
    ).toBe('The Wikipedia summary could not be read: Wikipedia has no article of that title.');
    for (const reason of ['noArticle', 'noExtract'] as const)
      expect(wikiNoNoteText({ reason, title: 'T', url: 'https://x' })).not.toMatch(/^wikiNoNote_/);
  });

  it('credits text from Wikipedia with its licence', () => {
    expect(wikipediaCredit('NATO')).toBe('From Wikipedia: NATO (CC BY-SA 4.0)');
  });
});
