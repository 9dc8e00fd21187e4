/**
 * The content script's modules start in every frame of every page the
 * reader opens, before the page is read: their top level must not make
 * Intl objects, which load locale data on the spot (a collator made by
 * core/search.ts at its start took 10 to 24 ms of every page load in
 * Chromium 156 here).
 */
import { afterEach, expect, it, vi } from 'vitest';

const MADE_LAZILY = ['Collator', 'Segmenter', 'DateTimeFormat', 'NumberFormat'] as const;

/** Counts the Intl objects made from now on, by constructor name; `afterEach` puts them back. */
const originals = MADE_LAZILY.map((name) => [name, Intl[name]] as const);
function countMade(): string[] {
  const made: string[] = [];
  for (const [name, original] of originals) {
    Object.defineProperty(Intl, name, {
      configurable: true,
      writable: true,
      value: new Proxy(original, {
        construct(target, args: unknown[]) {
          made.push(name);
          return Reflect.construct(target, args) as object;
        },
      }),
    });
  }
  return made;
}

afterEach(() => {
  for (const [name, original] of originals) {
    Object.defineProperty(Intl, name, { configurable: true, writable: true, value: original });
  }
});

it('starting the content script makes no Intl object', async () => {
  const made = countMade();
  vi.resetModules();
  await import('./index');
  expect(made).toEqual([]);
});

it('control: the count sees the collator a sort makes', async () => {
  const made = countMade();
  vi.resetModules();
  const { SearchIndex } = await import('../core/search');
  new SearchIndex().facets();
  expect(made).toEqual([]);
  const entity = { id: 'a', name: 'A', kind: 'person', aliases: [], tags: ['x', 'y'], note: '' };
  new SearchIndex([
    { ...entity, origin: 'o1', createdAt: 1, updatedAt: 1 },
    { ...entity, id: 'b', origin: 'o2', createdAt: 1, updatedAt: 1 },
  ] as never).facets();
  expect(made).toEqual(['Collator']);
});

/*
 * Nor may it build the schemas of every message the background receives
 * (protocol.ts's request table): the content script receives none of them,
 * and building them took 2 to 5 ms of its start in every frame (the card
 * channel's schemas are in card-protocol.ts for that).
 */
it("starting the content script does not build the background's request schemas", async () => {
  let built = 0;
  vi.resetModules();
  vi.doMock('../messaging/protocol', async (original) => {
    built++;
    return original();
  });
  try {
    await import('./index');
    expect(built).toBe(0);
    // Control: a module that uses a value of protocol.ts builds them.
    await import('../messaging/export-channel');
    expect(built).toBe(1);
  } finally {
    vi.doUnmock('../messaging/protocol');
  }
});

/*
 * Nor the tables of every BMP unit that folding and character classes use
 * (fold.ts, char-class.ts): the script starts in every frame, most of which
 * never fold a character, and making them took about half its start there.
 */
it('starting the content script makes no table of every BMP unit', async () => {
  const made: string[] = [];
  const originals = [Int32Array, Uint8Array] as const;
  for (const original of originals) {
    Object.defineProperty(globalThis, original.name, {
      configurable: true,
      writable: true,
      value: new Proxy(original, {
        construct(target, args: unknown[]) {
          if (args[0] === 0x10000) made.push(original.name);
          return Reflect.construct(target, args) as object;
        },
      }),
    });
  }
  try {
    vi.resetModules();
    await import('./index');
    expect(made).toEqual([]);
    // Control: the first fold and the first class asked for make them.
    const { foldCodes } = await import('../core/fold');
    const { classAt } = await import('../core/char-class');
    const { codes, length } = foldCodes('Hulusi Akar');
    classAt(codes, length, 0);
    expect(made.sort()).toEqual(['Int32Array', 'Uint8Array']);
  } finally {
    for (const original of originals)
      Object.defineProperty(globalThis, original.name, {
        configurable: true,
        writable: true,
        value: original,
      });
  }
});
