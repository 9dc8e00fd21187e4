/**
 * What an import would do, worked out before anything is written: each
 * incoming entity is new, unchanged, changed (the file updates its own
 * earlier copy) or in conflict (the reader has their own version: written
 * or edited here). A conflict is only ever resolved by the reader's choice;
 * without one, their version stays.
 */
import type { Entity } from './entity';
import { LIMITS } from './limits';
import type { PackEntity } from './pack';

export type PlanKind = 'new' | 'unchanged' | 'changed' | 'conflict';

/**
 * The origin of a file's notes: its title, else its file name without the
 * extension, cut to LIMITS.origin. Longer (a title may have 300 characters),
 * a backup of the notes wrote an origin it then refused, and the manager
 * could not filter by it. "local" means the reader's own notes: a file
 * cannot take that name, also not by being cut to it.
 */
export function originOf(title: string, fileName: string): string {
  const named = cut(title.trim() || fileName.replace(/\.[^.]*$/, '') || fileName);
  return named === 'local' ? cut(`local (${fileName})`) : named;
}

/** At most LIMITS.origin characters, not ending in half of one, nor in white space. */
function cut(text: string): string {
  let end = Math.min(text.length, LIMITS.origin);
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return text.slice(0, end).trim();
}

export interface PlanItem {
  kind: PlanKind;
  incoming: PackEntity;
  /** The entity already stored under the same id, or the same kind and name. */
  existing?: Entity;
}

export type PlanCounts = Record<PlanKind, number>;

/**
 * Which fields a file carries: a pack all of them; a CSV file only name,
 * aliases, kind, tags and note (DESIGN.md section 3), so links, sources
 * and unknown fields it lacks are neither compared nor overwritten.
 */
export type Carried = 'all' | 'basic';

/** The fields a file carries, in a fixed order, for comparing two versions. */
function content(e: PackEntity | Entity, carried: Carried): string {
  const basic = [e.name, e.aliases, e.kind, e.note, e.tags];
  return JSON.stringify(
    carried === 'all' ? [...basic, e.links, e.matchCase ?? {}, e.extra ?? {}] : basic,
  );
}

export function sameContent(
  a: PackEntity | Entity,
  b: PackEntity | Entity,
  carried: Carried = 'all',
): boolean {
  return content(a, carried) === content(b, carried);
}

/**
 * Classifies one incoming entity against what is stored. `origin` is the
 * importing file's origin: an entity stored with that origin is the file's
 * own earlier copy, which the file may update; anything else is the
 * reader's, or another pack's.
 */
export function classify(
  incoming: PackEntity,
  existing: Entity | undefined,
  origin: string,
  carried: Carried = 'all',
): PlanKind {
  if (!existing) return 'new';
  if (sameContent(incoming, existing, carried)) return 'unchanged';
  // A backup's note names its own origin; any other file's are the file's.
  const from = incoming.origin ?? origin;
  // The reader's own notes are never "the file's own copy", whatever the file is called;
  // nor is a backup's copy that is not newer than the stored one (someone's older backup),
  // or that cannot say when it changed.
  const newer =
    incoming.updatedAt !== undefined
      ? incoming.updatedAt > existing.updatedAt
      : incoming.origin === undefined;
  return existing.origin === from && from !== 'local' && newer ? 'changed' : 'conflict';
}

export function countPlan(items: readonly PlanItem[]): PlanCounts {
  const counts: PlanCounts = { new: 0, unchanged: 0, changed: 0, conflict: 0 };
  for (const item of items) counts[item.kind]++;
  return counts;
}

/** The stored entity after taking the file's version: its creation time and sources kept. */
export function takeIncoming(
  existing: Entity,
  incoming: PackEntity,
  origin: string,
  now: number,
  carried: Carried = 'all',
): Entity {
  // The stored id stays: a file matched by name may carry another id, or none.
  const { name, aliases, kind, note, tags } = incoming;
  const updatedAt = incoming.updatedAt ?? now;
  const basic = {
    ...existing,
    name,
    aliases,
    kind,
    note,
    tags,
    // A backup's note keeps its own origin and time of change. That version was written then,
    // so the note was made then at the latest: kept as made later, it was changed before it
    // was made, and its backup lost the change time (core/pack.ts drops such an update).
    origin: incoming.origin ?? origin,
    createdAt: Math.min(existing.createdAt, updatedAt),
    updatedAt,
  };
  if (carried === 'basic') return basic;
  return {
    ...basic,
    links: incoming.links,
    sources: incoming.sources.length ? incoming.sources : existing.sources,
    ...(incoming.matchCase ? { matchCase: incoming.matchCase } : {}),
    ...(incoming.extra ? { extra: incoming.extra } : {}),
  };
}
