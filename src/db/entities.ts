/**
 * Every write to the entities table goes through here, so the rules that keep
 * notes safe live in one place.
 */
import type { CaseRule, Entity, Kind, Link, Source } from '../core/entity';
import { LIMITS } from '../core/pack';
import { ReaderError } from '../core/reader-error';
import { t } from '../i18n';
import { keepPrevious } from './history';
import { nameKey } from './name-key';
import type { BackstoryDb, StoredEntity } from './schema';

export interface EntityDraft {
  id?: string;
  name: string;
  aliases: string[];
  kind: Kind;
  note: string;
  tags: string[];
  /** Replace the entity's links, sources or case rules (the manager's editor). */
  links?: Link[];
  sources?: Source[];
  matchCase?: Record<string, CaseRule>;
  /** Where the note comes from (a page the reader was on), added to the entity's sources. */
  addSource?: Source;
  /**
   * The `updatedAt` of the version the editor showed. If the stored note
   * changed since (another tab, a card, an import), the save is refused
   * rather than overwriting that change.
   */
  baseUpdatedAt?: number;
  /**
   * `id` is the editor's own, made for a note not saved yet, and kept for
   * every try. A try whose answer was lost (the worker stopped between the
   * commit and the reply) still wrote the note: the next try finds it by that
   * id and saves over it (the version before goes to its history), rather
   * than making a second note. Only a note of the reader's own (`local`)
   * unchanged since it was made is saved over (an imported, a subscribed or
   * a starter note never is); another is left as it is
   * (errorChangedElsewhere), as a `baseUpdatedAt` would have it, unless it
   * already holds what this try writes (a second try whose answer was lost).
   */
  fresh?: true;
}

function cleanList(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

/** Refuses a note beyond the pack format's limits (core/pack.ts LIMITS). */
export function checkLimits(
  name: string,
  aliases: readonly string[],
  tags: readonly string[],
): void {
  if (aliases.length > LIMITS.aliases)
    throw new ReaderError(
      t(
        'errorTooMany',
        name,
        aliases.length,
        t('editorAliases').toLocaleLowerCase(),
        LIMITS.aliases,
      ),
    );
  if (tags.length > LIMITS.tags)
    throw new ReaderError(
      t('errorTooMany', name, tags.length, t('editorTags').toLocaleLowerCase(), LIMITS.tags),
    );
}

/** Case rules only for forms the entity still has (a removed alias takes its rule along). */
function keepFormsOf(
  rules: Record<string, CaseRule>,
  name: string,
  aliases: readonly string[],
): Record<string, CaseRule> {
  const forms = new Set([name, ...aliases.map((a) => a.trim())]);
  return Object.fromEntries(Object.entries(rules).filter(([form]) => forms.has(form)));
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
/**
 * Entities read at a time. Firefox fails one read of a whole large collection
 * with "UnknownError" (100,000 notes of 2,000 characters are about 400 MB,
 * more than its IndexedDB passes back in one answer), so every read of many
 * entities asks for them a page at a time.
 */
export const READ_PAGE = 2_000;

/** Every entity, by name (then id, as the name index orders them), read in pages in one transaction. */
export async function allEntities(db: BackstoryDb): Promise<Entity[]> {
  const all = await db.transaction('r', db.entities, async () => {
    const read: StoredEntity[] = [];
    for (;;) {
      const last = read.at(-1)?.id;
      const page = await (
        last === undefined ? db.entities.orderBy(':id') : db.entities.where(':id').above(last)
      )
        .limit(READ_PAGE)
        .toArray();
      read.push(...page);
      if (page.length < READ_PAGE) return read;
    }
  });
  // IndexedDB compares strings by code unit, as `<` does.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return all.sort((a, b) => order(a.name, b.name) || order(a.id, b.id));
}

export async function getEntity(db: BackstoryDb, id: string): Promise<Entity | undefined> {
  return db.entities.get(id);
}

/** `sources` with `add` last, unless an equal one is there already (a try made again). */
function withSource(sources: Source[], add: Source | undefined): Source[] {
  if (!add) return sources;
  const key = JSON.stringify(add);
  return sources.some((s) => JSON.stringify(s) === key) ? sources : [...sources, add];
}

/** The fields a save writes, the times aside. */
const SAVED_FIELDS = [
  'name',
  'kind',
  'aliases',
  'note',
  'tags',
  'links',
  'sources',
  'matchCase',
  'origin',
] as const;

function holdsSame(stored: StoredEntity, next: StoredEntity): boolean {
  return SAVED_FIELDS.every((f) => JSON.stringify(stored[f]) === JSON.stringify(next[f]));
}

/** Creates an entity, or updates the one with `draft.id`, keeping what the draft does not carry. */
export async function saveEntity(
  db: BackstoryDb,
  draft: EntityDraft,
  now = Date.now(),
): Promise<Entity> {
  return db.transaction('rw', db.entities, db.history, async () => {
    const existing = draft.id ? await db.entities.get(draft.id) : undefined;
    if (draft.id && !existing && !draft.fresh) throw new ReaderError(t('errorEntityGone'));
    // A bug of an editor's, never the reader's doing.
    if (draft.fresh && draft.baseUpdatedAt !== undefined)
      throw new Error('A new note has no base version.');
    const name = draft.name.trim();
    // The pack's limits hold for every write, so whatever is saved also exports and imports.
    checkLimits(name, cleanList(draft.aliases), cleanList(draft.tags));
    const entity: StoredEntity = {
      links: [],
      createdAt: now,
      ...existing,
      id: existing?.id ?? (draft.fresh ? draft.id : undefined) ?? crypto.randomUUID(),
      name,
      nameKey: nameKey(name, draft.kind),
      aliases: cleanList(draft.aliases),
      kind: draft.kind,
      note: draft.note,
      tags: cleanList(draft.tags),
      ...(draft.links ? { links: draft.links } : {}),
      sources: withSource(draft.sources ?? existing?.sources ?? [], draft.addSource),
      ...(draft.matchCase ? { matchCase: keepFormsOf(draft.matchCase, name, draft.aliases) } : {}),
      // Editing a pack's entity makes it the user's own.
      origin: 'local',
      updatedAt: now,
    };
    // No case rules left (none of the forms they named): none kept. Stored as `{}`, which no
    // export writes, the note came back from its backup without them, another note.
    if (entity.matchCase && !Object.keys(entity.matchCase).length) delete entity.matchCase;
    if (
      existing &&
      (draft.fresh
        ? !(existing.origin === 'local' && existing.updatedAt === existing.createdAt)
        : draft.baseUpdatedAt !== undefined && existing.updatedAt !== draft.baseUpdatedAt)
    ) {
      // It holds this very save already: an earlier try's, whose answer was lost.
      if (holdsSame(existing, entity)) return existing;
      throw new ReaderError(t('errorChangedElsewhere'));
    }
    if (existing) await keepPrevious(db, [existing], now);
    await db.entities.put(entity);
    return entity;
  });
}

export async function getMeta<T>(db: BackstoryDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: BackstoryDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
