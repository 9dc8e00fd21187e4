import { describe, expect, it, vi } from 'vitest';
import { MATCH_REQUEST_MAX_CHARS } from '../core/match-pieces';
import { readSettings } from '../core/settings';
import { Refusal } from './failure';
import { classifySender, route, type Handlers } from './router';

function handlers(): Handlers {
  const fail = () => Promise.reject(new Error('not in this test'));
  return {
    dictionaryInfo: vi.fn(() => Promise.resolve({ size: 0, version: 3 })),
    pageMatch: vi.fn(fail),
    settingsGet: vi.fn(() => Promise.resolve(readSettings({ hoverDelay: 100 }))),
    settingsSet: vi.fn(fail),
    lastExportGet: vi.fn(() => Promise.resolve({ at: 1, count: 2 })),
    dictionaryStatus: vi.fn(fail),
    entityGet: vi.fn(({ id }: { id: string }) =>
      id === 'boom' ? Promise.reject(new Error('disk on fire')) : Promise.resolve(null),
    ),
    tabDictionary: vi.fn(() => Promise.resolve(null)),
    entityIds: vi.fn(() => Promise.resolve(null)),
    openManager: vi.fn(() => Promise.resolve(null)),
    badgeSet: vi.fn(() => Promise.resolve(null)),
    entitiesNamed: vi.fn(() => Promise.resolve([])),
    entitiesSearch: vi.fn(() => Promise.resolve([])),
    namesFind: vi.fn(() => Promise.resolve({ status: 'off' as const })),
    namesIgnore: vi.fn(() => Promise.resolve({ ignored: 1 })),
    namesIgnoredClear: vi.fn(() => Promise.resolve(null)),
    wikiSearch: vi.fn(() => Promise.resolve([])),
    wikiFill: vi.fn(fail),
    wikiRefresh: vi.fn(fail),
    entitiesQuery: vi.fn(() => Promise.resolve({ total: 0, entities: [] })),
    entitiesQueryIds: vi.fn(() => Promise.resolve([])),
    entitiesFacets: vi.fn(() => Promise.resolve({ total: 0, tags: [], origins: [] })),
    entitySave: vi.fn(fail),
    entitiesDelete: vi.fn(() => Promise.resolve({ batch: 'b', deleted: 1, names: [] })),
    entitiesRestore: vi.fn(() => Promise.resolve({ restored: 1, blocked: 0 })),
    trashList: vi.fn(() => Promise.resolve([])),
    historyList: vi.fn(() => Promise.resolve([])),
    historyRestore: vi.fn(fail),
    entitiesTag: vi.fn(() => Promise.resolve({ changed: 1 })),
    subscriptionsList: vi.fn(() => Promise.resolve([])),
    subscriptionUpdate: vi.fn(fail),
    subscriptionPause: vi.fn(fail),
    subscriptionRemove: vi.fn(fail),
    subscriptionHeld: vi.fn(fail),
    subscriptionConflicts: vi.fn(fail),
    subscriptionResolve: vi.fn(fail),
  };
}

describe('classifySender', () => {
  const origin = 'chrome-extension://abc/';
  const ext = 'chrome-extension://abc';
  it.each([
    [{ id: 'abc', url: `${ext}/options.html`, origin: ext }, 'extension'],
    [{ id: 'abc', url: `${ext}/popup.html?tab=3`, origin: ext }, 'extension'],
    [{ id: 'abc', url: `${ext}/card.html#0123456789abcdef`, origin: ext }, 'card'],
    [{ id: 'abc', url: 'https://news.example/story', origin: 'https://news.example' }, 'content'],
    [{ id: 'abc', url: 'https://evil.example/chrome-extension://abc/' }, 'content'],
    // A frame's URL and the browser's origin must both be the extension's.
    [{ id: 'abc', url: `${ext}/card.html`, origin: 'https://evil.example' }, 'content'],
    [{ id: 'abc', url: 'about:blank', origin: 'https://news.example' }, 'content'],
    [{ id: 'abc' }, 'content'],
    // Firefox says what kind of context sent it.
    [{ id: 'abc', url: `${ext}/options.html`, origin: ext, envType: 'content_child' }, 'content'],
    [{ id: 'abc', url: `${ext}/options.html`, origin: ext, envType: 'addon_child' }, 'extension'],
    // Firefox: the card frame, inside a web page, is a 'content_child' of the extension's origin.
    [{ id: 'abc', url: `${ext}/card.html#00`, origin: ext, envType: 'content_child' }, 'card'],
    [
      {
        id: 'abc',
        url: `${ext}/card.html`,
        origin: 'https://news.example',
        envType: 'content_child',
      },
      'content',
    ],
    [{ id: 'other', url: `${ext}/options.html`, origin: ext }, null],
    [{}, null],
  ])('%j is %s', (sender, kind) => {
    expect(classifySender(sender, 'abc', origin)).toBe(kind);
  });
});

describe('route', () => {
  it('runs a valid request and wraps the reply', async () => {
    const h = handlers();
    expect(await route(h, { type: 'dictionaryInfo', payload: {} }, 'content')).toEqual({
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
    // Half of a character: an import refuses it (core/pack.ts), so a save does too, or its
    // backup would not import again.
    [
      {
        type: 'entitySave',
        payload: { name: 'A', aliases: [], kind: 'person', note: 'cut \ud83d', tags: [] },
      },
      /entitySave was refused: the request is not valid \(note: /,
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
    const result = await route(h, { type: 'entitiesDelete', payload: { ids: ['x'] } }, 'content');
    expect(result).toEqual({
      ok: false,
      error: "entitiesDelete was refused: only Backstory's own pages may send it.",
    });
    expect(h.entitiesDelete).not.toHaveBeenCalled();
  });

  it.each(['entityGet', 'entitiesSearch', 'openManager'] as const)(
    'refuses %s, which carries or acts on notes, from content scripts',
    async (type) => {
      const h = handlers();
      const payload = type === 'entitiesSearch' ? { query: 'a' } : { id: 'x' };
      const result = await route(h, { type, payload }, 'content');
      expect(result).toEqual({
        ok: false,
        error: `${type} was refused: only Backstory's card and pages may send it.`,
      });
      expect(h[type]).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['historyList', { id: 'x' }],
    ['historyRestore', { seq: 1, baseUpdatedAt: 1 }],
  ] as const)(
    'refuses %s (earlier versions are note text) from content scripts and the card',
    async (type, payload) => {
      for (const sender of ['content', 'card'] as const) {
        const h = handlers();
        const result = await route(h, { type, payload }, sender);
        expect(result).toEqual({
          ok: false,
          error: `${type} was refused: only Backstory's own pages may send it.`,
        });
        expect(h[type]).not.toHaveBeenCalled();
      }
      // The control: the manager may.
      const h = handlers();
      await route(h, { type, payload }, 'extension');
      expect(h[type]).toHaveBeenCalled();
    },
  );

  const draft = { name: 'N', aliases: [], kind: 'person', note: '', tags: [] };
  it('refuses every save from a content script, and from the card a save over a note without its base version', async () => {
    const h = handlers();
    expect(await route(h, { type: 'entitySave', payload: draft }, 'content')).toMatchObject({
      ok: false,
    });
    expect(await route(h, { type: 'entitySave', payload: { ...draft, id: 'x' } }, 'card')).toEqual({
      ok: false,
      error: 'entitySave was refused: a change to a note must say which version it changes.',
    });
    expect(h.entitySave).not.toHaveBeenCalled();
    // Control: the card may create a note (with an id of its own, `fresh`), and
    // save one with its base version.
    await route(h, { type: 'entitySave', payload: draft }, 'card');
    await route(h, { type: 'entitySave', payload: { ...draft, id: 'x', fresh: true } }, 'card');
    await route(
      h,
      { type: 'entitySave', payload: { ...draft, id: 'x', baseUpdatedAt: 1 } },
      'card',
    );
    expect(h.entitySave).toHaveBeenCalledTimes(3);
    // `fresh` is true or absent.
    expect(
      await route(h, { type: 'entitySave', payload: { ...draft, id: 'x', fresh: false } }, 'card'),
    ).toMatchObject({ ok: false });
  });

  it('passes a case rule for a form named constructor or __proto__ on to the save', async () => {
    // valibot's record left such keys out of the request it gave the handler.
    const h = handlers();
    vi.mocked(h.entitySave).mockImplementation((request) => Promise.resolve(request as never));
    const matchCase = JSON.parse('{"constructor":"exact","__proto__":"any"}') as object;
    await route(
      h,
      { type: 'entitySave', payload: { ...draft, name: 'constructor', matchCase } },
      'extension',
    );
    const saved = vi.mocked(h.entitySave).mock.calls[0]![0];
    expect(Object.entries(saved.matchCase!)).toEqual([
      ['constructor', 'exact'],
      ['__proto__', 'any'],
    ]);
    // The control: a rule that is neither is still refused.
    const bad = await route(
      h,
      { type: 'entitySave', payload: { ...draft, matchCase: { N: 'upper' } } },
      'extension',
    );
    expect(bad.ok).toBe(false);
  });

  it('refuses every message from outside the extension', async () => {
    const h = handlers();
    const result = await route(h, { type: 'dictionaryInfo', payload: {} }, null);
    expect(result.ok).toBe(false);
    expect(h.dictionaryInfo).not.toHaveBeenCalled();
  });

  it('turns a handler error into an error reply', async () => {
    expect(await route(handlers(), { type: 'entityGet', payload: { id: 'boom' } }, 'card')).toEqual(
      {
        ok: false,
        error: 'disk on fire',
      },
    );
  });

  it('passes on the code of a refusal the sender acts on', async () => {
    const h = handlers();
    h.pageMatch = vi.fn(() => Promise.reject(new Refusal('put off', 'superseded')));
    expect(await route(h, { type: 'pageMatch', payload: { text: 'Gantz' } }, 'content')).toEqual({
      ok: false,
      error: 'put off',
      code: 'superseded',
    });
  });

  it('refuses a pageMatch text over one request, before matching anything', async () => {
    const h = handlers();
    const text = 'x'.repeat(MATCH_REQUEST_MAX_CHARS + 1);
    const result = await route(h, { type: 'pageMatch', payload: { text } }, 'content');
    expect(!result.ok && result.error).toMatch(/^pageMatch was refused: the request is not valid/);
    expect(h.pageMatch).not.toHaveBeenCalled();
    // The control: one request's worth is matched.
    await route(h, { type: 'pageMatch', payload: { text: text.slice(1) } }, 'content');
    expect(h.pageMatch).toHaveBeenCalledOnce();
  });

  it.each(['content', 'card', 'extension'] as const)(
    'answers settingsGet from %s: content scripts need the site rules and colours',
    async (sender) => {
      const h = handlers();
      expect(await route(h, { type: 'settingsGet', payload: {} }, sender)).toEqual({
        ok: true,
        value: readSettings({ hoverDelay: 100 }),
      });
    },
  );

  it.each([
    ['settingsSet', { hoverDelay: 0 }],
    ['lastExportGet', {}],
    ['dictionaryStatus', {}],
  ] as const)('refuses %s from content scripts and the card', async (type, payload) => {
    const h = handlers();
    for (const sender of ['content', 'card'] as const) {
      expect(await route(h, { type, payload }, sender)).toEqual({
        ok: false,
        error: `${type} was refused: only Backstory's own pages may send it.`,
      });
    }
    expect(h[type]).not.toHaveBeenCalled();
    // Control: Backstory's own pages may.
    await route(h, { type, payload }, 'extension');
    expect(h[type]).toHaveBeenCalledOnce();
  });
});
