import { describe, expect, it } from 'vitest';
import { makeEntity, makePackEntity } from '../test-setup/fixtures';
import type { Entity } from './entity';
import type { PackEntity } from './pack';
import type { SubEntry } from './subscription';
import {
  baseAfter,
  isDrastic,
  mergeEntity,
  planUpdate,
  type UpdateInput,
} from './subscription-merge';

const NOW = 5_000;
const ORIGIN = 'Team pack';

const base = makePackEntity('Hulusi Akar', { id: 'akar', note: 'Minister', tags: ['turkey'] });
/** The reader's copy of `base`, as a subscription stored it. */
const mine = (over: Partial<Entity> = {}): Entity =>
  makeEntity({ ...base, id: 'akar', origin: ORIGIN, createdAt: 1, updatedAt: 2, ...over });
const theirs = (over: Partial<PackEntity> = {}): PackEntity => ({ ...base, ...over });

describe('mergeEntity', () => {
  it('takes the pack’s change of a field the reader left alone', () => {
    const merge = mergeEntity(base, mine(), theirs({ note: 'Former minister' }), NOW);
    expect(merge).toMatchObject({ changed: true, conflicts: [] });
    expect(merge.merged).toMatchObject({ note: 'Former minister', updatedAt: NOW, createdAt: 1 });
  });

  it('keeps a field only the reader changed, while taking another the pack changed', () => {
    const merge = mergeEntity(base, mine({ tags: ['nato'] }), theirs({ note: 'Former' }), NOW);
    expect(merge.merged).toMatchObject({ tags: ['nato'], note: 'Former', origin: ORIGIN });
    expect(merge.conflicts).toEqual([]);
  });

  it('keeps the reader’s value where both changed a field differently, and says so', () => {
    const merge = mergeEntity(base, mine({ note: 'Mine' }), theirs({ note: 'Theirs' }), NOW);
    expect(merge).toMatchObject({ changed: false, conflicts: ['note'] });
    expect(merge.merged).toEqual(mine({ note: 'Mine' }));
  });

  it('sees no conflict where both made the same change', () => {
    const merge = mergeEntity(base, mine({ note: 'Same' }), theirs({ note: 'Same' }), NOW);
    expect(merge).toMatchObject({ changed: false, conflicts: [] });
  });

  it('compares structure, lists as stored, and no case rules as none', () => {
    const source = { url: 'https://example.org/', title: 'T' };
    const stored = mine({ aliases: ['Akar'], sources: [source], matchCase: {} });
    const given = theirs({
      aliases: [' Akar', 'Akar'],
      sources: [{ title: 'T', url: 'https://example.org/' }],
    });
    expect(mergeEntity({ ...base, aliases: ['Akar'] }, stored, given, NOW).changed).toBe(false);
    // The control: a real difference in the same fields is taken.
    const other = mergeEntity(base, mine(), theirs({ aliases: ['Akar', 'H. Akar'] }), NOW);
    expect(other.merged.aliases).toEqual(['Akar', 'H. Akar']);
  });

  it('leaves case rules and unknown fields out when the pack drops them', () => {
    const before = { ...base, matchCase: { AKAR: 'exact' as const }, extra: { wd: 'Q1' } };
    const merge = mergeEntity(
      before,
      mine({ matchCase: before.matchCase, extra: before.extra }),
      base,
      NOW,
    );
    expect(merge.changed).toBe(true);
    expect('matchCase' in merge.merged || 'extra' in merge.merged).toBe(false);
  });
});

describe('baseAfter', () => {
  it('follows the pack but for the fields in conflict', () => {
    const next = baseAfter(base, theirs({ name: 'H. Akar', note: 'Theirs' }), ['note']);
    expect(next).toMatchObject({ name: 'H. Akar', note: 'Minister' });
  });
});

const entry = (packId: string, b: PackEntity, entityId = packId): SubEntry => ({
  subscription: 's',
  packId,
  entityId,
  base: b,
});

function input(over: Partial<UpdateInput>): UpdateInput {
  let n = 0;
  return {
    subscription: 's',
    origin: ORIGIN,
    now: NOW,
    entries: [],
    stored: new Map(),
    incoming: [],
    leftOutIds: new Set(),
    takenIds: new Set(),
    newId: () => `new-${n++}`,
    ...over,
  };
}

describe('planUpdate', () => {
  const a = makePackEntity('A', { id: 'a' });
  const b = makePackEntity('B', { id: 'b' });
  const stored = (e: PackEntity, over: Partial<Entity> = {}) =>
    makeEntity({ ...e, id: e.id!, origin: ORIGIN, ...over });

  it('adds what is new upstream, under a fresh id where the pack’s is taken', () => {
    const plan = planUpdate(input({ incoming: [a, b], takenIds: new Set(['b']) }));
    expect(plan.add.map((e) => [e.id, e.origin, e.createdAt])).toEqual([
      ['a', ORIGIN, NOW],
      ['new-0', ORIGIN, NOW],
    ]);
    expect(plan.entries.map((e) => [e.packId, e.entityId])).toEqual([
      ['a', 'a'],
      ['b', 'new-0'],
    ]);
  });

  it('does not bring back a note the reader deleted, and forgets it once the pack does', () => {
    const changed = { ...a, note: 'new' };
    const plan = planUpdate(input({ entries: [entry('a', a)], incoming: [changed] }));
    expect([plan.add, plan.put]).toEqual([[], []]);
    expect(plan.entries).toEqual([entry('a', changed)]);
    const gone = planUpdate(input({ entries: [entry('a', a)], incoming: [] }));
    expect([gone.entries, gone.droppedEntries, gone.remove]).toEqual([[], [['s', 'a']], []]);
  });

  it('removes the pack’s unchanged notes and keeps the changed ones as the reader’s', () => {
    const plan = planUpdate(
      input({
        entries: [entry('a', a), entry('b', b)],
        stored: new Map([
          ['a', stored(a)],
          ['b', stored(b, { note: 'mine' })],
        ]),
      }),
    );
    expect(plan.remove.map((e) => e.id)).toEqual(['a']);
    expect(plan.keptAsOwn.map((e) => [e.id, e.origin, e.note])).toEqual([['b', 'local', 'mine']]);
    expect(plan.removedCount).toBe(2);
  });

  it('keeps a note the reader made their own, even unchanged, and leaves other packs’ alone', () => {
    const plan = planUpdate(
      input({
        entries: [entry('a', a), entry('b', b)],
        stored: new Map([
          ['a', stored(a, { origin: 'local' })],
          ['b', stored(b, { origin: 'Other pack' })],
        ]),
      }),
    );
    expect(plan.keptAsOwn.map((e) => e.id)).toEqual(['a']);
    expect(plan.remove).toEqual([]);
    expect(plan.droppedEntries).toHaveLength(2);
  });

  it('keeps the entries and notes of entries left out for being invalid', () => {
    const plan = planUpdate(
      input({
        entries: [entry('a', a), entry('b', b)],
        stored: new Map([
          ['a', stored(a)],
          ['b', stored(b)],
        ]),
        leftOutIds: new Set(['a']),
      }),
    );
    expect(plan.remove.map((e) => e.id)).toEqual(['b']);
    expect(plan.entries.map((e) => e.packId)).toEqual(['a']);
  });

  it('keeps a conflict, and its time, until the pack or the reader settles it', () => {
    const first = planUpdate(
      input({
        entries: [entry('a', a)],
        stored: new Map([['a', stored(a, { note: 'mine' })]]),
        incoming: [{ ...a, note: 'theirs' }],
      }),
    );
    expect(first.entries[0]!.conflict).toEqual({
      theirs: { ...a, note: 'theirs' },
      fields: ['note'],
      at: NOW,
    });
    expect(first.conflicts).toBe(1);
    const again = planUpdate(
      input({
        now: NOW + 1,
        entries: first.entries,
        stored: new Map([['a', stored(a, { note: 'mine' })]]),
        incoming: [{ ...a, note: 'theirs' }],
      }),
    );
    // Nothing new: the very entry comes back, so nothing is written.
    expect(again.entries[0]).toBe(first.entries[0]);
    const settled = planUpdate(
      input({
        entries: first.entries,
        stored: new Map([['a', stored(a, { note: 'mine' })]]),
        incoming: [a],
      }),
    );
    expect(settled.entries[0]!.conflict).toBeUndefined();
    expect(settled.conflicts).toBe(0);
  });

  it('counts unchanged notes and hands back unchanged entries as they were', () => {
    const entries = [entry('a', a)];
    const plan = planUpdate(input({ entries, stored: new Map([['a', stored(a)]]), incoming: [a] }));
    expect(plan).toMatchObject({ unchanged: 1, put: [], add: [] });
    expect(plan.entries[0]).toBe(entries[0]);
  });
});

describe('isDrastic', () => {
  it('holds an update that removes more than half, or everything', () => {
    expect(isDrastic(6, 10, 4)).toBe(true);
    expect(isDrastic(5, 10, 5)).toBe(false);
    expect(isDrastic(0, 10, 0)).toBe(true);
    expect(isDrastic(0, 0, 0)).toBe(false);
  });
});
