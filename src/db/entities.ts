/**
 * Every write to the entities table goes through here, so the rules that keep
 * notes safe live in one place.
 */
import type { Entity, Kind, Source } from '../core/entity';
import type { PackEntity } from '../core/pack';
import { t } from '../i18n';
import { ReaderError } from '../messaging/failure';
import { nameKey } from './name-key';
import type { BackstoryDb, StoredEntity } from './schema';

export interface EntityDraft {
  id?: string;
  name: string;
  aliases: string[];
  kind: Kind;
  note: string;
  tags: string[];
  /** Where the note comes from (a page the reader was on), added to the entity's sources. */
  addSource?: Source;
}

export interface ImportOutcome {
  added: Entity[];
  /** Entities already present (same id, or same name and kind): left as they were. */
  kept: number;
}

const IMPORT_BATCH = 5_000;

function cleanList(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

/** Entities whose name starts with `query` (any case), in name order: the alias picker's search. */
export async function searchByName(
  db: BackstoryDb,
  query: string,
  limit: number,
): Promise<Entity[]> {
  return db.entities.where('name').startsWithIgnoreCase(query.trim()).limit(limit).toArray();
}

/** Every entity, in name order. */
export async function allEntities(db: BackstoryDb): Promise<Entity[]> {
  return db.entities.orderBy('name').toArray();
}

export async function getEntity(db: BackstoryDb, id: string): Promise<Entity | undefined> {
  return db.entities.get(id);
}

/** Creates an entity, or updates the one with `draft.id`, keeping what the draft does not carry. */
export async function saveEntity(
  db: BackstoryDb,
  draft: EntityDraft,
  now = Date.now(),
): Promise<Entity> {
  return db.transaction('rw', db.entities, async () => {
    const existing = draft.id ? await db.entities.get(draft.id) : undefined;
    if (draft.id && !existing) throw new ReaderError(t('errorEntityGone'));
    const name = draft.name.trim();
    const entity: StoredEntity = {
      links: [],
      createdAt: now,
      ...existing,
      id: existing?.id ?? crypto.randomUUID(),
      name,
      nameKey: nameKey(name, draft.kind),
      aliases: cleanList(draft.aliases),
      kind: draft.kind,
      note: draft.note,
      tags: cleanList(draft.tags),
      sources: draft.addSource
        ? [...(existing?.sources ?? []), draft.addSource]
        : (existing?.sources ?? []),
      // Editing a pack's entity makes it the user's own.
      origin: 'local',
      updatedAt: now,
    };
    await db.entities.put(entity);
    return entity;
  });
}

/**
 * Adds a pack's entities in one transaction: all of them or, if anything
 * fails, none. An entity already present (same id, or same name and kind) is
 * kept as it is, so an import never overwrites a local edit.
 */
export async function importEntities(
  db: BackstoryDb,
  entities: readonly PackEntity[],
  origin: string,
  now = Date.now(),
  onProgress?: (written: number, total: number) => void,
): Promise<ImportOutcome> {
  return db.transaction('rw', db.entities, async () => {
    const ids = entities.flatMap((e) => (e.id ? [e.id] : []));
    const existingIds = new Set((await db.entities.bulkGet(ids)).flatMap((e) => (e ? [e.id] : [])));
    // Only the index's keys are read, not the entities.
    const existingNames = new Set(
      (await db.entities.orderBy('nameKey').uniqueKeys()) as unknown as string[],
    );

    const added: StoredEntity[] = [];
    let kept = 0;
    for (const e of entities) {
      const key = nameKey(e.name, e.kind);
      if ((e.id && existingIds.has(e.id)) || existingNames.has(key)) {
        kept++;
        continue;
      }
      existingNames.add(key);
      added.push({
        ...e,
        id: e.id ?? crypto.randomUUID(),
        nameKey: key,
        aliases: cleanList(e.aliases),
        tags: cleanList(e.tags),
        origin,
        createdAt: now,
        updatedAt: now,
      });
    }
    // Written in batches inside the one transaction, so progress can be told.
    for (let i = 0; i < added.length; i += IMPORT_BATCH) {
      await db.entities.bulkAdd(added.slice(i, i + IMPORT_BATCH));
      onProgress?.(Math.min(i + IMPORT_BATCH, added.length), added.length);
    }
    return { added, kept };
  });
}

export async function getMeta<T>(db: BackstoryDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: BackstoryDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
