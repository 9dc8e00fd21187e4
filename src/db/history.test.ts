import { beforeEach, describe, expect, it } from 'vitest';
import { tagEntities } from './bulk';
import { getEntity, saveEntity } from './entities';
import { HISTORY_DAYS, listHistory, purgeHistory, restoreVersion } from './history';
import { applyImport } from './import';
import type { BackstoryDb } from './schema';
import { makePackEntity, useFreshDb } from '../test-setup/fixtures';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

const DAY = 24 * 60 * 60 * 1000;
const draft = (note: string, tags: string[] = []) => ({
  name: 'Benny Gantz',
  aliases: ['Gantz'],
  kind: 'person' as const,
  note,
  tags,
});

describe('history', () => {
  it('a new note has no history; each save keeps the version it replaced', async () => {
    const first = await saveEntity(db, draft('one'), 1);
    expect(await listHistory(db, first.id)).toEqual([]);
    const second = await saveEntity(db, { ...draft('two'), id: first.id }, 2);
    await saveEntity(db, { ...draft('three'), id: first.id, baseUpdatedAt: second.updatedAt }, 3);
    const versions = await listHistory(db, first.id);
    expect(versions.map((v) => [v.replacedAt, v.entity.note])).toEqual([
      [3, 'two'],
      [2, 'one'],
    ]);
    // Kept exactly as they were, without the database's own key.
    const { nameKey: _key, ...stored } = first as typeof first & { nameKey: string };
    expect(versions[1]!.entity).toEqual(stored);
  });

  it('a refused save keeps no version', async () => {
    const note = await saveEntity(db, draft('one'), 1);
    await expect(
      saveEntity(db, { ...draft('two'), id: note.id, baseUpdatedAt: 0 }, 2),
    ).rejects.toThrow(/changed elsewhere/);
    expect(await listHistory(db, note.id)).toEqual([]);
  });

  it('an import that takes the file’s version keeps the reader’s; one that keeps it, nothing', async () => {
    const pack = (note: string) => [makePackEntity('Benny Gantz', { id: 'g', note })];
    await applyImport(db, pack('from the pack'), { origin: 'team', now: 1 });
    await applyImport(db, pack('the pack, updated'), { origin: 'team', now: 2 });
    expect((await listHistory(db, 'g')).map((v) => v.entity.note)).toEqual(['from the pack']);

    // A conflict the reader settles for the file: the reader's own version is kept.
    await saveEntity(db, { ...draft('mine'), id: 'g' }, 3);
    await applyImport(db, pack('theirs'), { origin: 'other', now: 4, takeTheirs: () => true });
    expect((await listHistory(db, 'g')).map((v) => v.entity.note)).toEqual([
      'mine',
      'the pack, updated',
      'from the pack',
    ]);
    // Settled for the reader: nothing is replaced, nothing kept.
    await applyImport(db, pack('again'), { origin: 'third', now: 5 });
    expect(await listHistory(db, 'g')).toHaveLength(3);
  });

  it('a change of tags on many notes keeps each changed note’s version, and only those', async () => {
    const a = await saveEntity(db, { ...draft('a', ['x']), name: 'A' }, 1);
    const b = await saveEntity(db, { ...draft('b'), name: 'B' }, 1);
    await tagEntities(db, [a.id, b.id], ['x'], [], 2);
    expect(await listHistory(db, a.id)).toEqual([]);
    expect((await listHistory(db, b.id)).map((v) => v.entity.tags)).toEqual([[]]);
  });

  it('a restore brings the old version back as a new change, and can itself be undone', async () => {
    const one = await saveEntity(db, draft('one', ['t']), 1);
    const two = await saveEntity(db, { ...draft('two'), id: one.id }, 2);
    const [version] = await listHistory(db, one.id);
    const back = await restoreVersion(db, version!.seq, two.updatedAt, 3);
    expect(back).toMatchObject({ note: 'one', tags: ['t'], updatedAt: 3, origin: 'local' });
    expect(await getEntity(db, one.id)).toEqual(back);
    // The version the restore replaced is the newest in the history.
    const after = await listHistory(db, one.id);
    expect(after.map((v) => v.entity.note)).toEqual(['two', 'one']);
    expect((await restoreVersion(db, after[0]!.seq, 3, 4)).note).toBe('two');
  });

  it('a restore over a note changed since, of a deleted note, or of a version gone changes nothing', async () => {
    const one = await saveEntity(db, draft('one'), 1);
    await saveEntity(db, { ...draft('two'), id: one.id }, 2);
    const [version] = await listHistory(db, one.id);
    await expect(restoreVersion(db, version!.seq, 1, 3)).rejects.toThrow(/changed elsewhere/);
    await expect(restoreVersion(db, 999, 2, 3)).rejects.toThrow(/no longer kept/);
    expect((await getEntity(db, one.id))?.note).toBe('two');
    expect(await listHistory(db, one.id)).toHaveLength(1);
    await db.entities.delete(one.id);
    await expect(restoreVersion(db, version!.seq, 2, 3)).rejects.toThrow();
    expect(await getEntity(db, one.id)).toBeUndefined();
  });

  it('versions older than the days kept go; newer ones stay', async () => {
    const now = 100 * DAY;
    const one = await saveEntity(db, draft('one'), 1);
    await saveEntity(db, { ...draft('old'), id: one.id }, now - HISTORY_DAYS * DAY - 1);
    await saveEntity(db, { ...draft('new'), id: one.id }, now - HISTORY_DAYS * DAY + 1);
    expect(await purgeHistory(db, now)).toBe(1);
    expect((await listHistory(db, one.id)).map((v) => v.entity.note)).toEqual(['old']);
  });
});
