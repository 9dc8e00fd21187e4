import { beforeEach, describe, expect, it } from 'vitest';
import { IGNORED_NAMES_MAX } from '../core/ignored-names';
import { useFreshDb } from '../test-setup/fixtures';
import { changeIgnored, clearIgnored, readIgnored } from './ignored-names';
import type { BackstoryDb } from './schema';
import { readState } from './state';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

describe('the stored ignored names', () => {
  it('persist, and come back only when let back', async () => {
    expect(await changeIgnored(db, ['Hulusi Akar', 'NATO'], true)).toEqual({
      count: 2,
      full: false,
    });
    expect(await readIgnored(db)).toEqual(['hulusi akar', 'nato']);
    await changeIgnored(db, ['nato'], false);
    expect(await readIgnored(db)).toEqual(['hulusi akar']);
    await clearIgnored(db);
    expect(await readIgnored(db)).toEqual([]);
  });

  it('change nothing when the list is full', async () => {
    const full = Array.from({ length: IGNORED_NAMES_MAX }, (_, i) => `n${i}`);
    await db.state.put({ key: 'ignoredNames', value: full });
    expect(await changeIgnored(db, ['One more'], true)).toEqual({
      count: IGNORED_NAMES_MAX,
      full: true,
    });
    expect((await readIgnored(db)).at(-1)).toBe(`n${IGNORED_NAMES_MAX - 1}`);
  });

  it('sit beside the state without touching it', async () => {
    await changeIgnored(db, ['Akar'], true);
    expect((await readState(db)).settings.hoverDelay).toBe(300);
  });
});
