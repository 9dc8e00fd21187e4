import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackEntity } from '../core/pack';
import { useFreshDb } from '../test-setup/fixtures';
import { fetchedCopy, makeSubscription, packNote, readerEdits } from '../test-setup/subscriptions';
import { deleteEntities, listTrash, restoreBatch } from './bulk';
import { saveEntity } from './entities';
import { listHistory } from './history';
import type { BackstoryDb } from './schema';
import { writeVersioned } from './state';
import {
  applyUpdate,
  listConflicts,
  resolveConflict,
  subscribe,
  type FetchedPack,
  type UpdateOptions,
} from './subscriptions';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const note = packNote;
const subscribed = (entities: PackEntity[]) =>
  subscribe(db, { subscription: makeSubscription(), entities, now: 1_000 });
const update = (
  entities: PackEntity[],
  over: Partial<FetchedPack> = {},
  options: Partial<UpdateOptions> = {},
) =>
  applyUpdate(db, 's1', fetchedCopy(entities, over), { now: 2_000, nextCheck: 9_000, ...options });

/** Everything stored, to show that a refused update changed nothing. */
const snapshot = async () => ({
  entities: await db.entities.toArray(),
  entries: await db.subEntries.toArray(),
  subscriptions: await db.subscriptions.toArray(),
  trash: await db.trash.count(),
  history: await db.history.count(),
});

describe('applyUpdate', () => {
  it('takes the pack’s change of one field and keeps the reader’s change of another', async () => {
    await subscribed([note('a', { note: 'Minister', tags: ['turkey'] })]);
    await readerEdits(db, 'a', { tags: ['turkey', 'mine'] });
    const result = await update([note('a', { note: 'Former minister', tags: ['turkey'] })]);
    expect(result).toMatchObject({ kind: 'applied', updated: 1, conflicts: 0 });
    expect(await db.entities.get('a')).toMatchObject({
      note: 'Former minister',
      tags: ['turkey', 'mine'],
      updatedAt: 2_000,
    });
    // The version it replaced is in the history.
    expect((await listHistory(db, 'a'))[0]?.entity.note).toBe('Minister');
  });

  it('keeps the reader’s value where both changed a field, as a conflict until settled', async () => {
    await subscribed([note('a', { note: 'v1' })]);
    await readerEdits(db, 'a', { note: 'mine' });
    expect(await update([note('a', { note: 'v2' })])).toMatchObject({ conflicts: 1 });
    expect((await db.entities.get('a'))?.note).toBe('mine');
    // The next copy changes another field: taken, and the note is still in conflict.
    const next = await update([note('a', { note: 'v2', tags: ['new'] })]);
    expect(next).toMatchObject({ updated: 1, conflicts: 1 });
    expect(await db.entities.get('a')).toMatchObject({ note: 'mine', tags: ['new'] });
    expect(await listConflicts(db, 's1')).toMatchObject([
      { packId: 'a', mine: { note: 'mine' }, theirs: { note: 'v2' }, fields: ['note'] },
    ]);
    await resolveConflict(db, 's1', 'a', 'mine', 3_000);
    expect(await update([note('a', { note: 'v2', tags: ['new'] })])).toMatchObject({
      conflicts: 0,
      updated: 0,
      unchanged: 1,
    });
    expect((await db.entities.get('a'))?.note).toBe('mine');
  });

  it('moves a note the pack removed, unchanged by the reader, to the trash as one undoable delete', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    const result = await update([note('a'), note('b')]);
    expect(result).toMatchObject({ kind: 'applied', removed: 1, deletedIds: ['c'] });
    expect(await db.entities.get('c')).toBeUndefined();
    expect(await listTrash(db)).toMatchObject([{ count: 1, names: ['C'] }]);
    const batch = result.kind === 'applied' ? result.trashBatch! : '';
    expect((await restoreBatch(db, batch)).restored.map((e) => e.id)).toEqual(['c']);
    expect(await db.subEntries.get(['s1', 'c'])).toBeUndefined();
  });

  it('keeps a note the pack removed but the reader changed, as the reader’s own', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    await readerEdits(db, 'c', { note: 'my notes' });
    const result = await update([note('a'), note('b')]);
    expect(result).toMatchObject({ removed: 0, keptAsOwn: ['C'] });
    expect(await db.entities.get('c')).toMatchObject({ origin: 'local', note: 'my notes' });
    expect(await db.subEntries.get(['s1', 'c'])).toBeUndefined();
  });

  it('does not bring back a note the reader deleted', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    await deleteEntities(db, ['c']);
    expect(await update([note('a'), note('b'), note('c', { note: 'more' })])).toMatchObject({
      added: 0,
      updated: 0,
    });
    expect(await db.entities.get('c')).toBeUndefined();
    // The control: a note the pack adds does arrive.
    await update([note('a'), note('b'), note('c', { note: 'more' }), note('d')]);
    expect((await db.entities.get('d'))?.origin).toBe('Team');
    expect(await db.entities.get('c')).toBeUndefined();
  });

  it('gives a new note whose id another note has an id of its own', async () => {
    await subscribed([note('a')]);
    await saveEntity(db, { name: 'Mine', aliases: [], kind: 'person', note: '', tags: [] });
    const mine = (await db.entities.toArray()).find((e) => e.name === 'Mine')!;
    await update([note('a'), note(mine.id, { name: 'Theirs' })]);
    expect((await db.entities.get(mine.id))?.name).toBe('Mine');
    const entry = await db.subEntries.get(['s1', mine.id]);
    expect(entry?.entityId).not.toBe(mine.id);
    expect((await db.entities.get(entry!.entityId))?.name).toBe('Theirs');
  });

  it('keeps the notes of entries left out for being invalid', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    const leftOut = { count: 1, first: 'Entry 3, field name: must not be empty', ids: ['c'] };
    expect(await update([note('a'), note('b')], { leftOut })).toMatchObject({ removed: 0 });
    expect(await db.entities.get('c')).toBeDefined();
    expect((await db.subscriptions.get('s1'))?.leftOut).toEqual({
      count: 1,
      first: leftOut.first,
    });
  });

  it('holds an update that would remove most notes, changing none, until forced with that body', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    const before = await snapshot();
    const held = await update([note('a', { note: 'changed' })], {}, { now: 2_000 });
    expect(held).toEqual({ kind: 'held', removed: 2, total: 3 });
    const after = await snapshot();
    expect(after.entities).toEqual(before.entities);
    expect(after.entries).toEqual(before.entries);
    expect(after.subscriptions[0]).toMatchObject({
      held: { sha256: 'b'.repeat(64), removed: 2, total: 3, at: 2_000 },
      lastCheck: 2_000,
      // The copy held is still the old one: its validators fetch this body again.
      validators: { etag: '"v1"' },
    });
    // Forced with another body (newer, unseen): held again, not applied.
    const other = await update([], { bodySha256: 'c'.repeat(64) }, { force: true });
    expect(other).toMatchObject({ kind: 'held', removed: 3 });
    expect(await db.entities.count()).toBe(3);
    await update([note('a', { note: 'changed' })], {}, { now: 2_500 });
    const applied = await update([note('a', { note: 'changed' })], {}, { force: true });
    expect(applied).toMatchObject({ kind: 'applied', removed: 2, updated: 1 });
    expect((await db.subscriptions.get('s1'))?.held).toBeUndefined();
  });

  it('changes nothing when a write fails part way', async () => {
    await subscribed([note('a'), note('b'), note('c')]);
    await readerEdits(db, 'b', { note: 'mine' });
    const before = await snapshot();
    vi.spyOn(db.subEntries, 'bulkDelete').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      update([note('a', { note: 'new' }), note('b', { note: 'theirs' })]),
    ).rejects.toThrow('disk full');
    expect(await snapshot()).toEqual(before);
    // The control: the same update, not interrupted, changes all of it.
    await update([note('a', { note: 'new' }), note('b', { note: 'theirs' })]);
    expect(await snapshot()).not.toEqual(before);
  });

  it('writes only what changed: 1% of 1,000 notes', async () => {
    const pack = Array.from({ length: 1_000 }, (_, i) => note(`n${i}`, { note: 'v1' }));
    await subscribed(pack);
    const next = pack.map((e, i) => (i % 100 === 0 ? { ...e, note: 'v2' } : e));
    const spies = [db.entities, db.subEntries].map((table) => [
      vi.spyOn(table, 'bulkPut'),
      vi.spyOn(table, 'bulkAdd'),
      vi.spyOn(table, 'put'),
    ]);
    /** Rows written to each table, by any of its writes. */
    const rows = () =>
      spies.map((table) =>
        table.reduce(
          (n, spy) => n + spy.mock.calls.reduce((m, [arg]) => m + [arg].flat().length, 0),
          0,
        ),
      );
    const result = await update(next);
    expect(result).toMatchObject({ kind: 'applied', updated: 10, unchanged: 990 });
    expect(rows()).toEqual([10, 10]);
  });

  it('reads only what changed: the notes and entries of 1% of 1,000', async () => {
    const pack = Array.from({ length: 1_000 }, (_, i) => note(`n${i}`, { note: 'v1' }));
    await subscribed(pack);
    const spies = [db.entities, db.subEntries].map((table) => vi.spyOn(table, 'bulkGet'));
    /** Keys asked for from each table. */
    const rows = () => spies.map((spy) => spy.mock.calls.reduce((n, [keys]) => n + keys.length, 0));
    const v2 = pack.map((e, i) => (i % 100 === 0 ? { ...e, note: 'v2' } : e));
    expect(await update(v2)).toMatchObject({ updated: 10, unchanged: 990 });
    expect(rows()).toEqual([10, 10]);

    // The control: a digest that matches nothing, and every note and entry is read.
    spies.forEach((spy) => spy.mockClear());
    const row = (await db.subDigests.get('s1'))!;
    await db.subDigests.put({
      ...row,
      hashes: new Map([...row.hashes.keys()].map((k) => [k, -1])),
    });
    const v3 = v2.map((e, i) => (i % 100 === 1 ? { ...e, note: 'v3' } : e));
    expect(await update(v3)).toMatchObject({ updated: 10, unchanged: 990 });
    expect(rows()).toEqual([1_000, 1_000]);
  });

  it('asks again when the pack goes back to a value the reader settled a conflict against', async () => {
    await subscribed([note('a', { note: 'v1' })]);
    await readerEdits(db, 'a', { note: 'mine' });
    expect(await update([note('a', { note: 'v2' })])).toMatchObject({ conflicts: 1 });
    await resolveConflict(db, 's1', 'a', 'mine', 3_000);
    // The base is the pack's v2 now; the pack's v1 again is a change the reader has not seen.
    expect(await update([note('a', { note: 'v1' })])).toMatchObject({ conflicts: 1 });
    expect(await listConflicts(db, 's1')).toMatchObject([
      { packId: 'a', mine: { note: 'mine' }, theirs: { note: 'v1' } },
    ]);
    // Settled and seen: no longer read as one to recheck.
    await resolveConflict(db, 's1', 'a', 'mine', 4_000);
    await update([note('a', { note: 'v1' })]);
    expect(await db.subEntries.where('recheck').equals('s1').count()).toBe(0);
  });

  it('records a good answer on the subscription', async () => {
    await subscribed([note('a')]);
    await db.subscriptions.update('s1', {
      failures: 3,
      failingSince: 500,
      lastError: { error: { code: 'network' }, at: 900 },
    });
    await update([note('a'), note('b')], {
      pack: {
        title: 'Team, renamed',
        description: 'd',
        updated: '2026-12-01T00:00:00Z',
        expires: '12h',
        entities: [note('a'), note('b')],
      },
    });
    const sub = await db.subscriptions.get('s1');
    expect(sub).toMatchObject({
      origin: 'Team',
      title: 'Team, renamed',
      description: 'd',
      updated: '2026-12-01T00:00:00Z',
      expires: '12h',
      entityCount: 2,
      validators: { etag: '"v2"' },
      bodySha256: 'b'.repeat(64),
      lastSuccess: 2_000,
      lastUpdate: 2_000,
      lastCheck: 2_000,
      nextCheck: 9_000,
      failures: 0,
    });
    expect(sub && ['lastError', 'failingSince', 'held', 'leftOut'].filter((k) => k in sub)).toEqual(
      [],
    );
  });

  it('says when the subscription is gone', async () => {
    expect(await update([note('a')])).toEqual({ kind: 'gone' });
  });

  it('runs inside a versioned write, which raises the dictionary version', async () => {
    await subscribed([note('a')]);
    const written = await writeVersioned(
      db,
      () => update([note('a', { note: 'new' })]),
      (r) => r.kind === 'applied' && r.saved.length > 0,
    );
    expect(written.after).toBe(written.before + 1);
    expect((await db.entities.get('a'))?.note).toBe('new');
  });
});
