/**
 * Refresh from Wikipedia, apart from any page (wiki-refresh.ts): which
 * article a note came from, the plan against the editor's fields, and the
 * fields once the reader takes some or all of it.
 */
import { describe, expect, it } from 'vitest';
import { sideOf } from './text-diff';
import type { WikiRefreshed } from './wiki-fill';
import {
  applyRefresh,
  defaultParts,
  planParts,
  planRefresh,
  refreshTarget,
  type RefreshFields,
} from './wiki-refresh';

const OLD_SOURCE = {
  url: 'https://en.wikipedia.org/wiki/NATO',
  title: 'NATO',
  at: '2026-11-01T10:00:00.000Z',
  license: 'CC BY-SA 4.0',
};
const NEW_SOURCE = { ...OLD_SOURCE, at: '2026-12-03T09:00:00.000Z' };
const LINKS = [
  { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/NATO' },
  { title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' },
];
const FIELDS: RefreshFields = {
  name: 'NATO',
  aliases: ['North Atlantic Treaty Organization', 'Nato'],
  kind: 'organization',
  note: 'NATO is a military alliance of 31 states.',
  links: LINKS,
  sources: [{ url: 'https://example.org/story', title: 'A story' }, OLD_SOURCE],
  matchCase: {},
};
const NOW: WikiRefreshed = {
  note: 'NATO is a military alliance of 32 states.',
  source: NEW_SOURCE,
  prefill: {
    id: 'Q7184',
    name: 'NATO',
    aliases: ['North Atlantic Treaty Organization', 'Nato', 'ORGANISATIONX'],
    kind: 'organization',
    matchCase: { ORGANISATIONX: 'exact' },
    links: LINKS,
  },
};
const TARGET = { item: 'Q7184', sourceUrl: OLD_SOURCE.url };

describe('refreshTarget', () => {
  it('names the article of the note’s last Wikipedia source, and the item its links name', () => {
    expect(refreshTarget(FIELDS)).toEqual({
      article: { language: 'en', title: 'NATO' },
      item: 'Q7184',
      sourceUrl: OLD_SOURCE.url,
    });
    const de = { ...OLD_SOURCE, url: 'https://de.wikipedia.org/wiki/K%C3%B6ln:_Stadt,_Land' };
    expect(refreshTarget({ links: [], sources: [OLD_SOURCE, de] })).toEqual({
      article: { language: 'de', title: 'Köln: Stadt, Land' },
      sourceUrl: de.url,
    });
  });

  it('reads the title from the source when its address has none', () => {
    const source = { ...OLD_SOURCE, url: 'https://en.wikipedia.org/?curid=21133' };
    expect(refreshTarget({ links: [], sources: [source] })?.article.title).toBe('NATO');
  });

  it('is none for a note without a licensed Wikipedia source, or from a Wikipedia it cannot name', () => {
    const none = (sources: RefreshFields['sources']) => refreshTarget({ links: LINKS, sources });
    expect(none([])).toBeNull();
    expect(none([{ ...OLD_SOURCE, license: undefined }])).toBeNull();
    expect(none([{ ...OLD_SOURCE, url: 'https://en.wikipedia.org.evil.example/wiki/NATO' }])).toBe(
      null,
    );
    expect(none([{ ...OLD_SOURCE, url: 'http://en.wikipedia.org/wiki/NATO' }])).toBeNull();
    expect(none([{ ...OLD_SOURCE, url: 'https://simple.wikipedia.org/wiki/NATO' }])).toBeNull();
    expect(none([{ ...OLD_SOURCE, url: 'https://zh-min-nan.wikipedia.org/wiki/NATO' }])).toBe(null);
    // A title that would climb out of the summary's address.
    for (const path of ['a%2F..', '..%2Fapi', '.%2F'])
      expect(none([{ ...OLD_SOURCE, url: `https://en.wikipedia.org/wiki/${path}` }])).toBeNull();
    expect(none([{ ...OLD_SOURCE, url: 'https://en.wikipedia.org/?curid=1', title: '..' }])).toBe(
      null,
    );
    // A link that is not an item's page names no item.
    const links = [{ title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Property:P31' }];
    expect(refreshTarget({ links, sources: [OLD_SOURCE] })?.item).toBeUndefined();
  });
});

describe('planRefresh', () => {
  it('has no part when nothing changed', () => {
    const same = {
      ...NOW,
      note: FIELDS.note,
      prefill: { ...NOW.prefill!, aliases: FIELDS.aliases },
    };
    expect(planParts(planRefresh(FIELDS, TARGET, same))).toEqual([]);
    // White space at the ends is no change either.
    expect(planParts(planRefresh(FIELDS, TARGET, { ...same, note: `\n${FIELDS.note} ` }))).toEqual(
      [],
    );
  });

  it('shows the reader’s note against Wikipedia’s text now, word by word', () => {
    const plan = planRefresh(FIELDS, TARGET, NOW);
    expect(plan.note?.diff.segments.filter((s) => s.op !== 'same')).toEqual([
      { op: 'removed', text: '31' },
      { op: 'added', text: '32' },
    ]);
    expect(sideOf(plan.note!.diff.segments, 'before')).toBe(FIELDS.note);
    expect(sideOf(plan.note!.diff.segments, 'after')).toBe(NOW.note);
  });

  it('lists the names to add, and the note’s names the item does not list, apart', () => {
    const fields = { ...FIELDS, aliases: ['Nato', 'the Alliance'] };
    const plan = planRefresh(fields, TARGET, NOW);
    expect(plan.aliasesAdd).toEqual(['North Atlantic Treaty Organization', 'ORGANISATIONX']);
    expect(plan.aliasesRemove).toEqual(['the Alliance']);
    expect(plan.matchCase).toEqual({ ORGANISATIONX: 'exact' });
    // Taking the names removed is the reader's choice: they may be their own.
    expect([...defaultParts(plan)]).toEqual(['note', 'aliasesAdd']);
  });

  it('proposes the item’s kind, unless its class is one the table does not know', () => {
    const person = { ...FIELDS, kind: 'person' as const };
    expect(planRefresh(person, TARGET, NOW).kind).toEqual({ from: 'person', to: 'organization' });
    const other = { ...NOW, prefill: { ...NOW.prefill!, kind: 'other' as const } };
    expect(planRefresh(person, TARGET, other).kind).toBeUndefined();
  });

  it('moves the links of an article renamed and of an item merged into another', () => {
    const moved: WikiRefreshed = {
      ...NOW,
      source: { ...NEW_SOURCE, url: 'https://en.wikipedia.org/wiki/North_Atlantic_Alliance' },
      prefill: {
        ...NOW.prefill!,
        id: 'Q1',
        links: [
          { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/North_Atlantic_Alliance' },
          { title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q1' },
        ],
      },
    };
    const plan = planRefresh(FIELDS, TARGET, moved);
    expect(plan.links).toEqual({ add: moved.prefill!.links, remove: LINKS });
    const fields = applyRefresh(FIELDS, plan, defaultParts(plan));
    expect(fields.links).toEqual(moved.prefill!.links);
    expect(fields.sources).toEqual([FIELDS.sources[0], moved.source]);
  });

  it('without the item, changes the note and a moved article’s link only', () => {
    const noItem = {
      note: NOW.note,
      source: { ...NEW_SOURCE, url: 'https://en.wikipedia.org/wiki/N' },
    };
    const plan = planRefresh(FIELDS, { sourceUrl: OLD_SOURCE.url }, noItem);
    expect(planParts(plan)).toEqual(['note', 'links']);
    expect(plan.links).toEqual({
      add: [{ title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/N' }],
      remove: [LINKS[0]],
    });
    // A note that did not link the article gets no link.
    const unlinked = { ...FIELDS, links: [] };
    expect(planParts(planRefresh(unlinked, { sourceUrl: OLD_SOURCE.url }, noItem))).toEqual([
      'note',
    ]);
  });
});

describe('applyRefresh', () => {
  it('takes the note with the source taken now: its licence, the new moment, in its place', () => {
    const plan = planRefresh(FIELDS, TARGET, NOW);
    const fields = applyRefresh(FIELDS, plan, new Set(['note']));
    expect(fields.note).toBe(NOW.note);
    expect(fields.sources).toEqual([FIELDS.sources[0], NEW_SOURCE]);
    expect(fields.sources[1]?.license).toBe('CC BY-SA 4.0');
    expect(fields.aliases).toEqual(FIELDS.aliases);
  });

  it('changes nothing when nothing is taken (Decline)', () => {
    const plan = planRefresh({ ...FIELDS, kind: 'person', aliases: ['x'] }, TARGET, NOW);
    expect(applyRefresh(FIELDS, plan, new Set())).toEqual(FIELDS);
  });

  it('takes each part alone: names added with their case rules, names removed, the kind', () => {
    const fields = {
      ...FIELDS,
      kind: 'topic' as const,
      aliases: ['Nato', 'mine'],
      matchCase: { mine: 'exact' as const },
    };
    const plan = planRefresh(fields, TARGET, NOW);
    const added = applyRefresh(fields, plan, new Set(['aliasesAdd']));
    expect(added.aliases).toEqual([
      'Nato',
      'mine',
      'North Atlantic Treaty Organization',
      'ORGANISATIONX',
    ]);
    expect(added.matchCase).toEqual({ mine: 'exact', ORGANISATIONX: 'exact' });
    expect(added.note).toBe(fields.note);
    expect(added.sources).toBe(fields.sources);
    const removed = applyRefresh(fields, plan, new Set(['aliasesRemove']));
    expect(removed.aliases).toEqual(['Nato']);
    expect(removed.matchCase).toEqual({});
    expect(applyRefresh(fields, plan, new Set(['kind'])).kind).toBe('organization');
  });

  it('adds the source taken now when the one it came from was removed meanwhile', () => {
    const plan = planRefresh(FIELDS, TARGET, NOW);
    const without = { ...FIELDS, sources: [] };
    expect(applyRefresh(without, plan, new Set(['note'])).sources).toEqual([NEW_SOURCE]);
  });
});
