/**
 * The state pages ask for is the background's: moved from storage.local once
 * at the first start, then kept in the database, whatever a content script
 * writes to storage.local afterwards.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSettings } from '../core/settings';
import { saveEntity } from '../db/entities';
import { readState } from '../db/state';
import { wiredHandlers } from '../test-setup/background-handlers';
import { useFreshDb } from '../test-setup/fixtures';
import { route } from './router';
import { StateService } from './state-service';

const fresh = useFreshDb();
beforeEach(() => fakeBrowser.storage.resetState());

const draft = { name: 'Ada Lovelace', aliases: [], kind: 'person' as const, note: '', tags: [] };

/** The background's handlers over a fresh worker's state, as index.ts wires them. */
function background() {
  const db = fresh();
  return { db, ...wiredHandlers(db) };
}

describe('StateService', () => {
  it('moves what storage.local held into the database at the first start, once', async () => {
    await fakeBrowser.storage.local.set({
      settings: { neverSites: ['example.com'], hoverDelay: 800 },
      lastExport: { at: 1_700_000_000_000, count: 12 },
      dictionaryVersion: 41,
      unrelated: 'kept',
    });
    const db = fresh();
    const state = new StateService(db, browser.storage.local);
    expect(await state.settings()).toMatchObject({ neverSites: ['example.com'], hoverDelay: 800 });
    expect(await state.lastExport()).toEqual({ at: 1_700_000_000_000, count: 12 });
    expect(await state.version()).toBe(41);
    expect((await readState(db)).dictionaryVersion).toBe(41);
    // Moved, not copied: nothing is left there to be read or forged.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ unrelated: 'kept' });

    // A later start (a new worker) reads the database, whatever storage.local says by then.
    await fakeBrowser.storage.local.set({ settings: { neverSites: ['127.0.0.1'] } });
    const restarted = new StateService(db, browser.storage.local);
    expect((await restarted.settings()).neverSites).toEqual(['example.com']);
  });

  it('moves them even when the first thing asked of it is to ignore a name', async () => {
    await fakeBrowser.storage.local.set({ settings: { hoverDelay: 800 } });
    const db = fresh();
    const state = new StateService(db, browser.storage.local);
    expect(await state.changeIgnored(['Hulusi Akar'], true)).toEqual({ count: 1, full: false });
    expect(await state.ignoredNames()).toEqual(['hulusi akar']);
    expect((await readState(db)).settings.hoverDelay).toBe(800);
  });

  it('starts from the defaults on a new profile', async () => {
    const state = new StateService(fresh(), browser.storage.local);
    expect(await state.settings()).toEqual(readSettings(undefined));
    expect(await state.lastExport()).toBeNull();
    expect(await state.version()).toBe(0);
  });

  it('does not let a forged storage.local write change what settingsGet answers', async () => {
    const { handlers } = background();
    const saved = await route(
      handlers,
      { type: 'settingsSet', payload: { kindColors: { person: '#12ab34' } } },
      'extension',
    );
    expect(saved.ok).toBe(true);
    // What a content script can do: write storage.local, keys old and new.
    await fakeBrowser.storage.local.set({
      settings: { neverSites: ['127.0.0.1'] },
      settingsChanged: 1,
      lastExport: { at: Date.now(), count: 999 },
      exportChanged: 1,
      dictionaryVersion: 1e9,
    });
    const asked = await route(handlers, { type: 'settingsGet', payload: {} }, 'content');
    expect(asked).toEqual({
      ok: true,
      value: readSettings({ kindColors: { person: '#12ab34' } }),
    });
    expect(await route(handlers, { type: 'lastExportGet', payload: {} }, 'extension')).toEqual({
      ok: true,
      value: null,
    });
    expect(await route(handlers, { type: 'dictionaryInfo', payload: {} }, 'content')).toEqual({
      ok: true,
      value: { size: 0, version: 0 },
    });
  });

  it('signals each change in storage.local, and nothing else', async () => {
    const { state, handlers } = background();
    const seen: string[][] = [];
    browser.storage.onChanged.addListener((changes) => seen.push(Object.keys(changes)));
    await state.updateSettings({ hoverDelay: 0 });
    await state.recordExport(0);
    await route(handlers, { type: 'entitySave', payload: draft }, 'extension');
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual([['settingsChanged'], ['exportChanged'], ['dictionaryChanged']]);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).sort()).toEqual([
      'dictionaryChanged',
      'exportChanged',
      'settingsChanged',
    ]);
    expect(await state.lastExport()).toMatchObject({ count: 0 });
  });

  it('raises the dictionary version in the same transaction as the write that needs it', async () => {
    const db = fresh();
    const compiled: number[] = [];
    const state = new StateService(db, browser.storage.local, (v) => compiled.push(v));
    const saved = await state.write(
      () => saveEntity(db, draft),
      () => true,
    );
    expect(saved).toMatchObject({ before: 0, after: 1 });
    expect((await readState(db)).dictionaryVersion).toBe(1);
    expect(compiled).toEqual([1]);

    // A write that fails leaves neither the note nor the version behind.
    await expect(
      state.write(
        async () => {
          await saveEntity(db, { ...draft, name: 'Charles Babbage' });
          throw new Error('disk full');
        },
        () => true,
      ),
    ).rejects.toThrow('disk full');
    expect(await db.entities.count()).toBe(1);
    expect(await state.version()).toBe(1);
    expect((await readState(db)).dictionaryVersion).toBe(1);

    // A write that changed nothing keeps the version.
    expect(
      await state.write(
        () => Promise.resolve(0),
        () => false,
      ),
    ).toEqual({ result: 0, before: 1, after: 1 });
    expect(compiled).toEqual([1]);
  });

  it('passes a refused save through with its reason, and leaves the version', async () => {
    const { state, handlers } = background();
    const first = await route(handlers, { type: 'entitySave', payload: draft }, 'extension');
    expect(first.ok).toBe(true);
    const saved = (first as { value: { id: string; updatedAt: number } }).value;
    const stale = { ...draft, id: saved.id, baseUpdatedAt: saved.updatedAt - 1, note: 'new' };
    expect(await route(handlers, { type: 'entitySave', payload: stale }, 'card')).toEqual({
      ok: false,
      error: expect.stringMatching(/^This note was changed elsewhere/) as string,
    });
    expect(await state.version()).toBe(1);
  });
});

describe('after a write commits', () => {
  it('a failure to announce it still answers with the saved note, which is there once', async () => {
    const db = fresh();
    const announce = vi.fn(() => {
      throw new Error('compile failed');
    });
    const state = new StateService(db, browser.storage.local, announce);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { result, after, before } = await state.write(
      () => saveEntity(db, draft),
      () => true,
    );
    expect(announce).toHaveBeenCalledOnce();
    expect(after).toBe(before + 1);
    expect(result.name).toBe('Ada Lovelace');
    expect(await db.entities.count()).toBe(1);
    expect(error).toHaveBeenCalled();
    // The version stands; the next write goes on from it.
    expect(await state.version()).toBe(after);
    error.mockRestore();
  });
});
