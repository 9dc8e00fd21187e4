import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type BackstoryDb } from '../db/schema';
import { installStarterPack, STARTER_ORIGIN } from './starter';

let db: BackstoryDb;
beforeEach(() => {
  db = openDb(`starter-${Math.random()}`);
});
afterEach(() => db.delete());

describe('starter pack', () => {
  it('installs the seed story entities once, as removable starter notes', async () => {
    expect(await installStarterPack(db)).toBeGreaterThanOrEqual(9);
    const names = (await db.entities.toArray()).map((e) => e.name);
    for (const name of [
      'Benny Gantz',
      'Hulusi Akar',
      'Ilham Aliyev',
      'Ankara',
      'Baku',
      'Azerbaijan',
      'Greece',
      'Cyprus',
      'weapon sales',
    ]) {
      expect(names).toContain(name);
    }
    for (const e of await db.entities.toArray()) {
      expect(e.origin).toBe(STARTER_ORIGIN);
      expect(e.tags).toContain('starter');
      expect(e.note.length).toBeGreaterThan(50);
    }
    // Installing again (an update, a restarted worker) adds nothing.
    expect(await installStarterPack(db)).toBe(0);
  });

  it('does not bring back starter notes the user deleted', async () => {
    await installStarterPack(db);
    await db.entities.clear();
    expect(await installStarterPack(db)).toBe(0);
    expect(await db.entities.count()).toBe(0);
  });
});
