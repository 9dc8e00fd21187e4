import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteEntities,
  listTrash,
  purgeTrash,
  restoreBatch,
  tagEntities,
  TRASH_DAYS,
} from './bulk';
import { allEntities, saveEntity } from './entities';
import { applyImport } from './import';
import type { BackstoryDb } from './schema';
import { makePackEntity, useFreshDb } from '../test-setup/fixtures';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const add = (name: string, tags: string[] = []) =>
  saveEntity(db, { name, aliases: [], kind: 'person', note: `about ${name}`, tags }, 1);

describe('delete and undo', () => {
  it('moves deleted entities to the trash, and undo brings them back exactly', async () => {
    const a = await add('A', ['x']);
    const b = await add('B');
    await add('C');
    const before = await allEntities(db);
    const { batch, entities } = await deleteEntities(db, [a.id, b.id, 'unknown']);
    expect(entities.map((e) => e.name)).toEqual(['A', 'B']);
    expect((await allEntities(db)).map((e) => e.name)).toEqual(['C']);
    expect(await db.trash.count()).toBe(2);

    expect((await restoreBatch(db, batch)).restored.map((e) => e.name).sort()).toEqual(['A', 'B']);
    expect(await allEntities(db)).toEqual(before);
    expect(await db.trash.count()).toBe(0);
  });

  it('undo never overwrites an entity re-created with the same id meanwhile', async () => {
    await applyImport(db, [makePackEntity('Old', { id: 'p1', note: 'old' })], {
      origin: 'pack',
      now: 1,
    });
    const { batch } = await deleteEntities(db, ['p1']);
    await applyImport(db, [makePackEntity('New', { id: 'p1', note: 'new' })], {
      origin: 'pack',
      now: 2,
    });
    expect(await restoreBatch(db, batch)).toEqual({ restored: [], blocked: 1 });
    expect((await db.entities.get('p1'))?.note).toBe('new');
    // The deleted version is not thrown away: it stays in the trash.
    expect((await db.trash.toArray()).map((r) => r.entity.note)).toEqual(['old']);
  });

  it('undo of an unknown batch changes nothing', async () => {
    await add('A');
    expect(await restoreBatch(db, 'no-such-batch')).toEqual({ restored: [], blocked: 0 });
    expect(await db.entities.count()).toBe(1);
  });

  it('empties only deletes older than the trash keeps them', async () => {
    const a = await add('A');
    const b = await add('B');
    const day = 24 * 60 * 60 * 1000;
    await deleteEntities(db, [a.id], 0);
    await deleteEntities(db, [b.id], TRASH_DAYS * day);
    expect(await purgeTrash(db, TRASH_DAYS * day + 1)).toBe(1);
    expect((await db.trash.toArray()).map((r) => r.entity.name)).toEqual(['B']);
  });
});

describe('tagEntities', () => {
  it('adds and removes tags on many entities, as the reader’s own edit', async () => {
    const a = await add('A', ['old', 'keep']);
    const b = await add('B');
    const changed = await tagEntities(db, [a.id, b.id], ['new', ' new '], ['old'], 5);
    expect(changed.map((e) => [e.name, e.tags, e.origin, e.updatedAt])).toEqual([
      ['A', ['keep', 'new'], 'local', 5],
      ['B', ['new'], 'local', 5],
    ]);
  });

  it('leaves entities it does not change as they were', async () => {
    const a = await add('A', ['t']);
    expect(await tagEntities(db, [a.id], ['t'], [], 5)).toEqual([]);
    expect((await db.entities.get(a.id))?.updatedAt).toBe(1);
  });
});

describe('listTrash', () => {
  it('lists the deletes still in the trash, newest first, with a few names each', async () => {
    const [a, b, c, d, e] = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((x) => add(x)));
    await deleteEntities(db, [a!.id], 10);
    const { batch } = await deleteEntities(db, [b!.id, c!.id, d!.id, e!.id], 20);
    expect(await listTrash(db)).toEqual([
      { batch, deletedAt: 20, count: 4, names: ['B', 'C', 'D'] },
      expect.objectContaining({ deletedAt: 10, count: 1, names: ['A'] }),
    ]);
  });
});

describe('limits', () => {
  it('a bulk tag that would give a note more than 50 tags changes no note', async () => {
    const full = await add(
      'Full',
      Array.from({ length: 50 }, (_, i) => `t${i}`),
    );
    const other = await add('Other');
    await expect(tagEntities(db, [other.id, full.id], ['one more'], [])).rejects.toThrow(
      /more than the 50/,
    );
    expect((await db.entities.get(other.id))?.tags).toEqual([]);
  });
});
