/**
 * The ignored names (core/ignored-names.ts), one row of the `state` table:
 * a small list, read whole, changed in one transaction. Only the background
 * writes it, after the state's first read (StateService), so the move of
 * older versions' values into an empty table still finds it empty.
 */
import { readIgnoredNames, withIgnoredNames } from '../core/ignored-names';
import type { BackstoryDb } from './schema';

const KEY = 'ignoredNames';

export async function readIgnored(db: BackstoryDb): Promise<string[]> {
  return readIgnoredNames((await db.state.get(KEY))?.value);
}

/** Ignores `names` (or lets them back); `full` when the list has no room for them, changing nothing. */
export async function changeIgnored(
  db: BackstoryDb,
  names: readonly string[],
  ignored: boolean,
): Promise<{ count: number; full: boolean }> {
  return db.transaction('rw', db.state, async () => {
    const list = await readIgnored(db);
    const next = withIgnoredNames(list, names, ignored);
    if (!next) return { count: list.length, full: true };
    await db.state.put({ key: KEY, value: next });
    return { count: next.length, full: false };
  });
}

export async function clearIgnored(db: BackstoryDb): Promise<void> {
  await db.state.delete(KEY);
}
