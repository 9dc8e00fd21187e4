/**
 * A subscription's update, worked out before anything is written: each note
 * merged field by field against the copy last fetched (the base), so the
 * reader's changes and the pack's meet without either being lost. Per
 * field: only the pack changed it, the pack's value is taken; only the
 * reader did, theirs stays; both did, differently, it is a conflict, and the
 * reader's value stays until they choose. The database layer
 * (db/subscriptions.ts) writes the plan in one transaction.
 */
import type { Entity } from './entity';
import type { PackEntity } from './pack';
import { MERGE_FIELDS, type EntityMerge, type MergeField, type SubEntry } from './subscription';

export { checkUpdate, type CheckedUpdate, type LeftOut } from './subscription-check';

/** Trimmed, without blanks and repeats: aliases and tags as the database stores them. */
export function cleanList(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

/** A field's value as compared and stored: lists cleaned, no case rules or unknown fields as none. */
function valueOf(e: PackEntity | Entity, field: MergeField): unknown {
  switch (field) {
    case 'aliases':
    case 'tags':
      return cleanList(e[field]);
    case 'matchCase':
    case 'extra':
      return e[field] ?? {};
    default:
      return e[field];
  }
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A value as text that is the same for the same structure: object keys
 * sorted (a source written {url, title} by one tool and {title, url} by
 * another is one source), undefined left out as JSON leaves it.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(byKey))
      : v,
  );
}

/** A field's value as text, the same for the same value: what the merge compares. */
export const fieldText = (e: PackEntity | Entity, field: MergeField) =>
  canonical(valueOf(e, field));

/** Whether two versions agree on every merged field. */
export function sameFields(a: PackEntity | Entity, b: PackEntity | Entity): boolean {
  return MERGE_FIELDS.every((field) => fieldText(a, field) === fieldText(b, field));
}

/** A copy of `target` with these fields as `source` has them (an empty record left out). */
export function withFields<T extends PackEntity | Entity>(
  target: T,
  source: PackEntity | Entity,
  fields: readonly MergeField[],
): T {
  const next: Record<string, unknown> = { ...target };
  for (const field of fields) {
    const value = valueOf(source, field);
    // Stored as `{}`, case rules that a note never had made it another note (see pack.ts).
    const none =
      (field === 'matchCase' || field === 'extra') && !Object.keys(value as object).length;
    if (none) delete next[field];
    else next[field] = value;
  }
  return next as T;
}

/**
 * Merges the pack's new version of a note (`theirs`) into the reader's
 * (`mine`) against the version both started from (`base`). The note keeps
 * its id, origin and creation time; it is stamped `now` only if it changed.
 */
export function mergeEntity(
  base: PackEntity,
  mine: Entity,
  theirs: PackEntity,
  now: number,
): EntityMerge {
  const taken: MergeField[] = [];
  const conflicts: MergeField[] = [];
  for (const field of MERGE_FIELDS) {
    const [b, m, t] = [fieldText(base, field), fieldText(mine, field), fieldText(theirs, field)];
    // The same on both sides, or only the reader changed it: the pack brings nothing new.
    if (m === t || t === b) continue;
    if (m === b) taken.push(field);
    else conflicts.push(field);
  }
  const changed = taken.length > 0;
  const merged = withFields(mine, theirs, taken);
  if (changed) merged.updatedAt = now;
  return { merged, changed, conflicts };
}

/**
 * The base an entry keeps after an update: the pack's new version, but for
 * the fields in conflict, which keep the old base. So a conflict the reader
 * has not resolved is still one at the next update (the reader's and the
 * pack's values both still differ from it), and every other field follows
 * the pack.
 */
export function baseAfter(
  base: PackEntity,
  theirs: PackEntity,
  conflicts: readonly MergeField[],
): PackEntity {
  return withFields(theirs, base, conflicts);
}

/** A new note from the pack, as stored: the subscription's origin, the pack's times if any. */
function entityOf(theirs: PackEntity, id: string, origin: string, now: number): Entity {
  const { id: _packId, origin: _itsOrigin, createdAt, updatedAt, ...fields } = theirs;
  return {
    ...fields,
    aliases: cleanList(fields.aliases),
    tags: cleanList(fields.tags),
    id,
    origin,
    // As an import stamps them (db/import.ts): a note that says only when it changed was made then.
    createdAt: createdAt ?? updatedAt ?? now,
    updatedAt: updatedAt ?? createdAt ?? now,
  };
}

export interface UpdateInput {
  /** The subscription's id, for the entries of new notes. */
  subscription: string;
  origin: string;
  now: number;
  /** This subscription's entries, as stored. */
  entries: readonly SubEntry[];
  /** The stored notes the entries point at, by id; absent: the reader deleted that note. */
  stored: ReadonlyMap<string, Entity>;
  /** The new copy's valid entities, every one with a unique id. */
  incoming: readonly PackEntity[];
  /** Pack ids present in the answer but invalid: their entries and notes stay as they are. */
  leftOutIds: ReadonlySet<string>;
  /** Ids of stored notes not of this subscription that incoming pack ids collide with. */
  takenIds: ReadonlySet<string>;
  /** A fresh id, for a new note whose pack id is taken. */
  newId: () => string;
}

export interface UpdatePlan {
  /** New upstream. */
  add: Entity[];
  /** Stored notes the merge changed. */
  put: Entity[];
  /** Their versions before (for the history), in the same order. */
  replaced: Entity[];
  /** Removed upstream and not changed by the reader: to the trash. */
  remove: Entity[];
  /** Removed upstream but changed by the reader: kept as theirs (origin 'local'), and they are told. */
  keptAsOwn: Entity[];
  /**
   * The subscription's entries after the update. An entry the update does
   * not change is the very object given, so the writer can skip it.
   */
  entries: SubEntry[];
  /** Keys ([subscription, packId]) of the entries to delete. */
  droppedEntries: [string, string][];
  /** Entries in conflict after the update. */
  conflicts: number;
  /** Stored notes the update leaves as they are, not in conflict. */
  unchanged: number;
  /** remove + keptAsOwn: what the drastic guard weighs. */
  removedCount: number;
}

/** The conflict as it stands, when the pack still says the same: it keeps its time. */
function conflictOf(entry: SubEntry, theirs: PackEntity, fields: MergeField[], now: number) {
  const before = entry.conflict;
  const same = before && canonical([before.theirs, before.fields]) === canonical([theirs, fields]);
  return same ? before : { theirs, fields, at: now };
}

/** Plans one update of a subscription from its new copy (see UpdatePlan). */
export function planUpdate(input: UpdateInput): UpdatePlan {
  const { subscription, origin, now, entries, stored, incoming, leftOutIds, newId } = input;
  const plan: UpdatePlan = {
    add: [],
    put: [],
    replaced: [],
    remove: [],
    keptAsOwn: [],
    entries: [],
    droppedEntries: [],
    conflicts: 0,
    unchanged: 0,
    removedCount: 0,
  };
  const byPackId = new Map(entries.map((e) => [e.packId, e]));
  // A new note may not take the id of another's note, nor of one an entry points at: one
  // the reader deleted included, or the entry would find the new note as the deleted one.
  const taken = new Set([...input.takenIds, ...entries.map((e) => e.entityId)]);
  const keep = (before: SubEntry, after: SubEntry) =>
    plan.entries.push(canonical(before) === canonical(after) ? before : after);

  for (const theirs of incoming) {
    const packId = theirs.id;
    if (packId === undefined) throw new Error('A subscribed pack entity has no id.');
    const entry = byPackId.get(packId);
    if (!entry) {
      const id = taken.has(packId) ? newId() : packId;
      taken.add(id);
      plan.add.push(entityOf(theirs, id, origin, now));
      plan.entries.push({ subscription, packId, entityId: id, base: theirs });
      continue;
    }
    const { entityId } = entry;
    const mine = stored.get(entityId);
    if (!mine) {
      // The reader deleted it: it stays deleted. The entry stays too (without it the note
      // would come back as new), following the pack, with nothing left to be in conflict.
      keep(entry, { subscription, packId, entityId, base: theirs });
      continue;
    }
    const { merged, changed, conflicts } = mergeEntity(entry.base, mine, theirs, now);
    if (changed) {
      plan.put.push(merged);
      plan.replaced.push(mine);
    } else if (!conflicts.length) plan.unchanged++;
    const base = baseAfter(entry.base, theirs, conflicts);
    if (!conflicts.length) {
      keep(entry, { subscription, packId, entityId, base });
      continue;
    }
    keep(entry, {
      subscription,
      packId,
      entityId,
      base,
      conflict: conflictOf(entry, theirs, conflicts, now),
    });
    plan.conflicts++;
  }

  const present = new Set(incoming.map((e) => e.id));
  for (const entry of entries) {
    if (present.has(entry.packId)) continue;
    if (leftOutIds.has(entry.packId)) {
      plan.entries.push(entry);
      if (entry.conflict) plan.conflicts++;
      continue;
    }
    plan.droppedEntries.push([entry.subscription, entry.packId]);
    const mine = stored.get(entry.entityId);
    // The reader deleted it already; or it is another pack's note, met at subscribing: not ours.
    if (!mine || (mine.origin !== origin && mine.origin !== 'local')) continue;
    // Only the pack's own copy, as the pack last gave it, goes. A note the reader changed, or
    // made their own (saved, or wrote before subscribing), stays theirs.
    if (mine.origin === origin && sameFields(entry.base, mine)) plan.remove.push(mine);
    else plan.keptAsOwn.push({ ...mine, origin: 'local' });
  }
  plan.removedCount = plan.remove.length + plan.keptAsOwn.length;
  return plan;
}

/**
 * Whether an update removes so much that the reader should confirm it: more
 * than half of the notes, or all of them (a host serving an empty or a
 * truncated pack by mistake should not empty the reader's collection).
 */
export function isDrastic(
  removedCount: number,
  entryCount: number,
  incomingCount: number,
): boolean {
  return entryCount > 0 && (incomingCount === 0 || removedCount * 2 > entryCount);
}
