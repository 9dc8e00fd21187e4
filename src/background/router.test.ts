import { describe, expect, it, vi } from 'vitest';
import { classifySender, route, type Handlers } from './router';

function handlers(): Handlers {
  const fail = () => Promise.reject(new Error('not in this test'));
  return {
    dictionaryInfo: vi.fn(() => Promise.resolve({ size: 0, version: 3 })),
    pageMatch: vi.fn(fail),
    settingsSet: vi.fn(fail),
    entityGet: vi.fn(({ id }: { id: string }) =>
      id === 'boom' ? Promise.reject(new Error('disk on fire')) : Promise.resolve(null),
    ),
    dictionarySource: vi.fn(() => Promise.resolve(null)),
    openManager: vi.fn(() => Promise.resolve(null)),
    badgeSet: vi.fn(() => Promise.resolve(null)),
    entitiesNamed: vi.fn(() => Promise.resolve([])),
    entitiesSearch: vi.fn(() => Promise.resolve([])),
    entitiesQuery: vi.fn(() => Promise.resolve({ total: 0, entities: [] })),
    entitiesQueryIds: vi.fn(() => Promise.resolve([])),
    entitiesFacets: vi.fn(() => Promise.resolve({ total: 0, tags: [], origins: [] })),
    entitySave: vi.fn(fail),
    entitiesDelete: vi.fn(() => Promise.resolve({ batch: 'b', deleted: 1, names: [] })),
    entitiesRestore: vi.fn(() => Promise.resolve({ restored: 1, blocked: 0 })),
    trashList: vi.fn(() => Promise.resolve([])),
    entitiesTag: vi.fn(() => Promise.resolve({ changed: 1 })),
    packExport: vi.fn(fail),
  };
}

describe('classifySender', () => {
  const origin = 'chrome-extension://abc/';
  it.each([
    [{ id: 'abc', url: 'chrome-extension://abc/options.html' }, 'extension'],
    [{ id: 'abc', url: 'https://news.example/story' }, 'page'],
    [{ id: 'abc', url: 'https://evil.example/chrome-extension://abc/' }, 'page'],
    [{ id: 'other', url: 'chrome-extension://abc/options.html' }, null],
    [{}, null],
  ])('%j is %s', (sender, kind) => {
    expect(classifySender(sender, 'abc', origin)).toBe(kind);
  });
});

describe('route', () => {
  it('runs a valid request and wraps the reply', async () => {
    const h = handlers();
    expect(await route(h, { type: 'dictionaryInfo', payload: {} }, 'page')).toEqual({
      ok: true,
      value: { size: 0, version: 3 },
    });
  });

  it.each([
    [null, /not from Backstory/],
    [{ type: 'nope', payload: {} }, /not from Backstory/],
    [
      { type: 'entityGet', payload: { id: 42 } },
      /entityGet was refused: the request is not valid \(id: /,
    ],
    [{ type: 'entityGet', payload: {} }, /entityGet was refused: the request is not valid \(id: /],
    [
      { type: 'pageMatch', payload: { text: 7 } },
      /pageMatch was refused: the request is not valid \(text: /,
    ],
    [
      {
        type: 'entitySave',
        payload: { name: ' ', aliases: [], kind: 'person', note: '', tags: [] },
      },
      /A name is needed/,
    ],
  ])('refuses malformed message %j', async (message, error) => {
    const h = handlers();
    const result = await route(h, message, 'extension');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
    expect(h.entityGet).not.toHaveBeenCalled();
    expect(h.entitySave).not.toHaveBeenCalled();
  });

  it('refuses extension-only messages from pages, before running anything', async () => {
    const h = handlers();
    const result = await route(h, { type: 'entitiesDelete', payload: { ids: ['x'] } }, 'page');
    expect(result).toEqual({
      ok: false,
      error: "entitiesDelete was refused: only Backstory's own pages may send it.",
    });
    expect(h.entitiesDelete).not.toHaveBeenCalled();
  });

  it('refuses every message from outside the extension', async () => {
    const h = handlers();
    const result = await route(h, { type: 'dictionaryInfo', payload: {} }, null);
    expect(result.ok).toBe(false);
    expect(h.dictionaryInfo).not.toHaveBeenCalled();
  });

  it('turns a handler error into an error reply', async () => {
    expect(await route(handlers(), { type: 'entityGet', payload: { id: 'boom' } }, 'page')).toEqual(
      {
        ok: false,
        error: 'disk on fire',
      },
    );
  });
});
