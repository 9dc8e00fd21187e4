/**
 * The Dexie database. Versions only ever go up; every version after the
 * first has a test that opens a database of the version before it, filled
 * with real data, and an upgrade function where stored data must change
 * (DESIGN.md section 3).
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Entity } from '../core/entity';
import type { SubEntry, Subscription } from '../core/subscription';
import { fieldsDigest, type Digest } from '../core/subscription-digest';
import { nameKey } from './name-key';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** An entity as stored: with the key that finds it by kind and name. */
export type StoredEntity = Entity & { nameKey: string };

/** Deleted entities, kept so a delete can be undone (`batch` is one delete's id). */
export interface TrashRow {
  seq?: number;
  batch: string;
  deletedAt: number;
  entity: StoredEntity;
}

/** A version of a note that an overwrite replaced, kept 30 days (src/db/history.ts). */
export interface HistoryRow {
  seq?: number;
  entityId: string;
  replacedAt: number;
  entity: Entity;
}

/**
 * A subscription's entry as stored: `recheck` (the subscription's id) marks
 * one the next update must read whatever the digest says, because it is in
 * conflict or was settled since; IndexedDB leaves an entry without it out
 * of that index, so the few marked ones are found without reading the rest.
 */
export type StoredSubEntry = SubEntry & { recheck?: string };

/** Per subscription, the digest of every entry's base (core/subscription-digest.ts). */
export interface SubDigestRow {
  subscription: string;
  hashes: Digest;
}

/** What the background holds true for pages to ask for (src/db/state.ts). */
export interface StateRow {
  key: string;
  value: unknown;
}

/**
 * An answer of Wikipedia or Wikidata kept for a while (src/db/wiki-cache.ts):
 * by its request's key, until `expires` (ms).
 */
export interface WikiCacheRow {
  key: string;
  expires: number;
  value: unknown;
}

export type BackstoryDb = Dexie & {
  entities: EntityTable<StoredEntity, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  trash: EntityTable<TrashRow, 'seq'>;
  state: EntityTable<StateRow, 'key'>;
  history: EntityTable<HistoryRow, 'seq'>;
  subscriptions: EntityTable<Subscription, 'id'>;
  /** Keyed by [subscription+packId]. */
  subEntries: Dexie.Table<StoredSubEntry, [string, string]>;
  subDigests: EntityTable<SubDigestRow, 'subscription'>;
  wikiCache: EntityTable<WikiCacheRow, 'key'>;
};

export const DB_NAME = 'backstory';

interface Version {
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<unknown>;
}

/** Every version ever shipped, oldest first. Never edit one: add the next. */
const VERSIONS: Version[] = [
  {
    stores: {
      // Indexes: name and updatedAt for sorting, kind / origin / tags for filters.
      entities: 'id, name, kind, origin, updatedAt, *tags',
      meta: 'key',
    },
  },
  {
    // 2: deletes go to a trash table so they can be undone; entities get a
    // `nameKey` (kind and folded name), so an import finds an entity of the
    // same name through an index instead of reading every entity.
    stores: {
      entities: 'id, name, kind, origin, updatedAt, *tags, nameKey',
      meta: 'key',
      trash: '++seq, batch, deletedAt',
    },
    upgrade: (tx) =>
      tx
        .table<StoredEntity, string>('entities')
        .toCollection()
        .modify((e) => {
          e.nameKey = nameKey(e.name, e.kind);
        }),
  },
  {
    // 3: the settings, the last export and the dictionary version, which
    // storage.local held before (content scripts can write it). No upgrade
    // function: an upgrade runs inside an IndexedDB transaction, which cannot
    // wait for storage.local; the worker moves the values over when it starts
    // (adoptStoredState in src/db/state.ts).
    stores: {
      entities: 'id, name, kind, origin, updatedAt, *tags, nameKey',
      meta: 'key',
      trash: '++seq, batch, deletedAt',
      state: 'key',
    },
  },
  {
    // 4: every overwrite of a note keeps the version it replaced (history),
    // found by the note's id, and purged by age. A new table: nothing to move.
    stores: {
      entities: 'id, name, kind, origin, updatedAt, *tags, nameKey',
      meta: 'key',
      trash: '++seq, batch, deletedAt',
      state: 'key',
      history: '++seq, entityId, replacedAt',
    },
  },
  {
    // 5: pack subscriptions (core/subscription.ts): one row per subscribed URL,
    // and per entity of each the copy last fetched (the base of the merge),
    // found by subscription and by the stored entity it became. New tables:
    // nothing to move.
    stores: {
      entities: 'id, name, kind, origin, updatedAt, *tags, nameKey',
      meta: 'key',
      trash: '++seq, batch, deletedAt',
      state: 'key',
      history: '++seq, entityId, replacedAt',
      subscriptions: 'id, &url',
      subEntries: '[subscription+packId], subscription, entityId',
    },
  },
  {
    // 6: an update of a large subscription reads only what changed. Per
    // subscription, one record of every entry's digest; entries in conflict
    // are marked `recheck`, an index that holds only them. Both are made from
    // the entries already stored.
    stores: {
      entities: 'id, name, kind, origin, updatedAt, *tags, nameKey',
      meta: 'key',
      trash: '++seq, batch, deletedAt',
      state: 'key',
      history: '++seq, entityId, replacedAt',
      subscriptions: 'id, &url',
      subEntries: '[subscription+packId], subscription, entityId, recheck',
      subDigests: 'subscription',
    },
    upgrade: async (tx) => {
      const digests = new Map<string, Digest>();
      await tx
        .table<StoredSubEntry, [string, string]>('subEntries')
        .toCollection()
        .modify((entry) => {
          let hashes = digests.get(entry.subscription);
          if (!hashes) digests.set(entry.subscription, (hashes = new Map<string, number>()));
          hashes.set(entry.packId, fieldsDigest(entry.base));
          if (entry.conflict) entry.recheck = entry.subscription;
        });
      await tx
        .table<SubDigestRow, string>('subDigests')
        .bulkPut([...digests].map(([subscription, hashes]) => ({ subscription, hashes })));
    },
  },
  {
    // 7: the answers of Wikipedia and Wikidata look-ups, kept a day (searches)
    // or a week (items, summaries), and when to ask again after a 429 or 503
    // (src/db/wiki-cache.ts); found by key, emptied by age. A new table:
    // nothing to move. Only the new table is named: Dexie takes the others
    // from the versions before (Version.stores merges every earlier version's
    // tables; https://dexie.org/docs/Version/Version.stores()), so this block
    // holds whatever a version before it adds.
    stores: { wikiCache: 'key, expires' },
  },
];

export const DB_VERSION = VERSIONS.length;

/** Opens the database; tests pass `upTo` to create one of an older version. */
export function openDb(name = DB_NAME, upTo = DB_VERSION): BackstoryDb {
  const db = new Dexie(name) as BackstoryDb;
  VERSIONS.slice(0, upTo).forEach(({ stores, upgrade }, i) => {
    const version = db.version(i + 1).stores(stores);
    if (upgrade) version.upgrade(upgrade);
  });
  return db;
}
