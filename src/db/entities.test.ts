import { beforeEach, describe, expect, it } from 'vitest';
import { allEntities, READ_PAGE, saveEntity, searchByName } from './entities';
import { applyImport } from './import';
import type { BackstoryDb } from './schema';
import { makePackEntity, useFreshDb } from '../test-setup/fixtures';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const packEntity = makePackEntity;

describe('entities', () => {
  it('reads every entity in pages, in the order the name index gives', async () => {
    // More than two pages; names that tie, differ by case, and sort by code unit.
    const names = ['Zed', 'zed', 'Émile', 'Ali', 'ali', '北京', 'Ali'];
    await applyImport(
      db,
      Array.from({ length: 2 * READ_PAGE + 7 }, (_, i) =>
        packEntity(names[i % names.length]!, { id: `id-${(i * 7919) % 100_000}`, kind: 'topic' }),
      ),
      { origin: 'p' },
    );
    const read = await allEntities(db);
    expect(read).toHaveLength(2 * READ_PAGE + 7);
    expect(read.map((e) => e.id)).toEqual(
      (await db.entities.orderBy('name').toArray()).map((e) => e.id),
    );
  });

  it('creates an entity with a UUID and timestamps, and lists by name', async () => {
    await saveEntity(db, { name: 'Zed', aliases: [], kind: 'person', note: '', tags: [] }, 10);
    const a = await saveEntity(
      db,
      { name: ' Akar ', aliases: ['A', ' A ', ''], kind: 'person', note: 'n', tags: ['t', 't'] },
      20,
    );
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).toMatchObject({
      name: 'Akar',
      aliases: ['A'],
      tags: ['t'],
      origin: 'local',
      createdAt: 20,
      updatedAt: 20,
    });
    expect((await allEntities(db)).map((e) => e.name)).toEqual(['Akar', 'Zed']);
  });

  it('a new note saved again under its editor’s own id is one note, unless changed since', async () => {
    const draft = {
      id: 'mine-1',
      fresh: true as const,
      name: 'Akar',
      aliases: [],
      kind: 'person' as const,
      tags: [],
    };
    const first = await saveEntity(db, { ...draft, note: 'first' }, 10);
    expect(first).toMatchObject({ id: 'mine-1', createdAt: 10, updatedAt: 10 });
    // The answer was lost; the editor tries again, the reader's text changed meanwhile.
    const again = await saveEntity(db, { ...draft, note: 'second' }, 20);
    expect(again).toMatchObject({ id: 'mine-1', note: 'second', createdAt: 10, updatedAt: 20 });
    expect(await db.entities.count()).toBe(1);
    expect(await db.history.count()).toBe(1);
    // Changed since it was made (another editor, or a try that was answered):
    // left as it is, as a base version would have it.
    await expect(saveEntity(db, { ...draft, note: 'third' }, 30)).rejects.toThrow(
      'changed elsewhere',
    );
    expect((await db.entities.get('mine-1'))!.note).toBe('second');
    // A try that writes what is stored already (the second try's answer lost too) is answered.
    expect(await saveEntity(db, { ...draft, note: 'second' }, 40)).toMatchObject({
      note: 'second',
      updatedAt: 20,
    });
    expect(await db.history.count()).toBe(1);
    // The control: without `fresh`, an unknown id is a note that is gone.
    await expect(
      saveEntity(db, { ...draft, id: 'mine-2', fresh: undefined, note: '' }, 40),
    ).rejects.toThrow('no longer exists');
    expect(await db.entities.count()).toBe(1);
  });

  it('never saves a fresh try over a note that is not one its editor made', async () => {
    // An imported note keeps the file's id, and its times are equal.
    await applyImport(db, [packEntity('Gantz', { id: 'p-1' })], { origin: 'pack-x', now: 5 });
    const fresh = {
      id: 'p-1',
      fresh: true as const,
      kind: 'person' as const,
      aliases: [],
      tags: [],
    };
    await expect(saveEntity(db, { ...fresh, name: 'Other', note: 'x' }, 10)).rejects.toThrow(
      'changed elsewhere',
    );
    expect((await db.entities.get('p-1'))!.name).toBe('Gantz');
  });

  it('adds the page a new note came from once, however often its save is tried', async () => {
    const source = { url: 'https://news.example/a', title: 'A' };
    const draft = {
      id: 'mine-3',
      fresh: true as const,
      name: 'Baku',
      aliases: [],
      kind: 'place' as const,
      note: 'n',
      tags: [],
      addSource: source,
    };
    await saveEntity(db, draft, 10);
    const again = await saveEntity(db, { ...draft, note: 'n2' }, 20);
    expect(again.sources).toEqual([source]);
  });

  it('answers a change tried again after its answer was lost, and refuses another', async () => {
    const made = await saveEntity(
      db,
      { name: 'Ali', aliases: [], kind: 'person', note: 'a', tags: [] },
      10,
    );
    const edit = {
      id: made.id,
      baseUpdatedAt: 10,
      name: 'Ali',
      aliases: [],
      kind: 'person' as const,
      tags: [],
    };
    await saveEntity(db, { ...edit, note: 'b' }, 20);
    // The same change again, from the version it was made on: already stored.
    expect(await saveEntity(db, { ...edit, note: 'b' }, 30)).toMatchObject({
      note: 'b',
      updatedAt: 20,
    });
    // The control: another change from that version is refused.
    await expect(saveEntity(db, { ...edit, note: 'c' }, 40)).rejects.toThrow('changed elsewhere');
  });

  it('updates in place, keeping creation time and unknown fields, and makes pack entities local', async () => {
    const { added } = await applyImport(db, [packEntity('Akar', { id: 'p1', extra: { q: 1 } })], {
      origin: 'pack-x',
      now: 5,
    });
    expect(added[0]!.origin).toBe('pack-x');
    const saved = await saveEntity(
      db,
      { id: 'p1', name: 'Hulusi Akar', aliases: [], kind: 'person', note: 'x', tags: [] },
      9,
    );
    expect(saved).toMatchObject({
      id: 'p1',
      createdAt: 5,
      updatedAt: 9,
      origin: 'local',
      extra: { q: 1 },
    });
  });

  it('refuses to update an entity that no longer exists', async () => {
    await expect(
      saveEntity(db, { id: 'gone', name: 'X', aliases: [], kind: 'person', note: '', tags: [] }),
    ).rejects.toThrow(/no longer exists/);
    expect(await db.entities.count()).toBe(0);
  });

  it('adds the source a note was taken from, keeping earlier ones', async () => {
    const draft = { name: 'Hulusi Akar', aliases: [], kind: 'person' as const, note: '', tags: [] };
    const first = await saveEntity(db, {
      ...draft,
      addSource: { url: 'https://news.example/a', title: 'A', quote: 'Akar said.' },
    });
    const second = await saveEntity(db, {
      ...draft,
      id: first.id,
      addSource: { url: 'https://news.example/b' },
    });
    expect(second.sources.map((s) => s.url)).toEqual([
      'https://news.example/a',
      'https://news.example/b',
    ]);
    const third = await saveEntity(db, { ...draft, id: first.id, note: 'edited' });
    expect(third.sources).toHaveLength(2);
  });

  it('finds entities by the start of their name, in any case', async () => {
    for (const name of ['Benny Gantz', 'Benjamin Netanyahu', 'Baku', 'NATO']) {
      await saveEntity(db, { name, aliases: [], kind: 'person', note: '', tags: [] });
    }
    expect((await searchByName(db, 'ben', 10)).map((e) => e.name)).toEqual([
      'Benjamin Netanyahu',
      'Benny Gantz',
    ]);
    expect((await searchByName(db, 'nat', 10)).map((e) => e.name)).toEqual(['NATO']);
    expect(await searchByName(db, 'zz', 10)).toEqual([]);
  });
});

describe('saving over a change made elsewhere', () => {
  it('is refused, and the newer version stays', async () => {
    const draft = { name: 'A', aliases: [], kind: 'person' as const, note: 'v1', tags: [] };
    const first = await saveEntity(db, draft, 1);
    // Another tab saves first.
    await saveEntity(db, { ...draft, id: first.id, note: 'v2', baseUpdatedAt: 1 }, 2);
    await expect(
      saveEntity(db, { ...draft, id: first.id, note: 'stale', baseUpdatedAt: 1 }, 3),
    ).rejects.toThrow(/changed elsewhere/);
    expect((await db.entities.get(first.id))?.note).toBe('v2');
  });
});

describe('regressions found by the fuzz tests (background/import.fuzz.test.ts)', () => {
  // Seed 1407: a note saved with case rules for none of its forms kept `matchCase: {}`, which
  // no export writes, so its backup restored another note (without the field).
  it('keeps no case rules when none of their forms is left', async () => {
    const saved = await saveEntity(db, {
      name: '!',
      aliases: [],
      kind: 'other',
      note: '',
      tags: [],
      matchCase: { __gone: 'exact' },
    });
    expect(saved).not.toHaveProperty('matchCase');
    expect(await db.entities.get(saved.id)).not.toHaveProperty('matchCase');
  });
});
