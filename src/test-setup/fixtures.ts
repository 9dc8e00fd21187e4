/**
 * Builders for test data and a fresh database per test, shared by the unit
 * tests so each states only the fields it is about.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Entity } from '../core/entity';
import type { PackEntity } from '../core/pack';
import { openDb, type BackstoryDb } from '../db/schema';

export function makeEntity(over: Partial<Entity> = {}): Entity {
  return {
    id: 'e',
    name: 'X',
    aliases: [],
    kind: 'person',
    note: '',
    tags: [],
    links: [],
    sources: [],
    origin: 'local',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

export function makePackEntity(name: string, over: Partial<PackEntity> = {}): PackEntity {
  return { name, aliases: [], kind: 'person', note: '', tags: [], links: [], sources: [], ...over };
}

let dbCount = 0;

/** Opens a new, empty database before each test of the file and deletes it after. */
export function useFreshDb(): () => BackstoryDb {
  let db: BackstoryDb | null = null;
  beforeEach(async () => {
    db = openDb(`test-${dbCount++}-${Math.random().toString(36).slice(2)}`);
    await db.open();
  });
  afterEach(async () => {
    await db?.delete();
    db = null;
  });
  return () => db!;
}
