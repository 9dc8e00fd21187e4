/**
 * Builders for the subscription tests: a subscription record, a pack's
 * entity with its id, a fetched copy, and a reader's edit made the way the
 * card or the manager makes it.
 */
import type { PackEntity } from '../core/pack';
import type { Subscription } from '../core/subscription';
import { saveEntity, type EntityDraft } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import type { FetchedPack } from '../db/subscriptions';
import { makePackEntity } from './fixtures';

export const SUB_URL = 'https://team.example/pack.json';

export function makeSubscription(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 's1',
    url: SUB_URL,
    origin: 'Team',
    title: 'Team',
    description: '',
    entityCount: 0,
    validators: { etag: '"v1"' },
    addedAt: 1_000,
    nextCheck: 0,
    failures: 0,
    paused: false,
    ...over,
  };
}

/** A pack entity named after its id ("a" is "A"). */
export const packNote = (id: string, over: Partial<PackEntity> = {}): PackEntity =>
  makePackEntity(id.toUpperCase(), { id, ...over });

export function fetchedCopy(entities: PackEntity[], over: Partial<FetchedPack> = {}): FetchedPack {
  return {
    pack: { title: 'Team', description: '', entities },
    validators: { etag: '"v2"' },
    bodySha256: 'b'.repeat(64),
    ...over,
  };
}

/** The reader edits a note in the editor: saveEntity, which makes it theirs. */
export async function readerEdits(
  db: BackstoryDb,
  id: string,
  patch: Partial<EntityDraft>,
  now = 1_500,
) {
  const e = (await db.entities.get(id))!;
  return saveEntity(
    db,
    { id, name: e.name, aliases: e.aliases, kind: e.kind, note: e.note, tags: e.tags, ...patch },
    now,
  );
}
