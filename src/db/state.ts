/**
 * What the background holds true for every page to ask for (the `state`
 * table, schema version 3): the settings, the last full export and the
 * dictionary version. Content scripts can write storage.local, so no page
 * reads these from there; storage.local only carries the signal that one of
 * them changed (src/messaging/signals.ts), and pages then ask the background.
 */
import { readLastExport, type LastExport } from '../core/last-export';
import { readSettings, type Settings, type SettingsPatch } from '../core/settings';
import type { BackstoryDb } from './schema';

export interface TrustedState {
  settings: Settings;
  lastExport: LastExport | null;
  /** Goes up with every change to the entities: it names the compiled dictionary. */
  dictionaryVersion: number;
}

export const STATE_KEYS = ['settings', 'lastExport', 'dictionaryVersion'] as const;
type StateKey = (typeof STATE_KEYS)[number];

const readVersion = (value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;

/** Each value read on its own: one that cannot be read falls back to its default. */
function stateOf(values: Partial<Record<StateKey, unknown>>): TrustedState {
  return {
    settings: readSettings(values.settings),
    lastExport: readLastExport(values.lastExport),
    dictionaryVersion: readVersion(values.dictionaryVersion),
  };
}

export async function readState(db: BackstoryDb): Promise<TrustedState> {
  const rows = await db.state.bulkGet([...STATE_KEYS]);
  return stateOf(Object.fromEntries(STATE_KEYS.map((key, i) => [key, rows[i]?.value])));
}

/**
 * The dictionary version as committed, read from the table itself: a check
 * that nothing changed during a long read (an export) must not trust a cache
 * that is updated a moment after the commit.
 */
export async function readDictionaryVersion(db: BackstoryDb): Promise<number> {
  return readVersion((await db.state.get('dictionaryVersion'))?.value);
}

/** Applies a change to the settings; returns them as saved. */
export async function saveSettings(db: BackstoryDb, patch: SettingsPatch): Promise<Settings> {
  return db.transaction('rw', db.state, async () => {
    const stored = await db.state.get('settings');
    const next = readSettings({ ...readSettings(stored?.value), ...patch });
    await db.state.put({ key: 'settings', value: next });
    return next;
  });
}

export async function saveLastExport(db: BackstoryDb, record: LastExport): Promise<void> {
  await db.state.put({ key: 'lastExport', value: record });
}

export interface VersionedResult<T> {
  result: T;
  /** The dictionary version the write started from, and the one it left (the same if nothing changed). */
  before: number;
  after: number;
}

/**
 * Runs a write of entities (saveEntity, the bulk changes, an import, a
 * subscription's update, which open their own transactions over these
 * tables and so join this one) and,
 * if `changedAny` says it changed something, raises the dictionary version
 * in the same transaction: the notes and the version that names them commit
 * together or not at all.
 */
export async function writeVersioned<T>(
  db: BackstoryDb,
  run: () => Promise<T>,
  changedAny: (result: T) => boolean,
): Promise<VersionedResult<T>> {
  const tables = [
    db.entities,
    db.trash,
    db.history,
    db.state,
    db.subscriptions,
    db.subEntries,
    db.subDigests,
  ];
  return db.transaction('rw', tables, async () => {
    const before = readVersion((await db.state.get('dictionaryVersion'))?.value);
    const result = await run();
    if (!changedAny(result)) return { result, before, after: before };
    await db.state.put({ key: 'dictionaryVersion', value: before + 1 });
    return { result, before, after: before + 1 };
  });
}

/**
 * The one-time move from storage.local, where versions before schema 3 kept
 * these values: when the table is still empty, it takes them (each checked
 * as any stored value is) and returns true; afterwards it leaves the table
 * alone and returns false. Run before anything reads or writes the state.
 */
export async function adoptStoredState(
  db: BackstoryDb,
  stored: Partial<Record<StateKey, unknown>>,
): Promise<boolean> {
  return db.transaction('rw', db.state, async () => {
    if ((await db.state.count()) > 0) return false;
    const state = stateOf(stored);
    await db.state.bulkPut(STATE_KEYS.map((key) => ({ key, value: state[key] })));
    return true;
  });
}
