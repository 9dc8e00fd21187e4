/**
 * Every overwrite of a note keeps the version it replaced, for `HISTORY_DAYS`
 * (issue 12, "History"; issue 11, "every overwrite is undoable"): a save from
 * the card or the manager, an import that takes the file's version, a change
 * of tags on many notes, and a restore of an old version itself. The writers
 * call `keepPrevious` inside their own transaction, so the note and the copy
 * of what it was commit together or not at all.
 */
import type { Entity } from '../core/entity';
import type { HistoryVersion } from '../core/history';
import { ReaderError } from '../core/reader-error';
import { t } from '../i18n';
import { nameKey } from './name-key';
import type { BackstoryDb, StoredEntity } from './schema';

export const HISTORY_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
/** The versions the manager lists for one note: a month of saves, and more than anyone reads. */
const LISTED = 100;

/** Keeps the versions these writes replace. Call inside a transaction over `db.history`. */
export async function keepPrevious(
  db: BackstoryDb,
  previous: readonly Entity[],
  now: number,
): Promise<void> {
  if (!previous.length) return;
  await db.history.bulkAdd(
    // Stored as the entity alone: the name key is the database's, made again on restore.
    previous.map(({ nameKey: _key, ...entity }: Entity & { nameKey?: string }) => ({
      entityId: entity.id,
      replacedAt: now,
      entity,
    })),
  );
}

/** A note's earlier versions, newest first. */
export async function listHistory(db: BackstoryDb, entityId: string): Promise<HistoryVersion[]> {
  const rows = await db.history
    .where('entityId')
    .equals(entityId)
    .reverse()
    .limit(LISTED)
    .toArray();
  return rows.map((r) => ({ seq: r.seq!, replacedAt: r.replacedAt, entity: r.entity }));
}

/**
 * Puts an earlier version back as the note, keeping the one it replaces (so a
 * restore can be undone the same way). `baseUpdatedAt` is the version the
 * manager showed: a note changed since is not overwritten.
 */
export async function restoreVersion(
  db: BackstoryDb,
  seq: number,
  baseUpdatedAt: number,
  now = Date.now(),
): Promise<StoredEntity> {
  return db.transaction('rw', db.entities, db.history, async () => {
    const row = await db.history.get(seq);
    if (!row) throw new ReaderError(t('errorVersionGone'));
    const current = await db.entities.get(row.entity.id);
    if (!current) throw new ReaderError(t('errorEntityGone'));
    if (current.updatedAt !== baseUpdatedAt) throw new ReaderError(t('errorChangedElsewhere'));
    await keepPrevious(db, [current], now);
    // The old text comes back as a new change: it is the reader's, and now.
    const { entity } = row;
    const back: StoredEntity = {
      ...entity,
      nameKey: nameKey(entity.name, entity.kind),
      origin: 'local',
      updatedAt: now,
    };
    await db.entities.put(back);
    return back;
  });
}

/** Forgets versions older than HISTORY_DAYS; returns how many went. */
export async function purgeHistory(db: BackstoryDb, now = Date.now()): Promise<number> {
  return db.history
    .where('replacedAt')
    .below(now - HISTORY_DAYS * DAY)
    .delete();
}
