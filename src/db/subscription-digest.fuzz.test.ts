/**
 * The digest's promise as a property: an update that reads only what the
 * pack changed (core/subscription-digest.ts) leaves the database exactly as
 * one that reads every entry and note. Two databases live through the same
 * story (the pack changes, the reader edits, deletes and settles
 * conflicts); before each update the second's digest is spoilt, so it
 * matches nothing and everything is read. Values come from small sets, so a
 * pack often repeats a version and the digest has something to skip.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackEntity } from '../core/pack';
import { fieldText } from '../core/subscription-merge';
import { MERGE_FIELDS } from '../core/subscription';
import { fuzzParams } from '../test-setup/fuzz';
import { fetchedCopy, makeSubscription, readerEdits } from '../test-setup/subscriptions';
import { deleteEntities } from './bulk';
import { openDb, type BackstoryDb } from './schema';
import { applyUpdate, resolveConflict, subscribe, type UpdateResult } from './subscriptions';

const IDS = ['a', 'b', 'c'] as const;

const version = (id: string): fc.Arbitrary<PackEntity> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id.toUpperCase()),
    aliases: fc.constant<string[]>([]),
    kind: fc.constant('person' as const),
    note: fc.constantFrom('', 'one', 'two'),
    tags: fc.constant<string[]>([]),
    links: fc.constant<PackEntity['links']>([]),
    sources: fc.constant<PackEntity['sources']>([]),
    // Not merged: a pack that changes only this changes no note.
    updatedAt: fc.constantFrom(1, 2),
  });

const pack: fc.Arbitrary<PackEntity[]> = fc
  .subarray([...IDS], { minLength: 1 })
  .chain((ids) => fc.tuple(...ids.map(version)));

type Step =
  | { kind: 'update'; entities: PackEntity[] }
  | { kind: 'edit'; id: string; note: string }
  | { kind: 'delete'; id: string }
  | { kind: 'resolve'; id: string; take: 'mine' | 'theirs' };

const step: fc.Arbitrary<Step> = fc.oneof(
  pack.map((entities) => ({ kind: 'update' as const, entities })),
  fc.record({
    kind: fc.constant('edit' as const),
    id: fc.constantFrom(...IDS),
    note: fc.constantFrom('mine', 'one'),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
  fc.record({
    kind: fc.constant('resolve' as const),
    id: fc.constantFrom(...IDS),
    take: fc.constantFrom('mine' as const, 'theirs' as const),
  }),
);

let dbCount = 0;
const opened: BackstoryDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
  vi.restoreAllMocks();
});

/** What an update leaves, with ids and batches as they are (the story makes them the same). */
async function state(db: BackstoryDb) {
  const entries = await db.subEntries.toArray();
  return {
    entities: await db.entities.toArray(),
    entries: entries.map(({ base, ...rest }) => ({
      ...rest,
      // A base's own times are not merged, and an untouched entry keeps the older ones.
      base: MERGE_FIELDS.map((field) => fieldText(base, field)),
    })),
    trash: (await db.trash.toArray()).map(({ seq: _seq, ...row }) => row),
    history: (await db.history.toArray()).map(({ seq: _seq, ...row }) => row),
    subscriptions: await db.subscriptions.toArray(),
  };
}

/** A result as compared: `unchanged` counts differently when notes were not read (see UpdateResult). */
const comparable = (r: UpdateResult) => {
  if (r.kind !== 'applied') return r;
  const { unchanged: _u, ...rest } = r;
  return rest;
};

async function live(initial: PackEntity[], steps: Step[], readAll: boolean) {
  let uuid = 0;
  vi.spyOn(crypto, 'randomUUID').mockImplementation(
    () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}` as const,
  );
  const db = openDb(`digest-${dbCount++}`);
  opened.push(db);
  await db.open();
  await subscribe(db, { subscription: makeSubscription(), entities: initial, now: 1_000 });
  const results: unknown[] = [];
  let now = 2_000;
  for (const s of steps) {
    now += 1_000;
    if (s.kind === 'update') {
      if (readAll) {
        const row = (await db.subDigests.get('s1'))!;
        await db.subDigests.put({
          ...row,
          hashes: new Map([...row.hashes.keys()].map((k) => [k, -1])),
        });
      }
      const result = await applyUpdate(db, 's1', fetchedCopy(s.entities), {
        now,
        nextCheck: now + 1,
        force: true,
      });
      results.push(comparable(result));
    } else if (s.kind === 'resolve') {
      results.push(await resolveConflict(db, 's1', s.id, s.take, now));
    } else {
      const entry = (await db.subEntries.toArray()).find((e) => e.packId === s.id);
      const note = entry && (await db.entities.get(entry.entityId));
      if (!note) continue;
      if (s.kind === 'delete') await deleteEntities(db, [note.id], now);
      else await readerEdits(db, note.id, { note: s.note }, now);
    }
  }
  return { results, state: await state(db) };
}

describe('an update read through the digest', () => {
  it('leaves the database as an update that reads every entry', async () => {
    await fc.assert(
      fc.asyncProperty(
        pack,
        fc.array(step, { minLength: 1, maxLength: 10 }),
        async (initial, steps) => {
          const quick = await live(initial, steps, false);
          const full = await live(initial, steps, true);
          expect(quick).toEqual(full);
        },
      ),
      fuzzParams(2301, 150),
    );
  });
});
