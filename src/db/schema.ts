/**
 * The Dexie database. Versions only ever go up; every version that changes
 * the shape of stored data gets an upgrade function and a test from the
 * version before it (DESIGN.md section 3).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Entity } from '../core/entity';

export interface MetaRow {
  key: string;
  value: unknown;
}

export type BackstoryDb = Dexie & {
  entities: EntityTable<Entity, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'backstory';

export function openDb(name = DB_NAME): BackstoryDb {
  const db = new Dexie(name) as BackstoryDb;
  db.version(1).stores({
    // Indexes: name and updatedAt for sorting, kind / origin / tags for filters.
    entities: 'id, name, kind, origin, updatedAt, *tags',
    meta: 'key',
  });
  return db;
}
