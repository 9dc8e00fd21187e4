/**
 * The merge's promises as properties: whatever the reader, the pack and the
 * base hold, the reader's changes survive, the pack's changes arrive where
 * the reader left a field alone, and a conflict stays one until settled.
 * Values come from small sets, so the three versions often agree on a field
 * and every case (only one side changed, both the same, both differently)
 * comes up in each run.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../test-setup/fuzz';
import type { CaseRule, Entity } from './entity';
import type { PackEntity } from './pack';
import { MERGE_FIELDS, type MergeField, type SubEntry } from './subscription';
import {
  baseAfter,
  mergeEntity,
  planUpdate,
  sameFields,
  withFields,
  type UpdatePlan,
} from './subscription-merge';

const NOW = 9_000;
const ORIGIN = 'Pack';

const version: fc.Arbitrary<PackEntity> = fc.record(
  {
    name: fc.constantFrom('A', 'B'),
    aliases: fc.constantFrom([], ['a'], ['a', ' a'], ['b', 'a']),
    kind: fc.constantFrom('person' as const, 'place' as const),
    note: fc.constantFrom('', 'one', 'two'),
    tags: fc.constantFrom([], ['t'], [' t ']),
    links: fc.constantFrom([], [{ title: 'W', url: 'https://w.example/' }]),
    sources: fc.constantFrom(
      [],
      [{ url: 'https://s.example/', title: 'S' }],
      [{ title: 'S', url: 'https://s.example/' }],
    ),
    matchCase: fc.constantFrom<Record<string, CaseRule>>({}, { A: 'exact' }),
    extra: fc.constantFrom(
      { wd: 'Q1' },
      { wd: 'Q2' },
      { n: { b: 1, a: 2 } },
      { n: { a: 2, b: 1 } },
    ),
  },
  { requiredKeys: ['name', 'aliases', 'kind', 'note', 'tags', 'links', 'sources'] },
);

const asMine = (e: PackEntity, id = 'x'): Entity => ({
  ...e,
  id,
  origin: ORIGIN,
  createdAt: 1,
  updatedAt: 2,
});

/** A field as the merge compares it, for a test that does not reuse the merge's own comparison. */
function value(e: PackEntity | Entity, field: MergeField): unknown {
  const v = e[field];
  if (field === 'aliases' || field === 'tags')
    return [...new Set((v as string[]).map((s) => s.trim()).filter(Boolean))];
  return v ?? {};
}
// Deep equality that ignores the order of keys, as the merge must.
const same = (a: PackEntity | Entity, b: PackEntity | Entity, field: MergeField) =>
  isDeepStrictEqual(value(a, field), value(b, field));

const triple = fc.tuple(version, version, version);

describe('mergeEntity, as properties', () => {
  it('keeps every field the reader changed, takes the pack’s where they did not, flags the rest', () => {
    fc.assert(
      fc.property(triple, ([base, mineFields, theirs]) => {
        const mine = asMine(mineFields);
        const { merged, changed, conflicts } = mergeEntity(base, mine, theirs, NOW);
        for (const field of MERGE_FIELDS) {
          const readerChanged = !same(mine, base, field);
          expect(same(merged, readerChanged ? mine : theirs, field)).toBe(true);
          const conflict =
            readerChanged && !same(theirs, base, field) && !same(mine, theirs, field);
          expect(conflicts.includes(field)).toBe(conflict);
        }
        const taken = MERGE_FIELDS.some((f) => same(mine, base, f) && !same(theirs, base, f));
        expect(changed).toBe(taken);
        expect(merged).toMatchObject({ id: 'x', origin: ORIGIN, createdAt: 1 });
        expect(merged.updatedAt).toBe(changed ? NOW : 2);
      }),
      fuzzParams(2101, 300),
    );
  });

  it('asks nothing new at the next update from the same copy: conflicts stay, nothing changes', () => {
    fc.assert(
      fc.property(triple, ([base, mineFields, theirs]) => {
        const first = mergeEntity(base, asMine(mineFields), theirs, NOW);
        const next = baseAfter(base, theirs, first.conflicts);
        const again = mergeEntity(next, first.merged, theirs, NOW + 1);
        expect(again.changed).toBe(false);
        expect(again.conflicts).toEqual(first.conflicts);
      }),
      fuzzParams(2102, 300),
    );
  });

  it('settles a conflict either way: after the reader’s choice the same copy changes nothing', () => {
    fc.assert(
      fc.property(triple, fc.boolean(), ([base, mineFields, theirs], takeTheirs) => {
        const first = mergeEntity(base, asMine(mineFields), theirs, NOW);
        const { conflicts } = first;
        const mine = takeTheirs ? withFields(first.merged, theirs, conflicts) : first.merged;
        const next = withFields(baseAfter(base, theirs, conflicts), theirs, conflicts);
        const again = mergeEntity(next, mine, theirs, NOW + 1);
        expect(again).toMatchObject({ changed: false, conflicts: [] });
        // Taking the pack's version takes it for the conflicting fields only.
        for (const f of MERGE_FIELDS)
          expect(same(mine, first.merged, f)).toBe(!(takeTheirs && conflicts.includes(f)));
      }),
      fuzzParams(2103, 300),
    );
  });
});

/** What the reader did with each note of the pack since the last update. */
const STATES = ['unchanged', 'edited', 'deleted', 'own'] as const;

const scenario = fc.record({
  notes: fc.array(
    fc.record({
      base: version,
      mine: version,
      state: fc.constantFrom(...STATES),
      upstream: fc.constantFrom('same', 'changed', 'removed', 'leftOut'),
      theirs: version,
    }),
    { maxLength: 12 },
  ),
  added: fc.array(fc.tuple(version, fc.boolean()), { maxLength: 4 }),
});

describe('planUpdate, as properties', () => {
  it('never brings back a deleted note, never removes an edited one, and accounts for every entry', () => {
    fc.assert(
      fc.property(scenario, ({ notes, added }) => {
        const entries: SubEntry[] = [];
        const stored = new Map<string, Entity>();
        const incoming: PackEntity[] = [];
        const leftOutIds = new Set<string>();
        notes.forEach((n, i) => {
          const packId = `p${i}`;
          const entityId = `e${i}`;
          entries.push({ subscription: 's', packId, entityId, base: { ...n.base, id: packId } });
          if (n.state !== 'deleted') {
            const fields = n.state === 'edited' ? n.mine : n.base;
            stored.set(entityId, {
              ...asMine(fields, entityId),
              origin: n.state === 'own' ? 'local' : ORIGIN,
            });
          }
          if (n.upstream === 'same') incoming.push({ ...n.base, id: packId });
          if (n.upstream === 'changed') incoming.push({ ...n.theirs, id: packId });
          if (n.upstream === 'leftOut') leftOutIds.add(packId);
        });
        // New upstream; some collide with another note's id, or with one an entry points at.
        const takenIds = new Set<string>();
        added.forEach(([fields, collides], i) => {
          const id = collides ? (i % 2 ? `other${i}` : `e${i}`) : `n${i}`;
          if (collides && i % 2) takenIds.add(id);
          incoming.push({ ...fields, id });
        });
        let fresh = 0;
        const plan: UpdatePlan = planUpdate({
          subscription: 's',
          origin: ORIGIN,
          now: NOW,
          entries,
          stored,
          incoming,
          leftOutIds,
          takenIds,
          newId: () => `fresh${fresh++}`,
        });

        const entryIds = new Set(entries.map((e) => e.entityId));
        // New notes take no id in use, and each its own.
        const addIds = plan.add.map((e) => e.id);
        expect(new Set(addIds).size).toBe(addIds.length);
        for (const id of addIds) expect(takenIds.has(id) || entryIds.has(id)).toBe(false);
        // A deleted note is not written again; only stored notes are changed.
        for (const e of [...plan.put, ...plan.keptAsOwn]) expect(stored.has(e.id)).toBe(true);
        // Only the pack's notes, as the pack last gave them, go to the trash.
        notes.forEach((n, i) => {
          const gone = plan.remove.some((e) => e.id === `e${i}`);
          const removable = n.state !== 'deleted' && n.upstream === 'removed';
          const untouched =
            n.state === 'unchanged' || (n.state === 'edited' && sameFields(n.mine, n.base));
          expect(gone).toBe(removable && untouched);
          const kept = plan.keptAsOwn.some((e) => e.id === `e${i}`);
          expect(kept).toBe(removable && !untouched);
        });
        for (const e of plan.keptAsOwn) expect(e.origin).toBe('local');
        // Every entry is kept or dropped, once; every incoming entity has one.
        const after = plan.entries.map((e) => e.packId);
        const dropped = plan.droppedEntries.map(([, packId]) => packId);
        expect(new Set([...after, ...dropped]).size).toBe(after.length + dropped.length);
        for (const e of incoming) expect(after).toContain(e.id);
        for (const e of entries) expect([...after, ...dropped]).toContain(e.packId);
        expect(plan.conflicts).toBe(plan.entries.filter((e) => e.conflict).length);
        expect(plan.removedCount).toBe(plan.remove.length + plan.keptAsOwn.length);
        expect(plan.put.length).toBe(plan.replaced.length);
      }),
      fuzzParams(2104, 300),
    );
  });
});
