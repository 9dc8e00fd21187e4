/**
 * Every schema version is opened from the version before it, filled with
 * real data: the starter pack and, where the corpus is present, the entity
 * lists written for its pages (Turkish, Hebrew and Chinese names among them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import starter from '../../assets/starter-pack.json';
import { KINDS, type Entity, type Kind } from '../core/entity';
import { parsePack, type PackEntity } from '../core/pack';
import type { SubEntry } from '../core/subscription';
import { fieldsDigest } from '../core/subscription-digest';
import { nameKey } from './name-key';
import { adoptStoredState, readState } from './state';
import { DB_VERSION, openDb, type BackstoryDb } from './schema';

const CORPUS = process.env.BACKSTORY_CORPUS ?? resolve(__dirname, '../../../shared/corpus');
const DEV_ENTITIES = resolve(CORPUS, 'entities-dev.json');

/** Entities as version 1 stored them: no nameKey. */
function v1Records(): Entity[] {
  const parsed = parsePack(JSON.stringify(starter));
  if (!parsed.ok) throw new Error('starter pack invalid');
  const records: Entity[] = parsed.pack.entities.map((e, i) => ({
    ...e,
    id: e.id ?? `starter-${i}`,
    origin: 'local',
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
  }));
  if (existsSync(DEV_ENTITIES)) {
    const lists = JSON.parse(readFileSync(DEV_ENTITIES, 'utf8')) as Record<
      string,
      { name: string; aliases?: string[]; kind?: string }[]
    >;
    for (const [page, list] of Object.entries(lists)) {
      list.forEach((e, i) => {
        const kind = (KINDS as readonly string[]).includes(e.kind ?? '')
          ? (e.kind as Kind)
          : e.kind === 'org'
            ? 'organization'
            : 'other';
        records.push({
          id: `${page}-${i}`,
          name: e.name,
          aliases: e.aliases ?? [],
          kind,
          note: `Seen on ${page}.`,
          tags: [page],
          links: [],
          sources: [],
          origin: page,
          createdAt: 1,
          updatedAt: 2,
          ...(i % 7 === 0 ? { extra: { wikidata: `Q${i}` } } : {}),
        });
      });
    }
  } else {
    console.warn(
      `Corpus entity lists not found at ${DEV_ENTITIES}: upgrading the starter pack only.`,
    );
  }
  return records;
}

let db: BackstoryDb | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

describe('schema', () => {
  it('has an upgrade test for every version after the first', () => {
    // Adding version 8 fails this until its upgrade is tested below.
    expect(DB_VERSION).toBe(7);
  });

  it('1 → 2: every entity gets its nameKey, nothing else changes, the trash starts empty', async () => {
    const name = 'upgrade-1-2';
    const records = v1Records();
    const old = openDb(name, 1);
    await old.entities.bulkAdd(records as never);
    await old.meta.put({ key: 'compiledDictionary', value: { version: 3 } });
    old.close();

    db = openDb(name, 2);
    await db.open();
    expect(db.verno).toBe(2);
    const upgraded = await db.entities.toArray();
    expect(upgraded).toHaveLength(records.length);
    const byId = new Map(upgraded.map((e) => [e.id, e]));
    for (const record of records) {
      const { nameKey: key, ...rest } = byId.get(record.id)!;
      expect(rest).toEqual(record);
      expect(key).toBe(nameKey(record.name, record.kind));
    }
    expect(await db.meta.get('compiledDictionary')).toEqual({
      key: 'compiledDictionary',
      value: { version: 3 },
    });
    expect(await db.trash.count()).toBe(0);
    // The new index answers.
    const first = records[0]!;
    expect(
      (await db.entities.where('nameKey').equals(nameKey(first.name, first.kind)).first())?.id,
    ).toBe(first.id);
  });

  it('2 → 3: entities, trash and meta stay as they were; the state table starts empty and takes the stored values once', async () => {
    const name = 'upgrade-2-3';
    const records = v1Records().map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }));
    const old = openDb(name, 2);
    await old.entities.bulkAdd(records);
    const deleted = { ...records[0]!, id: 'gone' };
    await old.trash.add({ batch: 'b1', deletedAt: 5, entity: deleted });
    await old.meta.bulkPut([
      { key: 'compiledDictionary', value: { version: 7 } },
      { key: 'starterInstalled', value: true },
    ]);
    old.close();

    db = openDb(name, 3);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.entities.toArray()).toEqual(
      [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
    expect(await db.trash.toArray()).toEqual([
      { seq: 1, batch: 'b1', deletedAt: 5, entity: deleted },
    ]);
    expect(await db.meta.get('compiledDictionary')).toEqual({
      key: 'compiledDictionary',
      value: { version: 7 },
    });
    expect(await db.state.count()).toBe(0);

    // The worker's first start moves the values storage.local held under version 2.
    const stored = {
      settings: { hoverDelay: 500, neverSites: ['example.com'] },
      lastExport: { at: 1_700_000_000_000, count: records.length },
      dictionaryVersion: 7,
    };
    expect(await adoptStoredState(db, stored)).toBe(true);
    const state = await readState(db);
    expect(state.settings).toMatchObject(stored.settings);
    expect(state.lastExport).toEqual(stored.lastExport);
    // The compiled dictionary cached under version 7 is still the current one.
    expect(state.dictionaryVersion).toBe(7);
  });

  it('3 → 4: everything stays as it was; the history starts empty and finds versions by note', async () => {
    const name = 'upgrade-3-4';
    const records = v1Records().map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }));
    const old = openDb(name, 3);
    await old.entities.bulkAdd(records);
    await old.trash.add({ batch: 'b1', deletedAt: 5, entity: { ...records[0]!, id: 'gone' } });
    await old.state.put({ key: 'dictionaryVersion', value: 9 });
    const before = {
      entities: await old.entities.toArray(),
      trash: await old.trash.toArray(),
      state: await old.state.toArray(),
    };
    old.close();

    db = openDb(name, 4);
    await db.open();
    expect(db.verno).toBe(4);
    expect({
      entities: await db.entities.toArray(),
      trash: await db.trash.toArray(),
      state: await db.state.toArray(),
    }).toEqual(before);
    expect(await db.history.count()).toBe(0);
    const { nameKey: _key, ...entity } = records[0]!;
    await db.history.add({ entityId: entity.id, replacedAt: 3, entity });
    expect(await db.history.where('entityId').equals(entity.id).count()).toBe(1);
    expect(await db.history.where('replacedAt').below(4).count()).toBe(1);
  });

  it('4 → 5: everything stays as it was; subscriptions start empty and their entries are found by subscription and by note', async () => {
    const name = 'upgrade-4-5';
    const records = v1Records().map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }));
    const old = openDb(name, 4);
    await old.entities.bulkAdd(records);
    await old.trash.add({ batch: 'b1', deletedAt: 5, entity: { ...records[0]!, id: 'gone' } });
    await old.state.put({ key: 'dictionaryVersion', value: 9 });
    const { nameKey: _k, ...kept } = records[1]!;
    await old.history.add({ entityId: kept.id, replacedAt: 3, entity: kept });
    const before = {
      entities: await old.entities.toArray(),
      trash: await old.trash.toArray(),
      state: await old.state.toArray(),
      history: await old.history.toArray(),
    };
    old.close();

    db = openDb(name, 5);
    await db.open();
    expect(db.verno).toBe(5);
    expect({
      entities: await db.entities.toArray(),
      trash: await db.trash.toArray(),
      state: await db.state.toArray(),
      history: await db.history.toArray(),
    }).toEqual(before);
    expect(await db.subscriptions.count()).toBe(0);
    const url = 'https://packs.example/team.json';
    await db.subscriptions.add({
      id: 's1',
      url,
      origin: 'Team',
      title: 'Team',
      description: '',
      entityCount: 1,
      validators: {},
      addedAt: 1,
      nextCheck: 2,
      failures: 0,
      paused: false,
    });
    // One subscription per URL.
    await expect(
      db.subscriptions.add({ ...(await db.subscriptions.get('s1'))!, id: 's2' }),
    ).rejects.toThrow();
    const base = {
      name: 'A',
      aliases: [],
      kind: 'person' as const,
      note: '',
      tags: [],
      links: [],
      sources: [],
    };
    await db.subEntries.add({ subscription: 's1', packId: 'a', entityId: records[0]!.id, base });
    expect(await db.subEntries.get(['s1', 'a'])).toMatchObject({ entityId: records[0]!.id });
    expect(await db.subEntries.where('entityId').equals(records[0]!.id).count()).toBe(1);
    expect(await db.subEntries.where('subscription').equals('s1').count()).toBe(1);
  });

  it('5 → 6: everything stays as it was; each subscription gets the digest of its entries, and entries in conflict are marked for a recheck', async () => {
    const name = 'upgrade-5-6';
    const records = v1Records().map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }));
    const old = openDb(name, 5);
    await old.entities.bulkAdd(records);
    const sub = {
      url: 'https://packs.example/team.json',
      origin: 'Team',
      title: 'Team',
      description: '',
      entityCount: 2,
      validators: {},
      addedAt: 1,
      nextCheck: 2,
      failures: 0,
      paused: false,
    };
    await old.subscriptions.bulkAdd([
      { ...sub, id: 's1' },
      { ...sub, id: 's2', url: 'https://packs.example/other.json' },
    ]);
    const base = (name: string): PackEntity => ({
      id: name.toLowerCase(),
      name,
      aliases: [],
      kind: 'person',
      note: '',
      tags: [],
      links: [],
      sources: [],
    });
    const conflict = { theirs: { ...base('A'), note: 'theirs' }, fields: ['note' as const], at: 3 };
    const entries: SubEntry[] = [
      { subscription: 's1', packId: 'a', entityId: records[0]!.id, base: base('A'), conflict },
      { subscription: 's1', packId: 'b', entityId: records[1]!.id, base: base('B') },
      { subscription: 's2', packId: 'c', entityId: records[2]!.id, base: base('C') },
    ];
    await old.subEntries.bulkAdd(entries);
    const before = {
      entities: await old.entities.toArray(),
      subscriptions: await old.subscriptions.toArray(),
    };
    old.close();

    db = openDb(name, 6);
    await db.open();
    expect(db.verno).toBe(6);
    expect({
      entities: await db.entities.toArray(),
      subscriptions: await db.subscriptions.toArray(),
    }).toEqual(before);
    // The entries are as they were, but for the mark on the one in conflict.
    expect(await db.subEntries.toArray()).toEqual([
      { ...entries[0], recheck: 's1' },
      entries[1],
      entries[2],
    ]);
    expect(await db.subEntries.where('recheck').equals('s1').primaryKeys()).toEqual([['s1', 'a']]);
    expect(await db.subEntries.where('recheck').equals('s2').count()).toBe(0);
    expect(await db.subDigests.get('s1')).toEqual({
      subscription: 's1',
      hashes: new Map([
        ['a', fieldsDigest(base('A'))],
        ['b', fieldsDigest(base('B'))],
      ]),
    });
    expect((await db.subDigests.get('s2'))?.hashes).toEqual(
      new Map([['c', fieldsDigest(base('C'))]]),
    );
  });

  it('6 → 7: every table stays as it was; the look-up cache starts empty and is found by key and by age', async () => {
    const name = 'upgrade-6-7';
    const records = v1Records().map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }));
    const old = openDb(name, 6);
    await old.entities.bulkAdd(records);
    await old.trash.add({ batch: 'b1', deletedAt: 5, entity: { ...records[0]!, id: 'gone' } });
    await old.state.put({ key: 'dictionaryVersion', value: 9 });
    await old.meta.put({ key: 'starterInstalled', value: true });
    const { nameKey: _k, ...kept } = records[1]!;
    await old.history.add({ entityId: kept.id, replacedAt: 3, entity: kept });
    await old.subscriptions.add({
      id: 's1',
      url: 'https://packs.example/team.json',
      origin: 'Team',
      title: 'Team',
      description: '',
      entityCount: 1,
      validators: { etag: '"v1"' },
      addedAt: 1,
      nextCheck: 2,
      failures: 0,
      paused: false,
    });
    const base: PackEntity = {
      name: 'A',
      aliases: [],
      kind: 'person',
      note: '',
      tags: [],
      links: [],
      sources: [],
    };
    await old.subEntries.add({
      subscription: 's1',
      packId: 'a',
      entityId: records[0]!.id,
      base,
      recheck: 's1',
    });
    await old.subDigests.put({ subscription: 's1', hashes: new Map([['a', fieldsDigest(base)]]) });
    const tables = [
      'entities',
      'meta',
      'trash',
      'state',
      'history',
      'subscriptions',
      'subEntries',
      'subDigests',
    ] as const;
    const before = await Promise.all(tables.map((t) => old.table(t).toArray()));
    old.close();

    db = openDb(name, 7);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await Promise.all(tables.map((t) => db!.table(t).toArray()))).toEqual(before);
    // The indexes of the versions before are still there, version 6's among them.
    expect(await db.subEntries.where('recheck').equals('s1').count()).toBe(1);
    expect(await db.subEntries.where('entityId').equals(records[0]!.id).count()).toBe(1);
    expect(await db.entities.where('nameKey').equals(records[0]!.nameKey).count()).toBeGreaterThan(
      0,
    );
    expect(await db.wikiCache.count()).toBe(0);
    await db.wikiCache.bulkAdd([
      { key: 'a', expires: 10, value: { x: 1 } },
      { key: 'b', expires: 20, value: null },
    ]);
    expect(await db.wikiCache.get('a')).toEqual({ key: 'a', expires: 10, value: { x: 1 } });
    expect(await db.wikiCache.where('expires').below(15).primaryKeys()).toEqual(['a']);
  });
});
