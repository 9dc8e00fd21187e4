import { describe, expect, it } from 'vitest';
import type { WikiFill } from '../core/wiki-fill';
import { mergeLookup, replacesNote, type LookupFields } from './lookup-merge';

const SOURCE = {
  url: 'https://en.wikipedia.org/wiki/NATO',
  title: 'NATO',
  at: '2026-12-01T10:00:00.000Z',
  license: 'CC BY-SA 4.0',
};
const FILL: WikiFill = {
  prefill: {
    id: 'Q7184',
    name: 'NATO',
    aliases: ['North Atlantic Treaty Organization', 'OTAN'],
    kind: 'organization',
    links: [
      { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/NATO' },
      { title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' },
    ],
    matchCase: { OTAN: 'exact' },
  },
  note: 'Intergovernmental military alliance',
  source: SOURCE,
};
const EMPTY: LookupFields = {
  name: '',
  aliases: [],
  kind: 'person',
  note: '',
  links: [],
  matchCase: {},
  sources: [],
};

describe('mergeLookup', () => {
  it('fills an empty editor: name, aliases, kind, note, links, case rules, the licensed source', () => {
    expect(mergeLookup(EMPTY, FILL, false)).toEqual({
      name: 'NATO',
      aliases: ['North Atlantic Treaty Organization', 'OTAN'],
      kind: 'organization',
      note: 'Intergovernmental military alliance',
      links: FILL.prefill.links,
      matchCase: { OTAN: 'exact' },
      sources: [SOURCE],
    });
  });

  it('keeps a name of the reader’s own, taking the item’s as an alias; merges without duplicates', () => {
    const merged = mergeLookup(
      {
        ...EMPTY,
        name: 'North Atlantic Alliance',
        aliases: ['OTAN', 'Alliance'],
        links: [{ title: 'Mine', url: 'https://en.wikipedia.org/wiki/NATO' }],
      },
      FILL,
      false,
    );
    expect(merged.name).toBe('North Atlantic Alliance');
    expect(merged.aliases).toEqual([
      'OTAN',
      'Alliance',
      'NATO',
      'North Atlantic Treaty Organization',
    ]);
    expect(merged.links.map((l) => l.title)).toEqual(['Mine', 'Wikidata']);
  });

  it('takes the item’s spelling of the same name', () => {
    expect(mergeLookup({ ...EMPTY, name: 'nato ' }, FILL, false).name).toBe('NATO');
  });

  it('keeps the reader’s note (and adds no source for text not taken) unless told to replace it', () => {
    const mine = { ...EMPTY, note: 'My own words.' };
    expect(replacesNote(mine.note, FILL)).toBe(true);
    expect(mergeLookup(mine, FILL, false)).toMatchObject({ note: 'My own words.', sources: [] });
    expect(mergeLookup(mine, FILL, true)).toMatchObject({ note: FILL.note, sources: [SOURCE] });
  });

  it('asks nothing when the fill has no note, and keeps the note', () => {
    const noNote: WikiFill = { prefill: FILL.prefill, noNote: { reason: 'noArticle' } };
    expect(replacesNote('Mine', noNote)).toBe(false);
    expect(mergeLookup({ ...EMPTY, note: 'Mine' }, noNote, true)).toMatchObject({
      note: 'Mine',
      sources: [],
    });
  });

  it('adds the same source once', () => {
    expect(mergeLookup({ ...EMPTY, sources: [SOURCE] }, FILL, false).sources).toEqual([SOURCE]);
  });
});
