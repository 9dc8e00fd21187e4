import { beforeEach, describe, expect, it } from 'vitest';
import type { PackEntity } from '../core/pack';
import { useFreshDb } from '../test-setup/fixtures';
import {
  fetchedCopy,
  makeSubscription,
  packNote as note,
  readerEdits,
  SUB_URL,
} from '../test-setup/subscriptions';
import { restoreBatch } from './bulk';
import { saveEntity } from './entities';
import { listHistory } from './history';
import type { BackstoryDb } from './schema';
import {
  AlreadySubscribedError,
  applyUpdate,
  listConflicts,
  listSubscriptions,
  recordCheck,
  resolveConflict,
  setPaused,
  subscribe,
  unsubscribe,
} from './subscriptions';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const subscribed = (entities: PackEntity[], id = 's1', url = SUB_URL, origin = 'Team') =>
  subscribe(db, { subscription: makeSubscription({ id, url, origin }), entities, now: 1_000 });
const update = (entities: PackEntity[], now = 2_000) =>
  applyUpdate(db, 's1', fetchedCopy(entities), { now, nextCheck: 9_000 });

describe('subscribe', () => {
  it('imports the pack and records, per entity, the copy fetched and the note it became', async () => {
    const mine = await saveEntity(db, {
      name: 'B',
      aliases: [],
      kind: 'person',
      note: 'mine',
      tags: [],
    });
    const result = await subscribed([
      note('a', { tags: [' x', 'x'] }),
      note('b', { note: 'theirs' }),
    ]);
    expect(result.ids).toEqual(['a', mine.id]);
    expect(await db.entities.get('a')).toMatchObject({ origin: 'Team', tags: ['x'] });
    // The reader's own note is met, not overwritten.
    expect((await db.entities.get(mine.id))?.note).toBe('mine');
    expect(await db.subEntries.toArray()).toEqual([
      { subscription: 's1', packId: 'a', entityId: 'a', base: note('a', { tags: [' x', 'x'] }) },
      { subscription: 's1', packId: 'b', entityId: mine.id, base: note('b', { note: 'theirs' }) },
    ]);
    expect(await db.subscriptions.get('s1')).toEqual(makeSubscription());
  });

  it('refuses a URL already subscribed to, writing nothing', async () => {
    await subscribed([note('a')]);
    await expect(subscribed([note('b')], 's2')).rejects.toThrow(AlreadySubscribedError);
    expect(await db.entities.get('b')).toBeUndefined();
    expect(await db.subscriptions.count()).toBe(1);
    // The control: another URL is taken.
    await subscribed([note('b')], 's2', 'https://other.example/pack.json', 'Other');
    expect(await db.subscriptions.count()).toBe(2);
  });

  it('refuses entities without ids', async () => {
    await expect(subscribed([note('a'), { ...note('b'), id: undefined }])).rejects.toThrow(/id/);
    expect(await db.entities.count()).toBe(0);
  });
});

describe('the record of each check', () => {
  it('records a failure and clears it, touching no note', async () => {
    await subscribed([note('a')]);
    const before = await db.entities.toArray();
    const failure = { lastError: { error: { code: 'network' as const }, at: 5 }, failures: 1 };
    expect(await recordCheck(db, 's1', { ...failure, failingSince: 5, lastCheck: 5 })).toBe(true);
    expect(await db.subscriptions.get('s1')).toMatchObject({ ...failure, failingSince: 5 });
    await recordCheck(db, 's1', {
      lastError: undefined,
      failingSince: undefined,
      failures: 0,
      lastSuccess: 6,
    });
    const sub = await db.subscriptions.get('s1');
    expect(sub && ['lastError' in sub, 'failingSince' in sub, sub.lastSuccess]).toEqual([
      false,
      false,
      6,
    ]);
    expect(await db.entities.toArray()).toEqual(before);
    expect(await recordCheck(db, 'gone', { lastCheck: 7 })).toBe(false);
  });

  it('pauses and resumes', async () => {
    await subscribed([note('a')]);
    await setPaused(db, 's1', true);
    expect((await db.subscriptions.get('s1'))?.paused).toBe(true);
    await setPaused(db, 's1', false);
    expect((await db.subscriptions.get('s1'))?.paused).toBe(false);
  });
});

describe('conflicts', () => {
  beforeEach(async () => {
    await subscribed([note('a', { note: 'v1', tags: ['t'] }), note('b')]);
    await readerEdits(db, 'a', { note: 'mine', tags: ['mine'] });
    await update([note('a', { note: 'v2', tags: ['theirs'] }), note('b')]);
  });

  it('are counted per subscription and listed with both versions', async () => {
    expect((await listSubscriptions(db)).map((s) => [s.id, s.conflicts])).toEqual([['s1', 1]]);
    const conflicts = await listConflicts(db, 's1');
    expect(conflicts).toMatchObject([
      { packId: 'a', mine: { note: 'mine', tags: ['mine'] }, fields: ['note', 'tags'] },
    ]);
    expect(conflicts[0]?.theirs).toEqual(note('a', { note: 'v2', tags: ['theirs'] }));
  });

  it('settled with the pack’s version take its values, the reader’s kept in the history', async () => {
    const after = await resolveConflict(db, 's1', 'a', 'theirs', 3_000);
    expect(after).toMatchObject({ note: 'v2', tags: ['theirs'], updatedAt: 3_000 });
    expect(await db.entities.get('a')).toMatchObject({ note: 'v2', tags: ['theirs'] });
    expect((await listHistory(db, 'a'))[0]?.entity).toMatchObject({ note: 'mine' });
    expect(await listConflicts(db, 's1')).toEqual([]);
    // The same copy again asks nothing; a later change of the pack arrives.
    expect(await update([note('a', { note: 'v2', tags: ['theirs'] }), note('b')])).toMatchObject({
      conflicts: 0,
      updated: 0,
    });
    await update([note('a', { note: 'v3', tags: ['theirs'] }), note('b')]);
    expect((await db.entities.get('a'))?.note).toBe('v3');
  });

  it('settled with the reader’s version keep it, and the same copy asks nothing again', async () => {
    expect(await resolveConflict(db, 's1', 'a', 'mine', 3_000)).toMatchObject({ note: 'mine' });
    expect(await resolveConflict(db, 's1', 'a', 'mine', 3_000)).toBeNull();
    expect(await update([note('a', { note: 'v2', tags: ['theirs'] }), note('b')])).toMatchObject({
      conflicts: 0,
      updated: 0,
    });
    expect(await db.entities.get('a')).toMatchObject({ note: 'mine', tags: ['mine'] });
  });
});

describe('unsubscribe', () => {
  beforeEach(async () => {
    await saveEntity(db, { name: 'C', aliases: [], kind: 'person', note: 'mine', tags: [] });
    await subscribed([note('a'), note('b'), note('c', { note: 'theirs' })]);
    await readerEdits(db, 'b', { note: 'edited' });
  });

  it('keeps the notes as the reader’s own', async () => {
    const result = await unsubscribe(db, 's1', true, 3_000);
    expect(result).toMatchObject({ kept: 3, removed: 0 });
    expect((await db.entities.orderBy('name').toArray()).map((e) => [e.name, e.origin])).toEqual([
      ['A', 'local'],
      ['B', 'local'],
      ['C', 'local'],
    ]);
    expect([await db.subscriptions.count(), await db.subEntries.count()]).toEqual([0, 0]);
  });

  it('moves the pack’s notes to the trash as one undoable delete, leaving the reader’s', async () => {
    const result = await unsubscribe(db, 's1', false, 3_000);
    expect(result).toMatchObject({ kept: 2, removed: 1, deletedIds: ['a'] });
    expect((await db.entities.toArray()).map((e) => e.name).sort()).toEqual(['B', 'C']);
    expect([await db.subscriptions.count(), await db.subEntries.count()]).toEqual([0, 0]);
    expect((await restoreBatch(db, result.batch!)).restored.map((e) => e.id)).toEqual(['a']);
  });
});
