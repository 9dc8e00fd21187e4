import { describe, expect, it } from 'vitest';
import {
  NATO_CLAIMS,
  NATO_ENTITY,
  PERSON_CLAIMS,
  PERSON_ENTITY,
} from '../test-setup/wiki-fixtures';
import { LIMITS } from './limits';
import { parseEntity, parseInstanceOf, type WikidataItem } from './wikidata';
import { kindOf } from './wikidata-kinds';
import { prefillFromItem } from './wikidata-prefill';
import { wikiPermissionRequest } from './wiki-permissions';

function itemOf(entity: unknown, claims: unknown, id: string, languages: string[]): WikidataItem {
  const item = parseEntity(entity, id, languages);
  const instanceOf = parseInstanceOf(claims);
  if (item === null || item === 'missing' || instanceOf === null)
    throw new Error('an item expected');
  return { ...item, instanceOf };
}

describe('prefillFromItem', () => {
  it('names the note by the first label, and makes the other labels and the aliases its aliases', () => {
    const item = itemOf(NATO_ENTITY, NATO_CLAIMS, 'Q7184', ['en', 'de', 'mul']);
    expect(prefillFromItem(item)).toEqual({
      id: 'Q7184',
      name: 'NATO',
      // The German label is the English one: one form. "Nato" is another form than the
      // capitals "NATO" (any case against exact case); the lower-case long name folds
      // to the first and is left out.
      aliases: [
        'North Atlantic Treaty Organization',
        'Nato',
        'OTAN',
        'Nordatlantikpakt',
        'Organisation des Nordatlantikvertrags',
      ],
      kind: 'organization',
      links: [
        { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/NATO' },
        { title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' },
      ],
      description: 'intergovernmental military alliance',
      article: { language: 'en', title: 'NATO' },
    });
  });

  it('takes the article and description of the first language that has them', () => {
    const item = itemOf(NATO_ENTITY, NATO_CLAIMS, 'Q7184', ['de', 'en']);
    expect(prefillFromItem(item)).toMatchObject({
      description: 'Militärbündnis',
      article: { language: 'de', title: 'NATO' },
      links: [
        { title: 'Wikipedia', url: 'https://de.wikipedia.org/wiki/NATO' },
        { title: 'Wikidata' },
      ],
    });
  });

  it('marks a 6-letter acronym match-case, as the default already does for 2 to 5 capitals', () => {
    const item = itemOf(PERSON_ENTITY, PERSON_CLAIMS, 'Q42', ['en', 'mul']);
    const prefill = prefillFromItem(item);
    expect(prefill).toMatchObject({
      name: 'Douglas Adams',
      kind: 'person',
      aliases: ['Douglas Noël Adams', 'DNADAM', 'Douglas N. Adams'],
      matchCase: { DNADAM: 'exact' },
    });
    // The control: NATO's 4 capitals need no rule of their own.
    expect(prefillFromItem(itemOf(NATO_ENTITY, NATO_CLAIMS, 'Q7184', ['en']))).not.toHaveProperty(
      'matchCase',
    );
  });

  it('keeps at most 100 aliases, and none a letter long', () => {
    const item: WikidataItem = {
      id: 'Q1',
      terms: [
        {
          language: 'en',
          label: 'Many',
          aliases: ['M', '·', ...Array.from({ length: 500 }, (_, i) => `Alias ${i}`)],
        },
      ],
      articles: [],
      instanceOf: [],
    };
    const prefill = prefillFromItem(item)!;
    expect(prefill.aliases).toHaveLength(LIMITS.aliases);
    expect(prefill.aliases[0]).toBe('Alias 0');
    expect(prefill.kind).toBe('other');
    expect(prefill.links).toEqual([{ title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q1' }]);
  });

  it('names an item without labels by the candidate’s label, and makes none without either', () => {
    const item: WikidataItem = {
      id: 'Q1',
      terms: [{ language: 'en', aliases: [] }],
      articles: [],
      instanceOf: ['Q5'],
    };
    expect(prefillFromItem(item, 'From the search')).toMatchObject({ name: 'From the search' });
    expect(prefillFromItem(item)).toBeNull();
  });
});

describe('kindOf', () => {
  it('takes the first class it knows, and says other for none', () => {
    expect(kindOf(['Q5'])).toBe('person');
    expect(kindOf(['Q99999999', 'Q515'])).toBe('place');
    expect(kindOf(['Q6256', 'Q43229'])).toBe('place');
    expect(kindOf(['Q7278'])).toBe('organization');
    expect(kindOf(['Q198'])).toBe('topic');
    expect(kindOf([])).toBe('other');
    expect(kindOf(['Q99999999'])).toBe('other');
  });
});

describe('wikiPermissionRequest', () => {
  it('asks for the hosts, and in Firefox for website content too', () => {
    const origins = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'];
    expect(wikiPermissionRequest(false)).toEqual({ origins });
    expect(wikiPermissionRequest(true)).toEqual({ origins, data_collection: ['websiteContent'] });
  });
});
