import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import { queryWords, SearchIndex } from './search';
import { makeEntity } from '../test-setup/fixtures';

const entity = (id: string, over: Partial<Entity> = {}): Entity =>
  makeEntity({ id, name: id, ...over });

const index = () =>
  new SearchIndex([
    entity('a', { name: 'Hulusi Akar', aliases: ['Akar'], tags: ['turkey', 'defence'] }),
    entity('b', { name: 'Benny Gantz', note: 'Israeli **defence** minister', updatedAt: 5 }),
    entity('c', { name: 'Çakır', kind: 'place', origin: 'pack-1', updatedAt: 9 }),
    entity('d', { name: 'weapon sales', kind: 'topic', tags: ['Defence'], updatedAt: 1 }),
  ]);

describe('SearchIndex', () => {
  it('finds words in names, aliases, notes and tags, folded', () => {
    const i = index();
    expect(i.query({ text: 'defence', sort: 'name' })).toEqual(['b', 'a', 'd']);
    expect(i.query({ text: 'cakir', sort: 'name' })).toEqual(['c']);
    expect(i.query({ text: 'AKAR', sort: 'name' })).toEqual(['a']);
  });

  it('needs every word, in any order; quotes keep a phrase', () => {
    const i = index();
    expect(i.query({ text: 'minister benny', sort: 'name' })).toEqual(['b']);
    expect(i.query({ text: '"gantz benny"', sort: 'name' })).toEqual([]);
    expect(i.query({ text: '"benny gantz"', sort: 'name' })).toEqual(['b']);
  });

  it('filters by kind, tag (any case) and origin', () => {
    const i = index();
    expect(i.query({ text: '', kind: 'place', sort: 'name' })).toEqual(['c']);
    expect(i.query({ text: '', tag: 'defence', sort: 'name' })).toEqual(['a', 'd']);
    expect(i.query({ text: '', origin: 'pack-1', sort: 'name' })).toEqual(['c']);
  });

  it('sorts by name (ignoring case and accents) or by last change, newest first', () => {
    const i = index();
    expect(i.query({ text: '', sort: 'name' })).toEqual(['b', 'c', 'a', 'd']);
    expect(i.query({ text: '', sort: 'updated' })).toEqual(['c', 'b', 'd', 'a']);
  });

  it('follows edits and deletions', () => {
    const i = index();
    i.upsert(entity('b', { name: 'Benny Gantz', note: 'former chief of staff' }));
    expect(i.query({ text: 'defence', sort: 'name' })).toEqual(['a', 'd']);
    i.remove('a');
    expect(i.query({ text: '', sort: 'name' })).toEqual(['b', 'c', 'd']);
    expect(i.size).toBe(3);
  });

  it('counts tags and lists origins', () => {
    expect(index().facets()).toEqual({
      tags: [
        { tag: 'defence', count: 1 },
        { tag: 'Defence', count: 1 },
        { tag: 'turkey', count: 1 },
      ],
      origins: ['local', 'pack-1'],
    });
  });

  it('finds an entity by any word of its name, whatever else is there', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{2,8}$/), { minLength: 1, maxLength: 4 }),
        fc.nat(3),
        (words, pick) => {
          const i = new SearchIndex([
            entity('x', { name: words.join(' ') }),
            entity('y', { name: 'unrelated' }),
          ]);
          const word = words[pick % words.length]!;
          expect(i.query({ text: word.toUpperCase(), sort: 'name' })).toContain('x');
        },
      ),
    );
  });
});

describe('nameables', () => {
  it('gives what the matcher needs, in the database’s name order', () => {
    const i = index();
    i.upsert(
      entity('z', {
        name: 'NATO',
        aliases: ['North Atlantic Treaty Organization'],
        matchCase: { NATO: 'any' },
      }),
    );
    expect(i.nameables().map((e) => [e.id, e.name])).toEqual([
      ['b', 'Benny Gantz'],
      ['a', 'Hulusi Akar'],
      ['z', 'NATO'],
      ['d', 'weapon sales'],
      ['c', 'Çakır'],
    ]);
    expect(i.nameables()[2]).toMatchObject({
      aliases: ['North Atlantic Treaty Organization'],
      matchCase: { NATO: 'any' },
    });
  });
});

describe('queryWords', () => {
  it('folds words and keeps quoted phrases', () => {
    expect(queryWords('  Çakır "Benny  Gantz" ')).toEqual(['cakir', 'benny gantz']);
  });
});
