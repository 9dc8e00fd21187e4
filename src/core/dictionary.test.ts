import { describe, expect, it } from 'vitest';
import { compileDictionary, dictionaryStatus } from './dictionary';
import type { Entity } from './entity';
import { matchPageText } from './page-match';
import { makeEntity } from '../test-setup/fixtures';

const entity = (over: Partial<Entity>): Entity => makeEntity({ kind: 'organization', ...over });

const marked = (entities: Entity[], text: string) => {
  const { matcher, entities: list } = compileDictionary(entities, 1);
  // Matches come as triples: start, end, entity.
  return matchPageText(matcher, list, text).matches.length / 3;
};

describe('case rules per surface form', () => {
  it('without one, 2 to 5 capitals match their exact case only', () => {
    expect(marked([entity({ name: 'NATO' })], 'nato and NATO')).toBe(1);
  });

  it('"any" lets a capitals form match any case', () => {
    expect(marked([entity({ name: 'NATO', matchCase: { NATO: 'any' } })], 'nato and NATO')).toBe(2);
  });

  it('"exact" makes any form case-sensitive, alias by alias', () => {
    const apple = entity({ name: 'Apple Inc.', aliases: ['Apple'], matchCase: { Apple: 'exact' } });
    expect(marked([apple], 'an apple, Apple, and apple inc.')).toBe(2);
  });
});

describe('past the dictionary’s limits', () => {
  // Each entity: one form of 10 folded units. 35 units hold three of them.
  const limits = { units: 35, forms: 100 };
  const ten = (id: string, over: Partial<Entity> = {}) =>
    entity({ id, name: `${id}`.padEnd(10, 'x'), ...over });

  it('leaves out the notes added last, a pack’s before the reader’s own', () => {
    const compiled = compileDictionary(
      [
        ten('packOld', { origin: 'Pack', createdAt: 1 }),
        ten('mineNew', { createdAt: 30 }),
        ten('mineOld', { createdAt: 10 }),
        ten('mineMid', { createdAt: 20 }),
        ten('packNew', { origin: 'Pack', createdAt: 40 }),
      ],
      1,
      limits,
    );
    expect([...compiled.entities].map((e) => e.id)).toEqual(['mineOld', 'mineMid', 'mineNew']);
    expect(compiled.leftOut).toEqual(['packOld', 'packNew']);
    expect(dictionaryStatus(compiled, limits)).toEqual({
      entities: 3,
      forms: 3,
      units: 30,
      limits,
      leftOut: 2,
    });
  });

  it('keeps the given order among notes made together, and gives a shared form to the first', () => {
    const both = [
      entity({ id: 'b', name: 'Ankara', kind: 'place', origin: 'Pack', createdAt: 5 }),
      entity({ id: 'a', name: 'Ankara', kind: 'topic', origin: 'Pack', createdAt: 5 }),
      entity({ id: 'c', name: 'Ankara', kind: 'person', createdAt: 9 }),
    ];
    const { matcher, entities } = compileDictionary(both, 1);
    // The reader's own note comes first and takes the form; then the pack's, as given.
    expect([...entities].map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(matchPageText(matcher, entities, 'in Ankara').entities).toEqual([
      { id: 'c', kind: 'person' },
    ]);
  });
});
