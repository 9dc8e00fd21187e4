/**
 * Imports: first a plan (what is new, unchanged, changed, in conflict),
 * read without writing; then, once the reader accepts, the writes, in one
 * transaction. The plan is made again inside that transaction, so a note
 * edited between the preview and the click is still never overwritten
 * without the reader's choice, and an import interrupted at any point
 * (tab closed, worker stopped) leaves the data as it was.
 */
import { classify, takeIncoming, type Carried, type PlanItem } from '../core/import-plan';
import type { Entity } from '../core/entity';
import type { PackEntity } from '../core/pack';
import { keepPrevious } from './history';
import { nameKey } from './name-key';
import type { BackstoryDb, StoredEntity } from './schema';

const WRITE_BATCH = 5_000;

/**
 * A list as it is stored: trimmed, without empty entries or repeats. The
 * same array when it already is, as nearly every list is: a new array (and
 * a copy of its entity) for each of 100,000 entries cost a fifth of a
 * preview's plan.
 */
function cleanList(list: string[]): string[] {
  if (list.length === 0) return list;
  if (list.length === 1) {
    const only = list[0]!.trim();
    if (only === list[0]) return only ? list : [];
    return only ? [only] : [];
  }
  const clean = [...new Set(list.map((s) => s.trim()).filter(Boolean))];
  return clean.length === list.length && clean.every((s, i) => s === list[i]) ? list : clean;
}

/** The keys of `wanted` that `stored` holds, each once. */
function present(wanted: readonly string[], stored: readonly unknown[]): string[] {
  const have = new Set(stored);
  return [...new Set(wanted.filter((key) => have.has(key)))];
}

/** Where an import comes from, and what it carries. */
export interface ImportSource {
  /** The imported entities' origin: the file's title or name, or 'starter'. */
  origin: string;
  carried?: Carried;
}

/** Finds each incoming entity's stored counterpart: by id, else by kind and name. */
async function planIn(
  db: BackstoryDb,
  given: readonly PackEntity[],
  { origin, carried = 'all' }: ImportSource,
): Promise<PlanItem[]> {
  // Compared as they would be stored: a list naming an alias twice was "changed" at every
  // import of the same file, and written again.
  const entities = given.map((e) => {
    const aliases = cleanList(e.aliases);
    const tags = cleanList(e.tags);
    return aliases === e.aliases && tags === e.tags ? e : { ...e, aliases, tags };
  });
  // Looked up one by one (bulkGet, anyOf), a file's 100,000 keys cost as much against 11
  // stored notes as against 100,000: when fewer notes are stored than the file holds, their
  // keys are read instead (an index, no records), and only the keys both have looked up.
  const stored = await db.entities.count();
  const givenIds = entities.flatMap((e) => (e.id ? [e.id] : []));
  const ids =
    givenIds.length > stored
      ? present(givenIds, await db.entities.toCollection().primaryKeys())
      : givenIds;
  const byId = new Map<string, StoredEntity>();
  for (const e of await db.entities.bulkGet(ids)) if (e) byId.set(e.id, e);
  const keys = entities.map((e) => nameKey(e.name, e.kind));
  const storedNames =
    keys.length > stored ? present(keys, await db.entities.orderBy('nameKey').keys()) : keys;
  /** Stored entities by kind and name: several may share one (distinct ids, or the reader's). */
  const byName = new Map<string, StoredEntity[]>();
  if (storedNames.length)
    for (const e of await db.entities.where('nameKey').anyOf(storedNames).toArray())
      byName.set(e.nameKey, [...(byName.get(e.nameKey) ?? []), e]);

  const seen = new Set<string>();
  /**
   * Stored entities an entry of the file already answers to. A stored entity answers one
   * entry only, and first the one that names it by its id, wherever that entry stands: an
   * entry without an id earlier in the file took it by name, and the same file imported
   * twice wrote one note's content over another's.
   */
  const claimed = new Set(entities.flatMap((e) => (e.id && byId.has(e.id) ? [e.id] : [])));
  return entities.map((incoming, i): PlanItem => {
    const key = keys[i]!;
    const repeat = seen.has(key) && !incoming.id;
    seen.add(key);
    // The same name twice in one file without ids: the first one counts.
    if (repeat) return { kind: 'unchanged', incoming };
    let existing = incoming.id ? byId.get(incoming.id) : undefined;
    const named = byName.get(key);
    if (!existing && named) {
      // By name, one no other entry took (by its id, say, renamed): the file's own copy first.
      const free = named.filter((e) => !claimed.has(e.id));
      existing = free.find((e) => e.origin === (incoming.origin ?? origin)) ?? free[0];
      if (existing) claimed.add(existing.id);
    }
    return { kind: classify(incoming, existing, origin, carried), incoming, existing };
  });
}

export async function planImport(
  db: BackstoryDb,
  entities: readonly PackEntity[],
  source: ImportSource,
): Promise<PlanItem[]> {
  return db.transaction('r', db.entities, () => planIn(db, entities, source));
}

export interface ImportResult {
  added: Entity[];
  /** Stored entities replaced by the file's version (changed, or conflicts resolved so). */
  updated: Entity[];
  /** Unchanged, and conflicts where the reader kept their version. */
  kept: number;
  /**
   * For each given entity, the stored entity it is now: the new one, or the
   * one it met (changed, unchanged or in conflict); none for a repeat of an
   * earlier entry. A subscription records which note each pack entity became.
   */
  ids: (string | undefined)[];
}

export interface ApplyOptions extends ImportSource {
  /** For a conflict (the stored entity, as it is now): whether the reader chose the file's version. */
  takeTheirs?: (existing: Entity) => boolean;
  now?: number;
  onProgress?: (written: number, total: number) => void;
}

/** Writes an import. Without `takeTheirs`, every conflict keeps the reader's version. */
export async function applyImport(
  db: BackstoryDb,
  entities: readonly PackEntity[],
  options: ApplyOptions,
): Promise<ImportResult> {
  const {
    origin,
    carried = 'all',
    takeTheirs = () => false,
    now = Date.now(),
    onProgress,
  } = options;
  return db.transaction('rw', db.entities, db.history, async () => {
    const plan = await planIn(db, entities, options);
    const added: StoredEntity[] = [];
    const updated: StoredEntity[] = [];
    /** The stored versions the file's replace: kept in the history. */
    const replaced: Entity[] = [];
    const ids: (string | undefined)[] = [];
    for (const { kind, incoming, existing } of plan) {
      const id = kind === 'new' ? (incoming.id ?? crypto.randomUUID()) : existing?.id;
      ids.push(id);
      if (kind === 'new' && id) {
        added.push({
          ...incoming,
          id,
          nameKey: nameKey(incoming.name, incoming.kind),
          // A backup's note comes back with its own origin and times. A note that says only
          // when it changed was made then at the latest: stamped "now", it was changed before
          // it was made, and a backup of it lost that time (core/pack.ts drops such an update).
          origin: incoming.origin ?? origin,
          createdAt: incoming.createdAt ?? incoming.updatedAt ?? now,
          updatedAt: incoming.updatedAt ?? incoming.createdAt ?? now,
        });
      } else if (
        existing &&
        (kind === 'changed' || (kind === 'conflict' && takeTheirs(existing)))
      ) {
        const next = takeIncoming(existing, incoming, origin, now, carried);
        updated.push({ ...next, nameKey: nameKey(next.name, next.kind) });
        replaced.push(existing);
      }
    }
    await keepPrevious(db, replaced, now);
    // Written in batches inside the one transaction, so progress can be told.
    const writes = [...added, ...updated];
    for (let i = 0; i < writes.length; i += WRITE_BATCH) {
      await db.entities.bulkPut(writes.slice(i, i + WRITE_BATCH));
      onProgress?.(Math.min(i + WRITE_BATCH, writes.length), writes.length);
    }
    return { added, updated, kept: plan.length - added.length - updated.length, ids };
  });
}
