import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, fuzzParams, someText } from '../test-setup/fuzz';
import {
  compileSource,
  dictionarySource,
  type CompiledDictionary,
  type Nameable,
} from './dictionary';
import { KINDS } from './entity';
import { matchPageText } from './page-match';
import {
  fromStored,
  packDictionary,
  storedSection,
  toStored,
  unpackDictionary,
} from './stored-dictionary';

/**
 * `after` is `before`: the same values, and typed arrays of the same type
 * and bytes (compared as bytes: toEqual takes a second for the alphabet's
 * 65,536 entries).
 */
function expectSame(after: CompiledDictionary | null, before: CompiledDictionary): void {
  expect(after).not.toBeNull();
  const { matcher, entities, ...rest } = after!;
  const { matcher: m, entities: list, ...restBefore } = before;
  expect({ ...rest, entities: [...entities] }).toEqual({ ...restBefore, entities: [...list] });
  expect(Object.keys(matcher).sort()).toEqual(Object.keys(m).sort());
  for (const [key, value] of Object.entries(m)) {
    const back: unknown = matcher[key as keyof typeof matcher];
    if (!ArrayBuffer.isView(value)) {
      expect(back, key).toEqual(value);
      continue;
    }
    expect(back, key).toBeInstanceOf(value.constructor);
    const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const a = bytes(back as ArrayBufferView);
    const b = bytes(value);
    expect(a.length, key).toBe(b.length);
    expect(
      a.every((x, i) => x === b[i]),
      key,
    ).toBe(true);
  }
}
/** Stored, through IndexedDB's structured clone, and read back. */
const reload = (d: CompiledDictionary) => fromStored(structuredClone(toStored(d)));
/** Packed in one buffer and unpacked (what `reload` does, without the Blob: quicker). */
const unpacked = (d: CompiledDictionary) => unpackDictionary(packDictionary(d), d.version);

const compiled = (list: Nameable[], limits = { units: 1_000_000, forms: 100_000 }) =>
  compileSource(dictionarySource(list, 7), limits);

/** "N" and `i` in the letters A to Z: a form in capitals, matched in its exact case. */
const capitals = (i: number): string =>
  `N${[...i.toString(26)].map((d) => String.fromCharCode(65 + parseInt(d, 26))).join('')}`;

/** `n` entities with a name and an alias each, every tenth alias in capitals (exact case). */
const named = (n: number): Nameable[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`,
    kind: KINDS[i % KINDS.length]!,
    name: `Name ${i} Surname`,
    aliases: [i % 10 === 0 ? capitals(i) : `Surname ${i}`],
  }));

const TEXT = 'Name 3 Surname met NA, Surname 999, na, NK and Name 1000 Surname.';

describe('toStored and fromStored', () => {
  it.each([
    ['no entities', named(0), undefined],
    ['one entity', named(1), undefined],
    ['1,000 entities', named(1_000), undefined],
    ['entities left out past the limits', named(50), { units: 300, forms: 100 }],
  ])('give back the compiled dictionary: %s', async (_, list, limits) => {
    const before = compiled(list, limits);
    const after = await reload(before);
    expectSame(after, before);
    expect(after!.entities).toHaveLength(before.entities.length);
    expect(after!.entities.at(before.entities.length)).toBeUndefined();
    expect(matchPageText(after!.matcher, after!.entities, TEXT)).toEqual(
      matchPageText(before.matcher, before.entities, TEXT),
    );
  });

  it('stores the ids left out, and which patterns keep their exact case', async () => {
    const before = compiled(named(50), { units: 300, forms: 100 });
    expect(before.leftOut.length).toBeGreaterThan(0);
    expect(before.matcher.patternExact).toContain('NA');
    const after = (await reload(before))!;
    expect(after.leftOut).toEqual(before.leftOut);
    expect(after.matcher.patternExact).toEqual(before.matcher.patternExact);
  });

  it.each([
    ['an id that begins with a byte order mark', ['\uFEFFbom', 'plain', '😀 İ']],
    ['ids with lone surrogates, which UTF-8 cannot carry', ['\uD800lone', 'x\uDFFF', '\uFEFF']],
  ])('keeps %s', async (_, ids) => {
    const list = ids.map((id, i) => ({
      id,
      kind: 'topic' as const,
      name: `Name ${i}`,
      aliases: [],
    }));
    const after = (await reload(compiled(list)))!;
    expect([...after.entities].map((e) => e.id)).toEqual(ids);
  });

  it('gives back random dictionaries, of any ids and forms, within limits or past them', () => {
    const entity = fc.record({
      id: anyText(12, 1),
      kind: fc.constantFrom(...KINDS),
      name: someText(8),
      aliases: fc.array(someText(8), { maxLength: 3 }),
      exact: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entity, { selector: (e) => e.id, maxLength: 40 }),
        fc.integer({ min: 1, max: 400 }),
        someText(30),
        (list, units, text) => {
          const nameable = list.map(({ exact, ...e }) => ({
            ...e,
            ...(exact ? { matchCase: { [e.name]: 'exact' as const } } : {}),
          }));
          const before = compiled(nameable, { units, forms: 100 });
          const after = unpacked(before);
          expectSame(after, before);
          expect(matchPageText(after!.matcher, after!.entities, text)).toEqual(
            matchPageText(before.matcher, before.entities, text),
          );
        },
      ),
      fuzzParams(1403, 200),
    );
  });
});

describe('fromStored refuses what it cannot trust', () => {
  const dictionary = compiled(named(20));
  const good = toStored(dictionary);
  const buffer = packDictionary(dictionary);

  it.each<[string, unknown]>([
    ['the first shape', { version: 7, matcher: {}, entities: [] }],
    [
      'shape 3 (typed arrays and JSON texts)',
      {
        shape: 3,
        version: 7,
        matcher: {},
        entityIds: '["a"]',
        entityKinds: new Uint8Array([0]),
        exactPatterns: new Int32Array(0),
        exactTexts: '[]',
        leftOutIds: '[]',
      },
    ],
    ['this record under shape 3', { ...good, shape: 3 }],
    ['a version that is no number', { ...good, version: '7' }],
    ['bytes that are no Blob', { ...good, bytes: buffer }],
    ['no bytes', { ...good, bytes: undefined }],
    ['a Blob of zeros', { ...good, bytes: new Blob([new ArrayBuffer(buffer.byteLength)]) }],
    ['a Blob shorter than the header', { ...good, bytes: new Blob([buffer.slice(0, 20)]) }],
    [
      'a Blob that cannot be read (its file gone)',
      {
        ...good,
        bytes: new (class extends Blob {
          override arrayBuffer(): Promise<ArrayBuffer> {
            return Promise.reject(new DOMException('gone', 'NotReadableError'));
          }
        })([buffer]),
      },
    ],
    ['nothing', undefined],
    ['null', null],
    ['a string', 'compiledDictionary'],
  ])('%s', async (_, value) => {
    expect(await fromStored(value)).toBeNull();
  });

  it('takes the sound record (the control of the cases above)', async () => {
    expectSame(await fromStored(good), dictionary);
  });

  it('refuses a header, an entity kind or a string end spoilt', () => {
    const spoil = (edit: (bytes: ArrayBuffer) => void) => {
      const bytes = buffer.slice(0);
      edit(bytes);
      return unpackDictionary(bytes, 7);
    };
    // The control: an untouched copy is taken.
    expect(spoil(() => undefined)).not.toBeNull();
    // The header: magic, leftOutFrom (none are), then the first section's offset.
    expect(spoil((b) => (new Int32Array(b, 0, 8)[0] = 0))).toBeNull();
    expect(spoil((b) => (new Int32Array(b, 0, 8)[1] = 3))).toBeNull();
    expect(spoil((b) => (new Int32Array(b, 0, 8)[4] = b.byteLength))).toBeNull();
    expect(spoil((b) => (storedSection(b, 'entityKinds')[0] = KINDS.length))).toBeNull();
    expect(spoil((b) => (storedSection(b, 'stringEnds')[0] = 1e9))).toBeNull();
    expect(spoil((b) => storedSection(b, 'stringEnds').reverse())).toBeNull();
    expect(spoil((b) => (storedSection(b, 'exactPatterns')[0] = 1e6))).toBeNull();
  });

  it('refuses anything at all, without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withTypedArray: true, withMap: true }), async (value) => {
        expect(await fromStored(value)).toBeNull();
      }),
      fuzzParams(1404, 300),
    );
  });

  it('refuses a buffer cut short, at any length', () => {
    fc.assert(
      fc.property(fc.nat(buffer.byteLength - 1), (length) => {
        expect(unpackDictionary(buffer.slice(0, length), 7)).toBeNull();
      }),
      fuzzParams(1405, 300),
    );
  });

  it('with bytes changed anywhere, refuses it or gives a dictionary that matches safely', () => {
    const text = `${TEXT} Name 12 Surname NK Surname 7`;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(buffer.byteLength - 1), fc.nat(255)), {
          minLength: 1,
          maxLength: 4,
        }),
        (changes) => {
          const bytes = new Uint8Array(buffer.slice(0));
          for (const [at, value] of changes) bytes[at] = value;
          const d = unpackDictionary(bytes.buffer, 7);
          if (!d) {
            refused++;
            return;
          }
          const found = matchPageText(d.matcher, d.entities, text);
          for (const e of found.entities) expect(KINDS).toContain(e.kind);
          for (let i = 0; i < found.matches.length; i += 3) {
            expect(found.matches[i]).toBeGreaterThanOrEqual(0);
            expect(found.matches[i + 1]).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      fuzzParams(1406, 300),
    );
    // Most bytes are the alphabet's table, where a change to a letter no
    // form has is refused (past the root row) or harmless; some are refused.
    expect(refused).toBeGreaterThan(0);
  });
});
