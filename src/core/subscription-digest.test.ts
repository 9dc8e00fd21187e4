import { describe, expect, it } from 'vitest';
import { makePackEntity } from '../test-setup/fixtures';
import { fieldsDigest, triage } from './subscription-digest';

const v = (id: string, note = '') => makePackEntity(id.toUpperCase(), { id, note });

describe('fieldsDigest', () => {
  it('is the same for the same fields, and differs for a changed field', () => {
    const a = v('a', 'one');
    expect(fieldsDigest(structuredClone(a))).toBe(fieldsDigest(a));
    // Times and ids are not merged.
    expect(fieldsDigest({ ...a, updatedAt: 5, id: 'z' })).toBe(fieldsDigest(a));
    expect(fieldsDigest(v('a', 'two'))).not.toBe(fieldsDigest(a));
    expect(fieldsDigest({ ...a, matchCase: { A: 'exact' } })).not.toBe(fieldsDigest(a));
  });
});

describe('triage', () => {
  const digest = new Map([
    ['a', fieldsDigest(v('a'))],
    ['b', fieldsDigest(v('b'))],
    ['c', fieldsDigest(v('c'))],
    ['d', fieldsDigest(v('d'))],
  ]);

  it('skips what equals its base, and reads the changed, the removed and the marked', () => {
    const incoming = [v('a'), v('b', 'changed'), v('c'), v('e')];
    const sorted = triage(digest, new Set(['c']), incoming);
    expect(sorted.untouched).toBe(1);
    expect(sorted.changed.map((e) => e.id)).toEqual(['b', 'c', 'e']);
    // e is new: no entry to read; d is gone upstream.
    expect(sorted.read).toEqual(['b', 'c', 'd']);
  });

  it('refuses an entity without an id', () => {
    const { id: _id, ...anonymous } = v('a');
    expect(() => triage(digest, new Set(), [anonymous])).toThrow(/no id/);
  });
});
