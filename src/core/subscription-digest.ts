/**
 * What lets an update of a large subscription read only what changed: per
 * pack id, a 53-bit digest of the merged fields of its entry's base (the
 * copy last fetched), kept in one record per subscription (table
 * `subDigests`). An incoming entity whose digest equals its base's brings
 * nothing new to the three-way merge: every field is the base's, so the
 * reader's note stays exactly as it is (core/subscription-merge.ts
 * `mergeEntity`), and neither the entry nor the note needs reading. Only
 * the rest (changed, new, removed, and entries marked for a recheck) go
 * through `planUpdate`, with the same result as if all had.
 */
import type { Entity } from './entity';
import { hash53 } from './hash53';
import type { PackEntity } from './pack';
import { MERGE_FIELDS } from './subscription';
import type { UpdatePlan } from './subscription-merge';

/** Pack id to the digest of its entry's base. */
export type Digest = Map<string, number>;

/**
 * The digest of a version's merged fields. Finer than the merge's own
 * comparison (`fieldText`, which sorts keys and cleans lists, and costs ten
 * times as much): two versions with equal digests agree on every merged
 * field, while two the merge finds equal but written differently (keys in
 * another order, a blank alias) may differ, and are then merely read and
 * merged. Entities parsed from the same text, or stored and read back
 * (structured clones keep key order), give the same digest.
 */
export function fieldsDigest(e: PackEntity | Entity): number {
  return hash53(JSON.stringify(MERGE_FIELDS.map((field) => e[field] ?? null)));
}

export interface Triage {
  /** Incoming entities the merge must see: new, changed, or marked for a recheck. */
  changed: PackEntity[];
  /** Pack ids of the stored entries to read: those of `changed` that exist, and the absent ones. */
  read: string[];
  /** Incoming entities equal to their base: nothing to do. */
  untouched: number;
}

/**
 * Sorts a new copy's entities against the digest. `recheck`: pack ids whose
 * entry must be read whatever its digest says (in conflict, or settled
 * since the last update, so its base changed without its digest).
 */
export function triage(
  digest: ReadonlyMap<string, number>,
  recheck: ReadonlySet<string>,
  incoming: readonly PackEntity[],
): Triage {
  const result: Triage = { changed: [], read: [], untouched: 0 };
  const present = new Set<string>();
  for (const theirs of incoming) {
    const packId = theirs.id;
    if (packId === undefined) throw new Error('A subscribed pack entity has no id.');
    present.add(packId);
    const held = digest.get(packId);
    if (held !== undefined && !recheck.has(packId) && held === fieldsDigest(theirs)) {
      result.untouched++;
      continue;
    }
    result.changed.push(theirs);
    if (held !== undefined) result.read.push(packId);
  }
  for (const packId of digest.keys()) if (!present.has(packId)) result.read.push(packId);
  return result;
}

/** The digest after a plan made from a triage is written. */
export function digestAfter(before: ReadonlyMap<string, number>, plan: UpdatePlan): Digest {
  const after = new Map(before);
  for (const [, packId] of plan.droppedEntries) after.delete(packId);
  for (const entry of plan.entries) after.set(entry.packId, fieldsDigest(entry.base));
  return after;
}
