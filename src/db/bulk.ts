/**
 * Changes to many entities at once: tag, untag, delete, and undo of a
 * delete. A delete moves the entities to the trash table in the same
 * transaction, under one batch id; undo puts the batch back. The trash is
 * emptied of batches older than `TRASH_DAYS`.
 */
import type { Entity } from '../core/entity';
import type { TrashBatch } from '../core/trash';
import { checkLimits } from './entities';
import { keepPrevious } from './history';
import type { BackstoryDb, StoredEntity } from './schema';

export const TRASH_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((s) => s.trim()).filter(Boolean))];
}

export interface Deleted {
  /** Pass to `restoreBatch` to undo. */
  batch: string;
  entities: Entity[];
}

/** Deletes the entities with these ids (unknown ids are skipped), keeping them for undo. */
export async function deleteEntities(
  db: BackstoryDb,
  ids: readonly string[],
  now = Date.now(),
): Promise<Deleted> {
  const batch = crypto.randomUUID();
  return db.transaction('rw', db.entities, db.trash, async () => {
    const found = (await db.entities.bulkGet([...ids])).filter(
      (e): e is StoredEntity => e !== undefined,
    );
    await db.trash.bulkAdd(found.map((entity) => ({ batch, deletedAt: now, entity })));
    await db.entities.bulkDelete(found.map((e) => e.id));
    return { batch, entities: found };
  });
}

export interface Restored {
  restored: Entity[];
  /**
   * Deleted entities whose id is in use again (an import brought it back):
   * neither version is overwritten, and the deleted one stays in the trash.
   */
  blocked: number;
}

/** Puts a deleted batch back, all of it that does not meet a newer entity with the same id. */
export async function restoreBatch(db: BackstoryDb, batch: string): Promise<Restored> {
  return db.transaction('rw', db.entities, db.trash, async () => {
    const rows = await db.trash.where('batch').equals(batch).toArray();
    const present = await db.entities.bulkGet(rows.map((r) => r.entity.id));
    const back = rows.filter((_, i) => present[i] === undefined);
    await db.entities.bulkAdd(back.map((r) => r.entity));
    await db.trash.bulkDelete(back.map((r) => r.seq!));
    return { restored: back.map((r) => r.entity), blocked: rows.length - back.length };
  });
}

/** Empties the trash of deletes older than TRASH_DAYS; returns how many entities went. */
export async function purgeTrash(db: BackstoryDb, now = Date.now()): Promise<number> {
  return db.trash
    .where('deletedAt')
    .below(now - TRASH_DAYS * DAY)
    .delete();
}

/**
 * Adds and removes tags on many entities in one transaction. Like any edit,
 * it makes a pack's entity the user's own. Returns the changed entities.
 */
export async function tagEntities(
  db: BackstoryDb,
  ids: readonly string[],
  add: readonly string[],
  remove: readonly string[],
  now = Date.now(),
): Promise<Entity[]> {
  const adding = cleanTags(add);
  const removing = new Set(cleanTags(remove));
  return db.transaction('rw', db.entities, db.history, async () => {
    const found = (await db.entities.bulkGet([...ids])).filter(
      (e): e is StoredEntity => e !== undefined,
    );
    const changed: StoredEntity[] = [];
    const previous: StoredEntity[] = [];
    for (const e of found) {
      const tags = cleanTags([...e.tags.filter((t) => !removing.has(t)), ...adding]);
      if (tags.length === e.tags.length && tags.every((t, i) => t === e.tags[i])) continue;
      // One note over the limit refuses the whole change: nothing half done.
      checkLimits(e.name, e.aliases, tags);
      changed.push({ ...e, tags, origin: 'local', updatedAt: now });
      previous.push(e);
    }
    await keepPrevious(db, previous, now);
    await db.entities.bulkPut(changed);
    return changed;
  });
}

/**
 * The deletes still in the trash, newest first: what the manager can still
 * bring back. Counted through the batch index, so a delete of 100,000 notes
 * is not read back whole to be listed.
 */
export async function listTrash(db: BackstoryDb, limit = 50): Promise<TrashBatch[]> {
  return db.transaction('r', db.trash, async () => {
    const keys = (await db.trash.orderBy('batch').uniqueKeys()) as string[];
    const batches = await Promise.all(
      keys.map(async (batch): Promise<TrashBatch> => {
        const rows = db.trash.where('batch').equals(batch);
        const first = await rows.clone().limit(3).toArray();
        return {
          batch,
          deletedAt: first[0]?.deletedAt ?? 0,
          count: await rows.count(),
          names: first.map((r) => r.entity.name),
        };
      }),
    );
    return batches.sort((a, b) => b.deletedAt - a.deletedAt).slice(0, limit);
  });
}
