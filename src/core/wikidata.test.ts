import { LIMITS } from './limits';
import { describe, expect, it } from 'vitest';
import {
  API_ERROR,
  MISSING_ENTITY,
  NATO_CLAIMS,
  NATO_ENTITY,
  NATO_SEARCH,
  PERSON_ENTITY,
  searchAnswer,
  searchHit,
} from '../test-setup/wiki-fixtures';
import {
  claimsUrl,
  entityUrl,
  parseEntity,
  parseInstanceOf,
  parseSearch,
  searchUrl,
  SEARCH_LIMIT,
} from './wikidata';

const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('the request addresses', () => {
  it('searches items in the page’s language, shown in the reader’s, 7 at most, without origin', () => {
    const url = searchUrl('  Hulusi Akar ', { language: 'tr', uselang: 'en' });
    expect(url.startsWith('https://www.wikidata.org/w/api.php?')).toBe(true);
    expect(paramsOf(url)).toEqual({
      action: 'wbsearchentities',
      search: 'Hulusi Akar',
      language: 'tr',
      uselang: 'en',
      type: 'item',
      limit: '7',
      format: 'json',
    });
  });

  it('escapes what the reader typed, and cuts a search at 250 characters', () => {
    const url = searchUrl('a&action=wbeditentity#x', { language: 'en', uselang: 'en' });
    expect(paramsOf(url).action).toBe('wbsearchentities');
    expect(paramsOf(url).search).toBe('a&action=wbeditentity#x');
    expect(
      paramsOf(searchUrl('x'.repeat(300), { language: 'en', uselang: 'en' })).search,
    ).toHaveLength(250);
  });

  it('asks for an item’s terms and articles in the languages given, and for its P31 alone', () => {
    expect(paramsOf(entityUrl('Q7184', ['en', 'zh-min-nan', 'mul']))).toEqual({
      action: 'wbgetentities',
      ids: 'Q7184',
      props: 'labels|descriptions|aliases|sitelinks',
      languages: 'en|zh-min-nan|mul',
      sitefilter: 'enwiki|zh_min_nanwiki',
      format: 'json',
    });
    expect(paramsOf(claimsUrl('Q7184'))).toEqual({
      action: 'wbgetclaims',
      entity: 'Q7184',
      property: 'P31',
      format: 'json',
    });
  });
});

describe('parseSearch', () => {
  it('gives the candidates with their descriptions and the alias they matched', () => {
    expect(parseSearch(NATO_SEARCH)).toEqual([
      {
        id: 'Q7184',
        label: 'NATO',
        description: 'intergovernmental military alliance',
        url: 'https://www.wikidata.org/wiki/Q7184',
      },
      {
        id: 'Q1572064',
        label: 'NATO phonetic alphabet',
        description: 'spelling alphabet',
        matched: 'NATO alphabet',
        url: 'https://www.wikidata.org/wiki/Q1572064',
      },
    ]);
  });

  it('answers an empty list for no hits, and null for what is no search answer', () => {
    expect(parseSearch(searchAnswer('zzz', []))).toEqual([]);
    for (const wrong of [API_ERROR, null, 'text', [], { search: 'x' }])
      expect(parseSearch(wrong)).toBeNull();
  });

  it('reads at most 7, leaves out hits of the wrong shape or id, and repeats none', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => searchHit(`Q${i + 1}`, `Name ${i}`, ''));
    expect(parseSearch(searchAnswer('n', many))).toHaveLength(SEARCH_LIMIT);
    const odd = [
      { id: 'P31', label: 'a property' },
      { id: 'Q1', label: 5 },
      { id: 'Q2', label: '<img src=x onerror=alert(1)>', description: { text: 'x' } },
      searchHit('Q3', 'Three', 'third'),
      searchHit('Q3', 'Three again', 'third'),
      'Q4',
    ];
    expect(parseSearch(searchAnswer('n', odd))).toEqual([
      // A field of the wrong type is left out, not the hit.
      { id: 'Q1', label: 'Q1', description: '', url: 'https://www.wikidata.org/wiki/Q1' },
      // HTML in a label is text like any other: the UI draws it as text.
      {
        id: 'Q2',
        label: '<img src=x onerror=alert(1)>',
        description: '',
        url: 'https://www.wikidata.org/wiki/Q2',
      },
      { id: 'Q3', label: 'Three', description: 'third', url: 'https://www.wikidata.org/wiki/Q3' },
    ]);
  });

  it('names a hit without a label by its id', () => {
    const hit = { id: 'Q5', title: 'Q5', match: { type: 'entityId', text: 'Q5' } };
    expect(parseSearch(searchAnswer('Q5', [hit]))).toEqual([
      { id: 'Q5', label: 'Q5', description: '', url: 'https://www.wikidata.org/wiki/Q5' },
    ]);
  });
});

describe('parseEntity', () => {
  it('gives the terms of the languages asked for, in their order, and their articles', () => {
    expect(parseEntity(NATO_ENTITY, 'Q7184', ['de', 'en', 'mul'])).toEqual({
      id: 'Q7184',
      terms: [
        {
          language: 'de',
          label: 'NATO',
          description: 'Militärbündnis',
          aliases: ['Nordatlantikpakt', 'Organisation des Nordatlantikvertrags'],
        },
        {
          language: 'en',
          label: 'NATO',
          description: 'intergovernmental military alliance',
          aliases: [
            'North Atlantic Treaty Organization',
            'Nato',
            'north atlantic treaty organization',
            'OTAN',
          ],
        },
        { language: 'mul', aliases: [] },
      ],
      articles: [
        { language: 'de', title: 'NATO' },
        { language: 'en', title: 'NATO' },
      ],
    });
  });

  it('reads a name kept under "mul" only', () => {
    const item = parseEntity(PERSON_ENTITY, 'Q42', ['en', 'mul']);
    expect(item !== null && item !== 'missing' && item.terms[1]).toMatchObject({
      language: 'mul',
      label: 'Douglas Adams',
    });
  });

  it('says missing for an item Wikidata does not have, and null for what is no answer', () => {
    expect(parseEntity(MISSING_ENTITY, 'Q999999999', ['en'])).toBe('missing');
    for (const wrong of [API_ERROR, null, { entities: [] }, { entities: { Q1: 'x' } }])
      expect(parseEntity(wrong, 'Q1', ['en'])).toBeNull();
  });

  it('follows a redirect to the item it leads to', () => {
    const redirected = {
      entities: {
        Q7184: { ...NATO_ENTITY.entities.Q7184, redirects: { from: 'Q99', to: 'Q7184' } },
      },
    };
    const item = parseEntity(redirected, 'Q99', ['en']);
    expect(item !== null && item !== 'missing' && item.id).toBe('Q7184');
  });

  it('leaves out terms of the wrong type, and reads at most twice a note’s aliases of a language', () => {
    const hostile = {
      entities: {
        Q1: {
          id: 'Q1',
          labels: { en: { value: 5 }, de: 'Name' },
          descriptions: { en: ['x'] },
          aliases: {
            en: [
              ...Array.from({ length: 10_000 }, (_, i) => ({
                language: 'en',
                value: `Alias ${i}`,
              })),
            ],
            de: { value: 'x' },
          },
          sitelinks: { enwiki: { title: 7 }, dewiki: { title: 'x'.repeat(300) } },
        },
      },
    };
    const item = parseEntity(hostile, 'Q1', ['en', 'de']);
    if (item === null || item === 'missing') throw new Error('an item expected');
    expect(item.terms[0]!.label).toBeUndefined();
    expect(item.terms[0]!.description).toBeUndefined();
    expect(item.terms[0]!.aliases).toHaveLength(LIMITS.aliases * 2);
    expect(item.terms[1]).toEqual({ language: 'de', aliases: [] });
    expect(item.articles).toEqual([]);
  });

  it('reads no key it was not asked for, "__proto__" included', () => {
    const json = JSON.parse(
      '{"entities":{"Q1":{"id":"Q1","labels":{"__proto__":{"value":"x"},"en":{"value":"One"}}}}}',
    ) as unknown;
    const item = parseEntity(json, 'Q1', ['en']);
    expect(item !== null && item !== 'missing' && item.terms).toEqual([
      { language: 'en', label: 'One', aliases: [] },
    ]);
  });
});

describe('parseInstanceOf', () => {
  it('gives the classes, preferred first, deprecated and valueless statements left out', () => {
    expect(parseInstanceOf(NATO_CLAIMS)).toEqual(['Q1127126', 'Q484652', 'Q245065']);
    const [a, b, c] = NATO_CLAIMS.claims.P31;
    const ranked = {
      claims: {
        P31: [
          { ...a, rank: 'deprecated' },
          b,
          { ...c, rank: 'preferred' },
          { ...b, mainsnak: { snaktype: 'novalue', property: 'P31' } },
        ],
      },
    };
    expect(parseInstanceOf(ranked)).toEqual(['Q245065', 'Q484652']);
  });

  it('gives none for an item without P31, and null for what is no answer', () => {
    expect(parseInstanceOf({ claims: {} })).toEqual([]);
    for (const wrong of [API_ERROR, null, { claims: { P31: 'Q5' } }])
      expect(parseInstanceOf(wrong)).toBeNull();
  });
});
