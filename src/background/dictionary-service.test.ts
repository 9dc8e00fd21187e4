import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as dictionary from '../core/dictionary';
import type { CompiledDictionary } from '../core/dictionary';
import { storedSection, type StoredDictionary } from '../core/stored-dictionary';
import { matchPageText } from '../core/page-match';
import { saveEntity } from '../db/entities';
import { applyImport } from '../db/import';
import { openDb, type BackstoryDb } from '../db/schema';
import { EntitySnapshot } from './entity-snapshot';
import { DictionaryService } from './dictionary-service';

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

  it('hands a small dictionary to the tab as forms, and keeps a large one', async () => {
    const service = new DictionaryService(db, () => Promise.resolve(version));
    const source = await service.getSource();
    expect(source?.forms.map((f) => f.text).sort()).toEqual(['Akar', 'Hulusi Akar', 'NATO']);
    expect(source?.entities).toEqual([
      { id: 'akar', kind: 'person' },
      { id: 'nato', kind: 'organization' },
    ]);

    const many = Array.from({ length: dictionary.LOCAL_MAX_FORMS }, (_, i) => ({
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
    expect(await service.getSource()).toBeNull();
  });

  it('keeps a few forms of great length from the tab: a count of forms is no bound', async () => {
    const long = Array.from({ length: 3 }, (_, i) => ({
      name: `Long ${i}`,
      aliases: Array.from({ length: 100 }, (_, k) => `${k} ${'x'.repeat(190)}`),
      kind: 'topic' as const,
      note: '',
      tags: [],
      links: [],
      sources: [],
    }));
    await applyImport(db, long, { origin: 'local' });
    const service = new DictionaryService(db, () => Promise.resolve(version));
    expect((await service.get()).matcher.patternLength.length).toBeLessThan(
      dictionary.LOCAL_MAX_FORMS,
    );
    expect(await service.getSource()).toBeNull();
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
    expect(await service.getSource()).toBeNull();
  });
});
