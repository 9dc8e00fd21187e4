/**
 * The background's hold on the state every page asks for: the settings, the
 * last full export and the dictionary version. The truth is in the database
 * (src/db/state.ts); this keeps a copy in memory, changed only by the
 * background's own writes after they commit, so a page asking for the
 * settings never waits behind a long import. After each change it writes a
 * signal to storage.local (src/messaging/signals.ts) for open pages; it
 * never reads a value from there, except once: the values versions before
 * schema 3 kept there, moved into the database at the first start.
 */
import type { LastExport } from '../core/last-export';
import type { Settings, SettingsPatch } from '../core/settings';
import type { BackstoryDb } from '../db/schema';
import { changeIgnored, clearIgnored, readIgnored } from '../db/ignored-names';
import {
  adoptStoredState,
  readState,
  saveLastExport,
  saveSettings,
  STATE_KEYS,
  writeVersioned,
  type TrustedState,
  type VersionedResult,
} from '../db/state';
import { SIGNALS, type SignalName } from '../messaging/signals';

/** The part of storage.local this needs (browser.storage.local, or a fake in tests). */
export interface SignalStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Runs an entity write; a write that changed something raises the dictionary version with it. */
export type VersionedWrite = <T>(
  run: () => Promise<T>,
  changedAny: (result: T) => boolean,
) => Promise<VersionedResult<T>>;

export class StateService {
  private loaded: Promise<TrustedState> | null = null;
  private lastStamp = 0;

  constructor(
    private readonly db: BackstoryDb,
    private readonly storage: SignalStorage,
    /** Called after a write raised the dictionary version (the background compiles it at once). */
    private readonly onDictionaryChanged: (version: number) => void = () => undefined,
  ) {}

  /** The state, read once per worker; the first read moves the values of older versions over. */
  private state(): Promise<TrustedState> {
    return this.loaded ?? this.hold(this.adopt().then(() => readState(this.db)));
  }

  private hold(state: Promise<TrustedState>): Promise<TrustedState> {
    this.loaded = state;
    // A failed read is tried again by the next caller.
    state.catch(() => {
      if (this.loaded === state) this.loaded = null;
    });
    return state;
  }

  private async adopt(): Promise<void> {
    if ((await this.db.state.count()) > 0) return;
    const stored = await this.storage.get([...STATE_KEYS]);
    // Content scripts could write these keys too: gone once moved, so nothing reads them again.
    const present = Object.keys(stored).filter((key) => stored[key] !== undefined);
    if ((await adoptStoredState(this.db, stored)) && present.length)
      await this.storage.remove(present);
  }

  /** Applies a committed change to the copy, after any applied before it. */
  private async update(change: (state: TrustedState) => TrustedState): Promise<void> {
    await this.hold(this.state().then(change));
  }

  /**
   * A stamp that differs from the last one this worker wrote, so the browser
   * reports a change; lost if the worker stops before it is written, which
   * leaves open pages on the old state until the next change or a reload.
   */
  /** Tells open managers that the subscriptions changed (their list is read again). */
  announceSubscriptions = (): void => void this.signal('subscriptions');

  private async signal(name: SignalName): Promise<void> {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    await this.storage.set({ [SIGNALS[name]]: this.lastStamp }).catch(() => undefined);
  }

  async settings(): Promise<Settings> {
    return (await this.state()).settings;
  }

  async lastExport(): Promise<LastExport | null> {
    return (await this.state()).lastExport;
  }

  async version(): Promise<number> {
    return (await this.state()).dictionaryVersion;
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    await this.state();
    const settings = await saveSettings(this.db, patch);
    await this.update((s) => ({ ...s, settings }));
    await this.signal('settings');
    return settings;
  }

  /*
   * The names the reader ignored in the popup (core/ignored-names.ts): in the
   * same table, after the state's first read, so the one-time move into an
   * empty table (adopt) is never skipped for a row written before it.
   */
  async ignoredNames(): Promise<string[]> {
    await this.state();
    return readIgnored(this.db);
  }

  async changeIgnored(names: readonly string[], ignored: boolean) {
    await this.state();
    return changeIgnored(this.db, names, ignored);
  }

  async clearIgnored(): Promise<void> {
    await this.state();
    await clearIgnored(this.db);
  }

  async recordExport(count: number, at = Date.now()): Promise<void> {
    await this.state();
    const lastExport = { at, count };
    await saveLastExport(this.db, lastExport);
    await this.update((s) => ({ ...s, lastExport }));
    await this.signal('export');
  }

  write: VersionedWrite = async (run, changedAny) => {
    await this.state();
    const written = await writeVersioned(this.db, run, changedAny);
    if (written.after === written.before) return written;
    // Committed: what follows only tells others. A failure here must not
    // answer "failed" for notes that are saved (a retry would save them
    // twice); the cache is read again, and pages learn of it at the next signal.
    try {
      await this.update((s) => ({
        ...s,
        dictionaryVersion: Math.max(s.dictionaryVersion, written.after),
      }));
      this.onDictionaryChanged(written.after);
      await this.signal('dictionary');
    } catch (error) {
      this.loaded = null;
      console.error('Backstory: a saved change could not be announced', error);
    }
    return written;
  };
}
