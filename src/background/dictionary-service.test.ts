import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as dictionary from '../core/dictionary';
import * as formTableBuild from '../core/form-table-build';
import type { CompiledDictionary } from '../core/dictionary';
import { storedSection, type StoredDictionary } from '../core/stored-dictionary';
import { matchPageText } from '../core/page-match';
import { foldCodes } from '../core/fold';
import { asTableMatches, scanTable } from '../core/form-table-scan';
import { scan } from '../core/matcher';
import { readTabDictionary, TAB_IDS_MAX, TAB_IDS_MAX_CHARS } from '../core/tab-dictionary';
import { saveEntity } from '../db/entities';
import { applyImport } from '../db/import';
import { openDb, type BackstoryDb } from '../db/schema';
import { EntitySnapshot } from './entity-snapshot';
import { DictionaryService, TAB_CACHE_KEY } from './dictionary-service';

let db: BackstoryDb;
let version = 1;
beforeEach(async () => {
  db = openDb(`dict-${Math.random()}`);
  version = 1;
  await applyImport(
    db,
    [
      {
        id: 'akar',
        name: 'Hulusi Akar',
        aliases: ['Akar'],
        kind: 'person',
        note: '',
        tags: [],
        links: [],
        sources: [],
      },
      {
        id: 'nato',
        name: 'NATO',
        aliases: [],
        kind: 'organization',
        note: '',
        tags: [],
        links: [],
        sources: [],
      },
    ],
    { origin: 'local' },
  );
});
afterEach(async () => {
  // A failed test's spy would count the next test's compiles.
  vi.restoreAllMocks();
  await db.delete();
});

/** `bytes` cut to half, or with the first failure link pointing at a node deeper than its own. */
function spoilt(bytes: ArrayBuffer, how: 'cut' | 'changed'): ArrayBuffer {
  if (how === 'cut') return bytes.slice(0, bytes.byteLength >> 1);
  const copy = bytes.slice(0);
  const fail = storedSection(copy, 'fail');
  fail[1] = fail.length - 1;
  return copy;
}

const text = 'Defence Minister Hulusi Akar met NATO officials; nato said Akar';

describe('DictionaryService', () => {
  it('matches page text, naming only the entities found', async () => {
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const { matcher, entities } = await service.get();
    const found = matchPageText(matcher, entities, text);
    expect(found.entities).toEqual([
      { id: 'akar', kind: 'person' },
      { id: 'nato', kind: 'organization' },
    ]);
    const marked = [];
    for (let k = 0; k < found.matches.length; k += 3)
      marked.push(text.slice(found.matches[k], found.matches[k + 1]));
    expect(marked).toEqual(['Hulusi Akar', 'NATO', 'Akar']);
  });

  it('compiles from the entities already in memory when they are at the version asked for', async () => {
    const read = vi.spyOn(EntitySnapshot.prototype, 'get');
    const inMemory = vi.fn((v: number) =>
      v === version
        ? [{ id: 'x', kind: 'topic' as const, name: 'weapon sales', aliases: [] }]
        : null,
    );
    const service = new DictionaryService(db, () => Promise.resolve(version), undefined, inMemory);
    const { matcher, entities } = await service.get();
    expect(read).not.toHaveBeenCalled();
    expect(matchPageText(matcher, entities, 'on weapon sales').entities).toEqual([
      { id: 'x', kind: 'topic' },
    ]);
    read.mockRestore();
  });

  it('compiles once, then reloads the compiled form from IndexedDB after a restart', async () => {
    const compile = vi.spyOn(dictionary, 'compileSourceSteps');
    const first = await new DictionaryService(db, () => Promise.resolve(version)).get();
    expect(compile).toHaveBeenCalledTimes(1);
    // Let the background write of the cache finish.
    await vi.waitFor(async () => expect(await db.meta.get('compiledDictionary')).toBeDefined());
    // A new worker: nothing in memory.
    const restarted = new DictionaryService(db, () => Promise.resolve(version));
    const reloaded = await restarted.get();
    expect(compile).toHaveBeenCalledTimes(1);
    // The stored form comes back as the very dictionary that was compiled,
    // case-sensitive NATO included (its entities as columns: listed, the same).
    const listed = (d: CompiledDictionary) => ({ ...d, entities: [...d.entities] });
    expect(listed(reloaded)).toEqual(listed(first));
    expect(reloaded.matcher.patternExact).toContain('NATO');
    compile.mockRestore();
  });

  it.each([
    ['the first shape', { version, matcher: {}, entities: [] }],
    // Shape 3: typed arrays and JSON texts, parsed on load.
    [
      'shape 3',
      {
        shape: 3,
        version,
        matcher: {},
        entityIds: '["akar","nato"]',
        entityKinds: new Uint8Array([0, 1]),
        exactPatterns: new Int32Array(0),
        exactTexts: '[]',
        leftOutIds: '[]',
      },
    ],
    ['a record cut short', 'cut'],
    ['a record with a byte changed in its automaton', 'changed'],
  ] as const)('compiles again when the cache holds %s', async (_, value) => {
    const compile = vi.spyOn(dictionary, 'compileSourceSteps');
    let stored: unknown = value;
    if (typeof value === 'string') {
      // A sound record of this version, then spoilt.
      await new DictionaryService(db, () => Promise.resolve(version)).get();
      await vi.waitFor(async () => expect(await db.meta.get('compiledDictionary')).toBeDefined());
      const good = (await db.meta.get('compiledDictionary'))!.value as StoredDictionary;
      stored = { ...good, bytes: new Blob([spoilt(await good.bytes.arrayBuffer(), value)]) };
      compile.mockClear();
    }
    await db.meta.put({ key: 'compiledDictionary', value: stored });
    const { entities } = await new DictionaryService(db, () => Promise.resolve(version)).get();
    expect(entities).toHaveLength(2);
    expect(compile).toHaveBeenCalledTimes(1);
    compile.mockRestore();
  });

  it('compiles again when the notes changed', async () => {
    const service = new DictionaryService(db, () => Promise.resolve(version));
    await service.get();
    await saveEntity(db, { name: 'Benny Gantz', aliases: [], kind: 'person', note: '', tags: [] });
    version = 2;
    const { entities, version: v } = await service.get();
    expect(v).toBe(2);
    expect([...entities].map((e) => e.id)).toContain('akar');
    expect(entities).toHaveLength(3);
  });

  it('shares one compile between requests that arrive together', async () => {
    const compile = vi.spyOn(dictionary, 'compileSourceSteps');
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const [a, b] = await Promise.all([service.get(), service.get()]);
    expect(a).toBe(b);
    expect(compile).toHaveBeenCalledTimes(1);
    compile.mockRestore();
  });

  it('builds the tabs’ table with the compile after a change, before any page asks for it', async () => {
    const build = vi.spyOn(formTableBuild, 'buildFormTableSteps');
    const service = new DictionaryService(db, () => Promise.resolve(version));
    // The control: the worker's own matching builds no table.
    await service.get();
    expect(build).not.toHaveBeenCalled();
    service.warm();
    await vi.waitFor(() => expect(build).toHaveBeenCalledTimes(1));
    expect((await service.getForTab())?.version).toBe(1);
    expect(build).toHaveBeenCalledTimes(1);
    // A change: the next version's table is built before the next page asks.
    await saveEntity(db, { name: 'Benny Gantz', aliases: [], kind: 'person', note: '', tags: [] });
    version = 2;
    service.warm();
    await vi.waitFor(() => expect(build).toHaveBeenCalledTimes(2));
    const table = await service.getForTab();
    expect(table?.version).toBe(2);
    expect(readTabDictionary(table)?.table.entities).toBe(3);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('answers a restarted worker’s first questions from the stored table, compiling nothing', async () => {
    const first = new DictionaryService(db, () => Promise.resolve(version));
    const table = await first.getForTab();
    await vi.waitFor(async () => expect(await db.meta.get(TAB_CACHE_KEY)).toBeDefined());
    const compile = vi.spyOn(dictionary, 'compileSourceSteps');
    const build = vi.spyOn(formTableBuild, 'buildFormTableSteps');
    const restarted = new DictionaryService(db, () => Promise.resolve(version));
    expect(await restarted.info()).toEqual({ size: 2, version: 1 });
    expect(await restarted.getForTab()).toEqual(table);
    expect(compile).not.toHaveBeenCalled();
    expect(build).not.toHaveBeenCalled();
    // The control: a record of another version is not used; the table is built anew.
    await saveEntity(db, { name: 'Benny Gantz', aliases: [], kind: 'person', note: '', tags: [] });
    version = 2;
    const again = new DictionaryService(db, () => Promise.resolve(version));
    expect(await again.info()).toEqual({ size: 3, version: 2 });
    expect((await again.getForTab())?.version).toBe(2);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('stores no table whose build failed: the restarted worker tries again', async () => {
    const build = vi.spyOn(formTableBuild, 'buildFormTableSteps').mockImplementationOnce(() => {
      throw new Error('a bug');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const first = new DictionaryService(db, () => Promise.resolve(version));
    expect(await first.getForTab()).toBeNull();
    expect(error).toHaveBeenCalled();
    // The dictionary itself is stored meanwhile: the table would have been too.
    await vi.waitFor(async () => expect(await db.meta.get('compiledDictionary')).toBeDefined());
    expect(await db.meta.get(TAB_CACHE_KEY)).toBeUndefined();
    const restarted = new DictionaryService(db, () => Promise.resolve(version));
    expect((await restarted.getForTab())?.version).toBe(1);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('builds the table again when the stored one is spoilt or not one at all', async () => {
    const first = new DictionaryService(db, () => Promise.resolve(version));
    const good = (await first.getForTab())!;
    await vi.waitFor(async () => expect(await db.meta.get(TAB_CACHE_KEY)).toBeDefined());
    const build = vi.spyOn(formTableBuild, 'buildFormTableSteps');
    const spoilt: unknown[] = [
      {
        version: 1,
        size: 2,
        tab: { ...good, table: good.table.slice(0, good.table.byteLength >> 1) },
      },
      { version: 1, size: 2, tab: { ...good, version: 7 } },
      { version: 1, size: 2 },
      { version: 1, size: -1, tab: good },
      { version: '1', size: 2, tab: good },
      'not a record',
    ];
    for (const [i, value] of spoilt.entries()) {
      await db.meta.put({ key: TAB_CACHE_KEY, value });
      const restarted = new DictionaryService(db, () => Promise.resolve(version));
      expect(await restarted.getForTab()).toEqual(good);
      expect(await restarted.info()).toEqual({ size: 2, version: 1 });
      expect(build).toHaveBeenCalledTimes(i + 1);
      // The rebuilt table is stored again before the next spoilt record is put.
      await vi.waitFor(async () =>
        expect((await db.meta.get(TAB_CACHE_KEY))?.value).toEqual({
          version: 1,
          size: 2,
          tab: good,
        }),
      );
    }
  });

  it('hands the tab a table that finds what the worker finds, with the ids of a small dictionary', async () => {
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const compiled = await service.get();
    const read = readTabDictionary(await service.getForTab());
    expect(read?.version).toBe(1);
    expect(read?.ids).toEqual(['akar', 'nato']);
    const text = 'Hulusi Akar met NATO; then Akar left.';
    const found = scanTable(read!.table, text, foldCodes(text))!;
    expect(found).toEqual(
      asTableMatches(
        scan(compiled.matcher, text),
        formTableBuild.entityKindCodes(compiled.entities),
      ),
    );
    expect(found.map((m) => read!.ids![m.entity])).toEqual(['akar', 'nato', 'akar']);
    // Built once per version: a second tab is handed the same text.
    expect((await service.getForTab())?.table).toBe((await service.getForTab())?.table);
  });

  it('hands a table without ids past TAB_IDS_MAX entities, rebuilt for the new version', async () => {
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const before = await service.getForTab();
    const many = Array.from({ length: TAB_IDS_MAX }, (_, i) => ({
      name: `Name ${i}`,
      aliases: [],
      kind: 'topic' as const,
      note: '',
      tags: [],
      links: [],
      sources: [],
    }));
    await applyImport(db, many, { origin: 'local' });
    version = 2;
    const read = readTabDictionary(await service.getForTab());
    expect(read?.version).toBe(2);
    expect(read?.ids).toBeNull();
    expect(read?.table.entities).toBe(TAB_IDS_MAX + 2);
    expect((await service.getForTab())?.table).not.toBe(before?.table);
  });

  it('keeps long ids in the worker: their length is bounded too', async () => {
    const long = Array.from({ length: 3 }, (_, i) => ({
      id: `${i}${'x'.repeat(TAB_IDS_MAX_CHARS / 2)}`,
      name: `Long ${i}`,
      aliases: [],
      kind: 'topic' as const,
      note: '',
      tags: [],
      links: [],
      sources: [],
    }));
    await applyImport(db, long, { origin: 'local' });
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const read = readTabDictionary(await service.getForTab());
    expect(read?.table.entities).toBe(5);
    expect(read?.ids).toBeNull();
  });

  it('leaves the notes past its limits out, and says which', async () => {
    // "Hulusi Akar" and "Akar" take 15 folded units, "NATO" 4 more.
    const service = new DictionaryService(
      db,
      () => Promise.resolve(version),
      undefined,
      undefined,
      { units: 15, forms: 100 },
    );
    const { entities, leftOut } = await service.get();
    expect([...entities].map((e) => e.id)).toEqual(['akar']);
    expect(leftOut).toEqual(['nato']);
    // The tab's table holds the entities kept, and ids for those alone.
    const read = readTabDictionary(await service.getForTab());
    expect(read?.ids).toEqual(['akar']);
    const text = 'Akar and NATO';
    expect(scanTable(read!.table, text, foldCodes(text))).toMatchObject([
      { start: 0, end: 4, entity: 0 },
    ]);
  });
});
