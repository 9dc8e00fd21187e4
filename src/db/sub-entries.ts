/**
 * A subscription's entries as stored (schema.ts `StoredSubEntry`) and the
 * digest that spares an update from reading them all
 * (core/subscription-digest.ts). Call inside a transaction over
 * `subEntries` and `subDigests`.
 */
import type { SubEntry } from '../core/subscription';
import { fieldsDigest, type Digest } from '../core/subscription-digest';
import type { BackstoryDb, StoredSubEntry } from './schema';

/** An entry as written: marked for a recheck while it is in conflict, or when `settled`. */
export function storedEntry(entry: SubEntry, settled = false): StoredSubEntry {
  const { recheck: _mark, ...plain } = entry as StoredSubEntry;
  return entry.conflict || settled ? { ...plain, recheck: entry.subscription } : plain;
}

/** An entry as the merge sees it: the mark is the database's own. */
export function plainEntry(stored: StoredSubEntry): SubEntry {
  const { recheck: _mark, ...entry } = stored;
  return entry;
}

/** Pack ids of a subscription's entries marked for a recheck. */
export async function recheckIds(db: BackstoryDb, id: string): Promise<Set<string>> {
  const keys = await db.subEntries.where('recheck').equals(id).primaryKeys();
  return new Set(keys.map(([, packId]) => packId));
}

/**
 * A subscription's digest. Should its record be missing (it never is
 * written apart from the entries, but a database is data), it is made
 * again from the entries: slower, never wrong.
 */
export async function readDigest(db: BackstoryDb, id: string): Promise<Digest> {
  const row = await db.subDigests.get(id);
  if (row) return row.hashes;
  const entries = await db.subEntries.where('subscription').equals(id).toArray();
  return new Map(entries.map((e) => [e.packId, fieldsDigest(e.base)]));
}

export async function writeDigest(db: BackstoryDb, id: string, hashes: Digest): Promise<void> {
  await db.subDigests.put({ subscription: id, hashes });
}
