/**
 * A subscription's update, written: the plan (core/subscription-merge.ts)
 * made inside the transaction that writes it, from the notes as they are at
 * that moment, so an edit made while the pack was fetched is merged, never
 * overwritten; and all of it (notes, history, trash, entries, the
 * subscription's record) commits together or not at all.
 */
import type { Entity } from '../core/entity';
import type { Pack, PackFeed } from '../core/pack';
import type { Subscription, Validators } from '../core/subscription';
import { digestAfter, triage } from '../core/subscription-digest';
import { isDrastic, planUpdate, type LeftOut } from '../core/subscription-merge';
import { keepPrevious } from './history';
import { nameKey } from './name-key';
import type { BackstoryDb, StoredEntity } from './schema';
import { plainEntry, readDigest, recheckIds, storedEntry, writeDigest } from './sub-entries';

/** A new copy that passed checkUpdate, with what the fetch learnt about it. */
export interface FetchedPack {
  pack: Pack;
  leftOut?: LeftOut;
  validators: Validators;
  /** SHA-256 (hex) of the body as it arrived. */
  bodySha256: string;
}

export interface UpdateOptions {
  now: number;
  /** When the schedule checks again (core/subscription-schedule.ts). */
  nextCheck: number;
  /** The reader applies a held update: taken only if it is the very body held. */
  force?: boolean;
}

export type UpdateResult =
  | {
      kind: 'applied';
      added: number;
      updated: number;
      removed: number;
      /** Names of the notes the pack removed that the reader had changed: now their own. */
      keptAsOwn: string[];
      conflicts: number;
      /** Notes the pack brought nothing new to (one the reader deleted among them). */
      unchanged: number;
      /** Every note written (added, merged, made the reader's own), for the search index. */
      saved: Entity[];
      deletedIds: string[];
      /** The delete of the removed notes, for undo (db/bulk.ts restoreBatch). */
      trashBatch?: string;
    }
  /** It would remove most of the notes: nothing changed, the reader decides. */
  | { kind: 'held'; removed: number; total: number }
  /** Unsubscribed meanwhile. */
  | { kind: 'gone' };

/** A note as the database keeps it: with the key that finds it by kind and name. */
export const asStored = (e: Entity): StoredEntity => ({ ...e, nameKey: nameKey(e.name, e.kind) });

/**
 * Moves notes to the trash as one delete, in the rows db/bulk.ts
 * `deleteEntities` writes, so the manager's "Recently deleted" lists it and
 * can undo it. Call inside a transaction over `entities` and `trash`.
 */
export async function toTrash(
  db: BackstoryDb,
  entities: readonly Entity[],
  now: number,
): Promise<string | undefined> {
  if (!entities.length) return undefined;
  const batch = crypto.randomUUID();
  await db.trash.bulkAdd(entities.map((e) => ({ batch, deletedAt: now, entity: asStored(e) })));
  await db.entities.bulkDelete(entities.map((e) => e.id));
  return batch;
}

const FEED_FIELDS = ['expires', 'homepage', 'license', 'revision', 'sha256'] as const;
/** What the last copy said, the last failure, a held update: a new copy replaces them. */
const REPLACED = [
  ...FEED_FIELDS,
  'updated',
  'leftOut',
  'held',
  'lastError',
  'failingSince',
] as const satisfies readonly (keyof Subscription)[];

/** The subscription's record after a copy is applied: the pack's header, a good answer. */
function recordOf(sub: Subscription, fetched: FetchedPack, options: UpdateOptions): Subscription {
  const { pack, leftOut, validators, bodySha256 } = fetched;
  const row: Subscription = { ...sub };
  for (const key of REPLACED) delete row[key];
  const feed: PackFeed = {};
  for (const key of FEED_FIELDS) if (pack[key] !== undefined) feed[key] = pack[key];
  return {
    ...row,
    ...feed,
    // A pack without a title keeps the name the reader knows it by.
    title: pack.title.trim() || sub.title,
    description: pack.description,
    ...(pack.updated !== undefined ? { updated: pack.updated } : {}),
    entityCount: pack.entities.length,
    validators,
    bodySha256,
    lastSuccess: options.now,
    lastCheck: options.now,
    nextCheck: options.nextCheck,
    failures: 0,
    ...(leftOut ? { leftOut: { count: leftOut.count, first: leftOut.first } } : {}),
  };
}

/** Applies a new copy of subscription `id` (see UpdateResult). */
export async function applyUpdate(
  db: BackstoryDb,
  id: string,
  fetched: FetchedPack,
  options: UpdateOptions,
): Promise<UpdateResult> {
  const { now, nextCheck, force = false } = options;
  const { pack, leftOut, bodySha256 } = fetched;
  const tables = [
    db.entities,
    db.history,
    db.trash,
    db.subscriptions,
    db.subEntries,
    db.subDigests,
  ];
  return db.transaction('rw', tables, async (): Promise<UpdateResult> => {
    const sub = await db.subscriptions.get(id);
    if (!sub) return { kind: 'gone' };
    // Only what the pack changed, and what it left out, is read (core/subscription-digest.ts).
    const digest = await readDigest(db, id);
    const recheck = await recheckIds(db, id);
    const sorted = triage(digest, recheck, pack.entities);
    const read = await db.subEntries.bulkGet(sorted.read.map((packId) => [id, packId]));
    const entries = read.flatMap((e) => (e ? [plainEntry(e)] : []));
    const found = await db.entities.bulkGet(entries.map((e) => e.entityId));
    const stored = new Map(found.flatMap((e) => (e ? [[e.id, e] as const] : [])));
    // A new note may not take the id of another note, nor one an entry of any
    // subscription points at (its note deleted): that entry would find the new note as its own.
    const newIds = sorted.changed.flatMap((e) => (e.id && !digest.has(e.id) ? [e.id] : []));
    const takenIds = new Set([
      ...(await db.entities.bulkGet(newIds)).flatMap((e) => (e ? [e.id] : [])),
      ...(await db.subEntries.where('entityId').anyOf(newIds).toArray()).map((e) => e.entityId),
    ]);
    // Left out without their ids known: no note counts as removed until the pack is whole.
    const leftOutIds = new Set(leftOut ? (leftOut.ids ?? [...digest.keys()]) : []);
    const plan = planUpdate({
      subscription: id,
      origin: sub.origin,
      now,
      entries,
      stored,
      incoming: sorted.changed,
      leftOutIds,
      takenIds,
      newId: () => crypto.randomUUID(),
    });

    const removed = plan.removedCount;
    const total = digest.size;
    if (
      isDrastic(removed, total, pack.entities.length) &&
      !(force && sub.held?.sha256 === bodySha256)
    ) {
      // The answer was good, so the run of failures ends; but the validators stay those of
      // the copy held, so the next request fetches this body again for the reader to apply.
      const at = sub.held?.sha256 === bodySha256 ? sub.held.at : now;
      const { lastError: _error, failingSince: _since, ...rest } = sub;
      await db.subscriptions.put({
        ...rest,
        // Its validators go with it: "Keep current" records them, so the same answer is not held again.
        held: { sha256: bodySha256, removed, total, at, validators: fetched.validators },
        lastCheck: now,
        nextCheck,
        failures: 0,
      });
      return { kind: 'held', removed, total };
    }

    await keepPrevious(db, plan.replaced, now);
    const added = plan.add.map(asStored);
    const changed = [...plan.put, ...plan.keptAsOwn].map(asStored);
    // Added, not put: a new note overwrites nothing, whatever planUpdate was told.
    await db.entities.bulkAdd(added);
    await db.entities.bulkPut(changed);
    const trashBatch = await toTrash(db, plan.remove, now);
    const before = new Set(entries);
    // Written: what changed, and what was marked for a recheck and is settled now.
    const written = plan.entries.filter(
      (e) => !before.has(e) || (!e.conflict && recheck.has(e.packId)),
    );
    await db.subEntries.bulkPut(written.map((e) => storedEntry(e)));
    await db.subEntries.bulkDelete(plan.droppedEntries);
    if (written.length || plan.droppedEntries.length)
      await writeDigest(db, id, digestAfter(digest, plan));
    const saved = [...added, ...changed];
    const notesChanged = saved.length > 0 || plan.remove.length > 0;
    await db.subscriptions.put({
      ...recordOf(sub, fetched, options),
      ...(notesChanged ? { lastUpdate: now } : {}),
    });
    return {
      kind: 'applied',
      added: plan.add.length,
      updated: plan.put.length,
      removed: plan.remove.length,
      keptAsOwn: plan.keptAsOwn.map((e) => e.name),
      conflicts: plan.conflicts,
      unchanged: plan.unchanged + sorted.untouched,
      saved,
      deletedIds: plan.remove.map((e) => e.id),
      ...(trashBatch ? { trashBatch } : {}),
    };
  });
}
