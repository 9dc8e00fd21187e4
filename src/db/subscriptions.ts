/**
 * Pack subscriptions in the database (core/subscription.ts): subscribing,
 * the record of each check, the conflicts a reader settles, pausing and
 * unsubscribing. An update itself is db/subscription-update.ts. Each write
 * is one transaction; a caller that changes notes wraps it in
 * `writeVersioned` (db/state.ts), which covers these tables, so the
 * dictionary version commits with the notes.
 */
import type { Entity } from '../core/entity';
import type { PackEntity } from '../core/pack';
import type { MergeField, SubEntry, Subscription } from '../core/subscription';
import { fieldsDigest } from '../core/subscription-digest';
import { sameFields, withFields } from '../core/subscription-merge';
import { keepPrevious } from './history';
import { applyImport, type ApplyOptions, type ImportResult } from './import';
import type { BackstoryDb } from './schema';
import { plainEntry, storedEntry, writeDigest } from './sub-entries';
import { asStored, toTrash } from './subscription-update';

export {
  applyUpdate,
  type FetchedPack,
  type UpdateOptions,
  type UpdateResult,
} from './subscription-update';

/** Thrown by `subscribe` for a URL already subscribed to: nothing is written. */
export class AlreadySubscribedError extends Error {
  override name = 'AlreadySubscribedError';
  constructor(readonly url: string) {
    super(`Already subscribed to ${url}.`);
  }
}

export interface SubscribeInput {
  subscription: Subscription;
  /** The pack's entities, each with a unique id (checkUpdate makes sure). */
  entities: readonly PackEntity[];
  /** For a note the reader has in another version: whether they chose the pack's. */
  takeTheirs?: (existing: Entity) => boolean;
  now: number;
  onProgress?: ApplyOptions['onProgress'];
}

/**
 * Subscribes: imports the pack as an import would (a note the reader has
 * already is met, and kept unless they chose the pack's version), and
 * records the subscription with, per entity, the copy fetched (the base of
 * the next merge) and the note it became. One transaction.
 */
export async function subscribe(db: BackstoryDb, input: SubscribeInput): Promise<ImportResult> {
  const { subscription, entities, takeTheirs, now, onProgress } = input;
  const packIds = entities.map((e) => e.id);
  if (packIds.some((id) => id === undefined) || new Set(packIds).size !== packIds.length)
    throw new Error('Every entity of a subscribed pack needs an id of its own.');
  const tables = [db.entities, db.history, db.subscriptions, db.subEntries, db.subDigests];
  return db.transaction('rw', tables, async () => {
    if (await db.subscriptions.where('url').equals(subscription.url).count())
      throw new AlreadySubscribedError(subscription.url);
    const result = await applyImport(db, entities, {
      origin: subscription.origin,
      takeTheirs,
      now,
      onProgress,
    });
    await db.subscriptions.add(subscription);
    await db.subEntries.bulkAdd(
      entities.map((base, i): SubEntry => ({
        subscription: subscription.id,
        packId: base.id!,
        entityId: result.ids[i]!,
        base,
      })),
    );
    await writeDigest(db, subscription.id, new Map(entities.map((e) => [e.id!, fieldsDigest(e)])));
    return result;
  });
}

/**
 * Records a check that changed no note (a 304, a failure): `patch` over the
 * stored record, a field set to undefined removed. False if unsubscribed.
 */
export async function recordCheck(
  db: BackstoryDb,
  id: string,
  patch: Partial<Subscription>,
): Promise<boolean> {
  const { id: _id, ...changes } = patch;
  return (await db.subscriptions.update(id, changes)) > 0;
}

export async function setPaused(db: BackstoryDb, id: string, paused: boolean): Promise<boolean> {
  return (await db.subscriptions.update(id, { paused })) > 0;
}

const inConflict = (e: SubEntry) => e.conflict !== undefined;
/** A subscription's entries in conflict: among the few marked for a recheck. */
const conflictsOf = (db: BackstoryDb, id: string) =>
  db.subEntries.where('recheck').equals(id).filter(inConflict);

/** Every subscription, in the order subscribed, with how many of its notes are in conflict. */
export async function listSubscriptions(
  db: BackstoryDb,
): Promise<(Subscription & { conflicts: number })[]> {
  return db.transaction('r', db.subscriptions, db.subEntries, async () => {
    const subs = (await db.subscriptions.toArray()).sort((a, b) => a.addedAt - b.addedAt);
    return Promise.all(
      subs.map(async (sub) => ({
        ...sub,
        conflicts: await conflictsOf(db, sub.id).count(),
      })),
    );
  });
}

export interface SubConflict {
  packId: string;
  mine: Entity;
  theirs: PackEntity;
  fields: MergeField[];
}

/** A subscription's conflicts, each with the reader's note as it is now (deleted ones left out). */
export async function listConflicts(db: BackstoryDb, id: string): Promise<SubConflict[]> {
  return db.transaction('r', db.entities, db.subEntries, async () => {
    const entries = await conflictsOf(db, id).toArray();
    const notes = await db.entities.bulkGet(entries.map((e) => e.entityId));
    return entries.flatMap(({ packId, conflict }, i) => {
      const mine = notes[i];
      return mine && conflict
        ? [{ packId, mine, theirs: conflict.theirs, fields: conflict.fields }]
        : [];
    });
  });
}

/**
 * Settles one conflict. `theirs`: the conflicting fields take the pack's
 * values (the history keeps the note as it was); `mine`: the note stays.
 * Either way the base takes the pack's values for those fields, so the same
 * copy asks nothing again. Returns the note as it is now, or null when there
 * is no such conflict (settled already) or the note is gone.
 */
export async function resolveConflict(
  db: BackstoryDb,
  id: string,
  packId: string,
  take: 'mine' | 'theirs',
  now: number,
): Promise<Entity | null> {
  return db.transaction('rw', db.entities, db.history, db.subEntries, async () => {
    const found = await db.subEntries.get([id, packId]);
    const entry = found && plainEntry(found);
    if (!entry?.conflict) return null;
    const { conflict, ...settled } = entry;
    // Its base changes here, not its digest: marked, the next update reads it.
    await db.subEntries.put(
      storedEntry(
        { ...settled, base: withFields(entry.base, conflict.theirs, conflict.fields) },
        true,
      ),
    );
    const mine = await db.entities.get(entry.entityId);
    if (!mine) return null;
    const next = withFields(mine, conflict.theirs, conflict.fields);
    if (take === 'mine' || sameFields(next, mine)) return mine;
    await keepPrevious(db, [mine], now);
    const saved = asStored({ ...next, updatedAt: now });
    await db.entities.put(saved);
    return saved;
  });
}

export interface Unsubscribed {
  /** Notes that stay, as the reader's own. */
  kept: number;
  /** Notes moved to the trash. */
  removed: number;
  /** The delete, for undo (db/bulk.ts restoreBatch). */
  batch?: string;
  /** For the search index: notes written, and ids deleted. */
  saved: Entity[];
  deletedIds: string[];
}

/**
 * Ends a subscription. Its notes become the reader's own (`keep`), or go to
 * the trash as one delete the manager can undo. A note the reader already
 * made their own, or another pack's that this one met at subscribing, is not
 * this subscription's to take away: it stays. One transaction.
 */
export async function unsubscribe(
  db: BackstoryDb,
  id: string,
  keep: boolean,
  now: number,
): Promise<Unsubscribed> {
  const tables = [db.entities, db.trash, db.subscriptions, db.subEntries, db.subDigests];
  return db.transaction('rw', tables, async (): Promise<Unsubscribed> => {
    const sub = await db.subscriptions.get(id);
    const none = { kept: 0, removed: 0, saved: [], deletedIds: [] };
    if (!sub) return none;
    const entries = db.subEntries.where('subscription').equals(id);
    const ids = (await entries.toArray()).map((e) => e.entityId);
    const notes = (await db.entities.bulkGet(ids)).filter((e) => e !== undefined);
    const ours = notes.filter((e) => e.origin === sub.origin);
    const own = notes.filter((e) => e.origin === 'local').length;
    await entries.delete();
    await db.subDigests.delete(id);
    await db.subscriptions.delete(id);
    if (keep) {
      const saved = ours.map((e) => ({ ...e, origin: 'local' }));
      await db.entities.bulkPut(saved);
      return { ...none, kept: own + saved.length, saved };
    }
    const batch = await toTrash(db, ours, now);
    return {
      kept: own,
      removed: ours.length,
      ...(batch ? { batch } : {}),
      saved: [],
      deletedIds: ours.map((e) => e.id),
    };
  });
}
