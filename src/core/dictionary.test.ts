import { describe, expect, it } from 'vitest';
import { compileDictionary } from './dictionary';
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
