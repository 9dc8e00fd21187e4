import { beforeEach, describe, expect, it } from 'vitest';
import { parsePack, writeBackup, type PackEntity } from '../core/pack';
import { allEntities, saveEntity } from './entities';
import { applyImport, planImport } from './import';
import { openDb, type BackstoryDb } from './schema';
import { makePackEntity, useFreshDb } from '../test-setup/fixtures';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const entity = makePackEntity;

const kinds = async (list: PackEntity[], origin = 'File') =>
  (await planImport(db, list, { origin })).map((item) => item.kind);

describe('planImport', () => {
  it('tells new, unchanged, changed (the file’s own copy) and conflict (the reader’s version)', async () => {
    await applyImport(db, [entity('A', { id: 'a' }), entity('B', { id: 'b' })], {
      origin: 'File',
    });
    await saveEntity(db, {
      id: 'b',
      name: 'B',
      aliases: [],
      kind: 'person',
      note: 'mine',
      tags: [],
    });
    await applyImport(db, [entity('C', { id: 'c' })], { origin: 'File' });
    expect(
      await kinds([
        entity('A', { id: 'a' }),
        entity('B', { id: 'b', note: 'theirs' }),
        entity('C', { id: 'c', note: 'newer' }),
        entity('D'),
      ]),
    ).toEqual(['unchanged', 'conflict', 'changed', 'new']);
  });

  it('plans the same whether the file holds more entries than the notes stored or fewer', async () => {
    await applyImport(
      db,
      [
        entity('A', { id: 'a' }),
        entity('B', { id: 'b' }),
        entity('Ça', { id: 'c' }),
        entity('D'),
        entity('D', { id: 'd2' }),
      ],
      { origin: 'File' },
    );
    const file = [
      entity('A', { id: 'a', note: 'newer' }),
      entity('ça'),
      entity('D'),
      entity('X', { id: 'b' }),
      entity('E'),
    ];
    // Fewer entries than notes: each key looked up; more: the stored keys read first.
    const few = await planImport(db, file, { origin: 'File' });
    const fillers = Array.from({ length: 10 }, (_, i) => entity(`Filler ${i}`, { id: `f${i}` }));
    const many = await planImport(db, [...file, ...fillers], { origin: 'File' });
    expect(many.slice(0, file.length)).toEqual(few);
    expect(few.map((item) => [item.kind, item.existing?.id])).toEqual([
      ['changed', 'a'],
      // Found by its folded name, and renamed.
      ['changed', 'c'],
      ['unchanged', expect.any(String)],
      ['changed', 'b'],
      ['new', undefined],
    ]);
    expect(many.slice(file.length).every((item) => item.kind === 'new')).toBe(true);
  });

  it('finds an entity without id by kind and folded name', async () => {
    await saveEntity(db, { name: 'Çakır', aliases: [], kind: 'place', note: 'mine', tags: [] });
    expect(await kinds([entity('CAKIR', { kind: 'place', note: 'x' }), entity('Cakir')])).toEqual([
      'conflict',
      'new',
    ]);
  });

  it('compares only what a CSV file carries: links it lacks are no conflict', async () => {
    const link = { title: 'W', url: 'https://example.org/' };
    await saveEntity(db, { name: 'A', aliases: [], kind: 'person', note: 'n', tags: [] });
    const [stored] = await db.entities.toArray();
    await db.entities.update(stored!.id, { links: [link] });
    const csvRow = entity('A', { note: 'n' });
    expect(
      (await planImport(db, [csvRow], { origin: 'sheet', carried: 'basic' })).map((i) => i.kind),
    ).toEqual(['unchanged']);
    await applyImport(db, [entity('A', { note: 'new' })], {
      origin: 'sheet',
      carried: 'basic',
      takeTheirs: () => true,
    });
    expect(await db.entities.get(stored!.id)).toMatchObject({ note: 'new', links: [link] });
  });
});

describe('applyImport', () => {
  it('never overwrites a note edited after the preview: the plan is made again', async () => {
    await applyImport(db, [entity('A', { id: 'a', note: 'v1' })], { origin: 'File' });
    const list = [entity('A', { id: 'a', note: 'v2' })];
    expect(await kinds(list)).toEqual(['changed']);
    // Between the preview and the click, the reader edits the note.
    await saveEntity(db, {
      id: 'a',
      name: 'A',
      aliases: [],
      kind: 'person',
      note: 'mine',
      tags: [],
    });
    const result = await applyImport(db, list, { origin: 'File' });
    expect(result).toMatchObject({ updated: [], kept: 1 });
    expect((await db.entities.get('a'))?.note).toBe('mine');
  });

  it('says which stored entity each given one became, none for a repeat', async () => {
    await applyImport(db, [entity('A', { id: 'a' })], { origin: 'File' });
    const mine = await saveEntity(db, {
      name: 'M',
      aliases: [],
      kind: 'person',
      note: '',
      tags: [],
    });
    const result = await applyImport(
      db,
      [
        entity('A', { id: 'a', note: 'changed' }),
        entity('M', { id: 'm', note: 'theirs' }),
        entity('New'),
        entity('New'),
        entity('Other', { id: 'o' }),
      ],
      { origin: 'File' },
    );
    const fresh = result.added.find((e) => e.name === 'New')!.id;
    expect(result.ids).toEqual(['a', mine.id, fresh, undefined, 'o']);
  });

  it('leaves everything as it was when interrupted part way', async () => {
    await saveEntity(db, { name: 'Kept', aliases: [], kind: 'person', note: '', tags: [] });
    const many = Array.from({ length: 12_000 }, (_, i) => entity(`E${i}`, { id: `e${i}` }));
    await expect(
      applyImport(db, many, {
        origin: 'File',
        onProgress: (written) => {
          // The worker stops after the first batch is written.
          if (written >= 5_000) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect((await db.entities.toArray()).map((e) => e.name)).toEqual(['Kept']);
  });
});

describe('matching is one to one, and "local" is the reader’s', () => {
  it('a renamed entity and a new one under its old name are two entities', async () => {
    await applyImport(db, [entity('Strider', { id: 'x' })], { origin: 'File' });
    const result = await applyImport(
      db,
      [entity('Aragorn', { id: 'x' }), entity('Strider', { note: 'a ranger' })],
      { origin: 'File' },
    );
    expect(result.added.map((e) => e.name)).toEqual(['Strider']);
    expect((await db.entities.get('x'))?.name).toBe('Aragorn');
    expect(await db.entities.count()).toBe(2);
  });

  it('a file titled "local" cannot pass for the reader’s own notes', async () => {
    await saveEntity(db, {
      id: undefined,
      name: 'A',
      aliases: [],
      kind: 'person',
      note: 'mine',
      tags: [],
    });
    expect(await kinds([entity('A', { note: 'theirs' })], 'local')).toEqual(['conflict']);
  });
});

describe('a backup', () => {
  const restoreInto = async (target: BackstoryDb, text: string, now: number) => {
    const parsed = parsePack(text);
    if (!parsed.ok) throw new Error('the backup did not parse');
    return applyImport(target, parsed.pack.entities, { origin: parsed.pack.title, now });
  };
  const mine = (name: string, note: string, now: number) =>
    saveEntity(db, { name, aliases: [], kind: 'person', note, tags: [] }, now);

  it('restores into an empty database as the same collection, origins and times included', async () => {
    await applyImport(db, [entity('From a pack', { id: 'p', note: 'pack note' })], {
      origin: 'Team pack',
      now: 1_000,
    });
    await mine('Mine', 'my note', 2_000);
    await saveEntity(
      db,
      { id: 'p', name: 'From a pack', aliases: ['P'], kind: 'person', note: 'edited', tags: ['t'] },
      3_000,
    );
    const before = await allEntities(db);
    const other = openDb(`restore-${Math.random().toString(36).slice(2)}`);
    try {
      await restoreInto(other, writeBackup(before, new Date(4_000)), 5_000);
      expect(await allEntities(other)).toEqual(before);
    } finally {
      await other.delete();
    }
  });

  it('overwrites nothing of the reader’s without asking, and no newer copy with an older one', async () => {
    const note = await mine('Benny Gantz', 'my own note', 2_000);
    await applyImport(db, [entity('Hulusi Akar', { id: 'h', note: 'pack v2' })], {
      origin: 'Team pack',
      now: 3_000,
    });
    const stored = await allEntities(db);
    // A colleague's backup: their own note on the same name, and an older copy of the pack's.
    const theirs = writeBackup(
      [
        { ...note, id: 'their-id', note: 'their note', updatedAt: 2_500 },
        { ...stored.find((e) => e.id === 'h')!, note: 'pack v1', createdAt: 500, updatedAt: 1_000 },
      ],
      new Date(4_000),
    );
    const parsed = parsePack(theirs);
    if (!parsed.ok) throw new Error('no parse');
    const plan = await planImport(db, parsed.pack.entities, { origin: parsed.pack.title });
    expect(plan.map((p) => p.kind)).toEqual(['conflict', 'conflict']);
    // Settled for the reader (no choice made), nothing changes.
    await applyImport(db, parsed.pack.entities, { origin: parsed.pack.title, now: 5_000 });
    expect(await allEntities(db)).toEqual(stored);
    // The control: the pack's own newer copy is still its update.
    const newer = parsePack(
      writeBackup([{ ...stored.find((e) => e.id === 'h')!, note: 'pack v3', updatedAt: 6_000 }]),
    );
    if (!newer.ok) throw new Error('no parse');
    expect(
      (await planImport(db, newer.pack.entities, { origin: newer.pack.title })).map((p) => p.kind),
    ).toEqual(['changed']);
  });
});

describe('regressions found by the fuzz tests (background/import.fuzz.test.ts)', () => {
  // Seed 1402: a pack's note with only `updatedAt` was stored as made at the import, after it
  // last changed; its backup dropped that change time (an update before the creation), so the
  // restored note had another.
  it('takes the change time of a note that has no creation time as its creation time too', async () => {
    const parsed = parsePack(
      JSON.stringify({
        format: 'backstory-pack',
        version: 1,
        entities: [{ id: 'a', name: 'A', updatedAt: '1970-01-01T00:00:00.000Z' }],
      }),
    );
    if (!parsed.ok) throw new Error('the pack did not parse');
    await applyImport(db, parsed.pack.entities, { origin: 'File', now: 5_000 });
    const [stored] = await allEntities(db);
    expect(stored).toMatchObject({ createdAt: 0, updatedAt: 0 });

    const other = openDb(`restore-${Math.random().toString(36).slice(2)}`);
    try {
      const backup = parsePack(writeBackup([stored!], new Date(6_000)));
      if (!backup.ok) throw new Error('the backup did not parse');
      await applyImport(other, backup.pack.entities, { origin: backup.pack.title, now: 7_000 });
      expect(await allEntities(other)).toEqual([stored]);
    } finally {
      await other.delete();
    }
  });

  // Seed 1405: a note naming an alias twice was stored with it once, so the same file imported
  // again found it "changed", and wrote it (and a version in its history) every time.
  it('finds a file’s note that repeats an alias or tag unchanged when imported again', async () => {
    const file = [entity('A', { id: 'a', aliases: ['x', 'x', ' x'], tags: ['t', 't'] })];
    await applyImport(db, file, { origin: 'File' });
    expect(await db.entities.get('a')).toMatchObject({ aliases: ['x'], tags: ['t'] });
    expect(await kinds(file)).toEqual(['unchanged']);
    await applyImport(db, file, { origin: 'File' });
    expect(await db.history.count()).toBe(0);
  });

  // Clean lists are passed through as they are (import.ts, cleanList): each way a list can
  // be unclean with one entry or with several, beside a clean one.
  it('stores each list trimmed, without empty entries or repeats, and clean lists as given', async () => {
    const file = [
      entity('One', { id: 'one', aliases: [' x'], tags: [' '] }),
      entity('Two', { id: 'two', aliases: ['x', 'y '], tags: ['', 't'] }),
      entity('Clean', { id: 'clean', aliases: ['x', 'y'], tags: ['t'] }),
    ];
    await applyImport(db, file, { origin: 'File' });
    expect(await db.entities.get('one')).toMatchObject({ aliases: ['x'], tags: [] });
    expect(await db.entities.get('two')).toMatchObject({ aliases: ['x', 'y'], tags: ['t'] });
    expect(await db.entities.get('clean')).toMatchObject({ aliases: ['x', 'y'], tags: ['t'] });
    expect(await kinds(file)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  // Seed 1405: two notes of one name in a file, the first without an id: imported again, the
  // first took the second's stored note by name, and wrote its own content over it.
  it('matches an entry without id to the note no other entry names by its id', async () => {
    const file = [
      entity('Çakır', { kind: 'organization', note: 'the first' }),
      entity('Çakır', { id: 'x', kind: 'organization', note: 'the second' }),
    ];
    await applyImport(db, file, { origin: 'File' });
    const stored = await allEntities(db);
    expect(await kinds(file)).toEqual(['unchanged', 'unchanged']);
    await applyImport(db, file, { origin: 'File' });
    expect(await allEntities(db)).toEqual(stored);
  });

  // Seed 1407: the reader's note (made at 0) settled for a colleague's backup copy changed at
  // -1 was stored as changed before it was made; its own backup then dropped that time.
  it('takes a file’s version changed before the stored note was made as made then', async () => {
    await saveEntity(db, { name: 'Ada', aliases: [], kind: 'other', note: 'mine', tags: [] }, 0);
    await applyImport(db, [entity('ada', { kind: 'other', note: 'theirs', updatedAt: -1 })], {
      origin: 'Colleague',
      takeTheirs: () => true,
      now: 5,
    });
    const [stored] = await allEntities(db);
    expect(stored).toMatchObject({ note: 'theirs', createdAt: -1, updatedAt: -1 });
    const backup = parsePack(writeBackup([stored!]));
    expect(backup.ok && backup.pack.entities[0]).toMatchObject({ createdAt: -1, updatedAt: -1 });
  });
});
