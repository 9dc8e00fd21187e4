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
import { parsePack } from '../core/pack';
import { nameKey } from './name-key';
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
    // Adding version 3 fails this until its upgrade is tested below.
    expect(DB_VERSION).toBe(2);
  });

  it('1 → 2: every entity gets its nameKey, nothing else changes, the trash starts empty', async () => {
    const name = 'upgrade-1-2';
    const records = v1Records();
    const old = openDb(name, 1);
    await old.entities.bulkAdd(records as never);
    await old.meta.put({ key: 'compiledDictionary', value: { version: 3 } });
    old.close();

    db = openDb(name);
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
});
