import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_ENTRY_CHARS, MAX_HEADER_CHARS, PackStream } from './pack-stream';
import { parsePack } from './pack';

/** The file read in slices of `size` characters. */
function streamed(text: string, size: number) {
  const stream = new PackStream();
  for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
  return stream.end();
}

const pack = {
  format: 'backstory-pack',
  version: 1,
  title: 'T',
  entities: [
    { id: 'a', name: 'Müller "M" \\ \u2028', aliases: ['A, B'], note: 'x\r\ny', wikidata: 'Q1' },
    { name: '北京', tags: ['t'], custom: { deep: [1, [2, [3]]] }, __proto__: 'kept' },
  ],
};

describe('PackStream', () => {
  it('reads a pack in slices of any size to what parsePack reads from the whole text', () => {
    const text = JSON.stringify(pack, null, 2);
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      expect(streamed(text, size)).toEqual(parsePack(text));
    }
    expect(streamed(text, 5)).toMatchObject({ ok: true });
  });

  it.each([
    ['an empty file', ''],
    ['a cut file', JSON.stringify(pack).slice(0, -3)],
    ['text after the pack', `${JSON.stringify(pack)} {}`],
    ['a comma too many', '{"format":"backstory-pack",}'],
    ['not JSON at all', '<!doctype html><p>Not found</p>'],
  ])('refuses %s as not JSON, as parsePack does', (_, text) => {
    const result = streamed(text, 4);
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
    expect(parsePack(text)).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
  });

  it('refuses a document that is not a pack object, as parsePack does', () => {
    for (const text of ['[1,2]', '"pack"', '{"format":"other","version":1,"entities":[]}'])
      expect(streamed(text, 3)).toEqual(parsePack(text));
  });

  it('keeps what reading through UTF-8 would lose: U+FEFF and lone surrogates, in strings and keys', () => {
    const doc = {
      format: 'backstory-pack',
      version: 1,
      entities: [
        { name: '\uFEFF\uFEFFn', note: 'a\uD800b\uDC00c\uD83D', ['\uFEFFk\uDFFF']: ['\\\uFEFF'] },
      ],
    };
    const text = JSON.stringify(doc);
    for (const size of [1, 2, 3, 5, text.length])
      expect(streamed(text, size)).toEqual(parsePack(text));
    // Where the pack takes them (a note may not hold half a character), they are kept.
    const kept = JSON.stringify({
      ...doc,
      entities: [{ name: 'n', note: '\uFEFFn', x: ['\uFEFF\uD800'] }],
    });
    const result = streamed(kept, 3);
    expect(result).toEqual(parsePack(kept));
    expect(result.ok && result.pack.entities[0]).toMatchObject({
      note: '\uFEFFn',
      extra: { x: ['\uFEFF\uD800'] },
    });
  });

  it.each([
    ['a U+FEFF after an escaping backslash', '{"a":"\\\uFEFF"}'],
    ['a lone surrogate after an escaping backslash', '{"a":"\\\uD800"}'],
    ['a U+FEFF outside a string', '\uFEFF{"a":1}'],
  ])('refuses %s, as JSON.parse does', (_, text) => {
    for (const size of [1, 2, text.length])
      expect(streamed(text, size)).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
    expect(parsePack(text)).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
  });

  it('agrees with JSON.parse on any text in strings, lone surrogates and U+FEFF included', () => {
    const unit = fc.oneof(
      fc.constantFrom('\uFEFF', '\uD800', '\uDBFF', '\uDC00', '\\', '"', '\uD83D\uDE00'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 20 }),
        fc.integer({ min: 1, max: 9 }),
        (parts, size) => {
          const value = parts.join('');
          const text = JSON.stringify({
            format: 'backstory-pack',
            version: 1,
            entities: [{ name: 'n', [value]: value }],
          });
          expect(streamed(text, size)).toEqual(parsePack(text));
        },
      ),
      { seed: 20261202, numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on any JSON value, in any slicing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 50 }), (value, size) => {
        const text = JSON.stringify({ format: 'backstory-pack', version: 1, entities: [value] });
        expect(streamed(text, size)).toEqual(parsePack(text));
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it.each([
    [
      'a second entities list, which JSON.parse keeps',
      '{"entities":[{"name":"a"}],"entities":[{"name":"b"}]}',
    ],
    ['a later entities that is not a list', '{"entities":[{"name":"a"}],"entities":5}'],
    ['an earlier entities that is not a list', '{"entities":"x","entities":[{"name":"b"}]}'],
    ['the key written with escapes', '{"entit\\u0069es":[{"name":"a"}]}'],
    ['an entities list deeper down', '{"x":{"entities":[{"name":"a"}]},"entities":[]}'],
    ['entities as a value, not a key', '{"a":"entities","entities":[{"name":"a"}]}'],
    ['a list of lists', '{"entities":[[{"name":"a"}],{"name":"b"}]}'],
    ['spaces everywhere', ' { "entities" :\n [ { "name" : "a" } ,\t{"name":"b"} ] } '],
    ['an empty list with spaces', '{"entities":[ \n ]}'],
  ])('reads %s as parsePack does, in any slicing', (_, body) => {
    const text = body.replace('{', '{"format":"backstory-pack","version":1,');
    for (let size = 1; size <= text.length; size++)
      expect(streamed(text, size)).toEqual(parsePack(text));
  });

  it.each([
    ['a comma too many in the list', '{"entities":[{"name":"a"},]}'],
    ['two commas', '{"entities":[{"name":"a"},,{"name":"b"}]}'],
    ['a comma first', '{"entities":[,{"name":"a"}]}'],
    ['a missing comma', '{"entities":[{"name":"a"} {"name":"b"}]}'],
    ['a list closed by a brace', '{"entities":[{"name":"a"}}'],
    ['a brace closed by a bracket', '{"entities":[{"name":"a"]]}'],
    ['a list never closed', '{"entities":[{"name":"a"}'],
    ['a string never closed', '{"entities":[{"name":"a}]}'],
    ['a bracket too many', '{"entities":[]]}'],
    ['text before the list', '{"entities":x[{"name":"a"}]}'],
    ['a backslash outside a string', '{"entities":[\\{"name":"a"}]}'],
  ])('refuses %s as not JSON, in any slicing', (_, body) => {
    expect(parsePack(body)).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
    for (let size = 1; size <= body.length; size++)
      expect(streamed(body, size)).toMatchObject({ ok: false, issues: [{ code: 'notJson' }] });
  });

  it('agrees with parsePack on a pack with any one character changed, taken out or put in', () => {
    const text = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      title: 't',
      entities: [{ name: 'a', aliases: ['b'], x: [1, { y: '"\\' }] }, { name: 'c' }],
    });
    const outcome = (r: ReturnType<typeof parsePack>) =>
      r.ok ? r : { ok: false, codes: r.issues.map((i) => i.code), valid: r.valid };
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'a', '1'),
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        (at, char, replace, size) => {
          const changed = text.slice(0, at) + char + text.slice(replace ? at + 1 : at);
          expect(outcome(streamed(changed, size))).toEqual(outcome(parsePack(changed)));
        },
      ),
      { seed: 20261204, numRuns: 2000 },
    );
  });

  it('refuses an entry larger than any the limits allow, without parsing it', () => {
    // One element of the list, a list of millions of numbers: no comma of the list cuts it.
    const stream = new PackStream();
    stream.write('{"format":"backstory-pack","version":1,"entities":[{"name":"a"},[');
    for (let sent = 0; sent <= MAX_ENTRY_CHARS; sent += 1_000_000)
      stream.write('0,'.repeat(500_000));
    stream.write('0]]}');
    expect(stream.end()).toMatchObject({ ok: false, issues: [{ code: 'partTooLarge' }] });
    // Its control: the same element, a little under the limit, is read, and refused as an entry.
    const under = new PackStream();
    under.write('{"format":"backstory-pack","version":1,"entities":[{"name":"a"},[');
    for (let sent = 1_000_000; sent < MAX_ENTRY_CHARS; sent += 1_000_000)
      under.write('0,'.repeat(500_000));
    under.write('0]]}');
    const read = under.end();
    expect(read).toMatchObject({ ok: false, valid: [{ name: 'a' }], issues: [{ entry: 2 }] });
  });

  it('refuses a file with more text outside its entities list than a pack can hold', () => {
    const stream = new PackStream();
    stream.write('{"format":"backstory-pack","version":1,"x":"');
    for (let i = 0; i <= MAX_HEADER_CHARS / 1_000_000; i++) stream.write('a'.repeat(1_000_000));
    stream.write('","entities":[]}');
    expect(stream.end()).toMatchObject({ ok: false, issues: [{ code: 'partTooLarge' }] });
    // Its controls: the same within the limit is read, and so is a list of any length (which
    // goes to JSON.parse a slice at a time, never to the rest of the document).
    const long = new PackStream();
    long.write('{"format":"backstory-pack","version":1,"entities":[');
    const entry = JSON.stringify({ name: 'n', note: 'a'.repeat(9_990) });
    const entries = Math.ceil(MAX_HEADER_CHARS / entry.length) + 1;
    for (let i = 0; i < entries; i++) long.write(i ? `,${entry}` : entry);
    long.write(']}');
    const read = long.end();
    expect(read.ok && read.pack.entities.length).toBe(entries);
    const small = new PackStream();
    small.write('{"format":"backstory-pack","version":1,"x":"aaaa","entities":[{"name":"a"}]}');
    expect(small.end()).toMatchObject({ ok: true });
  });

  describe('skimming slices without scanning them', () => {
    /** The file in slices of `size`, and how many of them were skimmed. */
    const skimmed = (text: string, size: number) => {
      const stream = new PackStream();
      for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
      return { result: stream.end(), raw: stream.rawEntities(), skimmed: stream.skimmed };
    };
    const entry = (i: number) => ({ name: `n${i}`, note: 'x'.repeat(i % 7) });
    const file = (entities: unknown[], space?: number) =>
      JSON.stringify({ format: 'backstory-pack', version: 1, entities }, null, space);

    it('skims a list of like elements, compact or indented, to what parsePack reads', () => {
      for (const space of [undefined, 2, 4]) {
        const text = file(
          Array.from({ length: 60 }, (_, i) => entry(i)),
          space,
        );
        const { result, skimmed: count } = skimmed(text, 200);
        expect(result).toEqual(parsePack(text));
        expect(count).toBeGreaterThan(5);
      }
    });

    it.each([
      // The place is inside an element: a list of objects of the same first key.
      [
        'elements holding objects of the same first key',
        (i: number) => ({ name: `n${i}`, x: [{ name: 1 }, { name: 2 }] }),
      ],
      // The place's text inside a string, where its quote is escaped.
      ['elements whose text holds the place', (i: number) => ({ name: `},{"name":${i}` })],
    ])('reads %s as parsePack does, in any slicing', (_, make) => {
      const text = file(Array.from({ length: 12 }, (_, i) => make(i)));
      for (let size = 1; size <= text.length; size += 7) {
        const { result, raw } = skimmed(text, size);
        expect(result).toEqual(parsePack(text));
        expect(raw).toEqual((JSON.parse(text) as { entities: unknown[] }).entities);
      }
    });

    it('stops skimming at the first place the parse refuses: no slice is parsed twice but that one', () => {
      // Every slice's last place is inside an element, in its list of objects of the same key.
      const inner = Array.from({ length: 40 }, (_, i) => ({ name: i }));
      const text = file(Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, x: inner })));
      const size = 300;
      const stream = new PackStream();
      const parse = vi.spyOn(JSON, 'parse');
      try {
        for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
        // Of the list's text (the entries' checks parse too): one for each slice that ends a
        // batch, and the one skim refused.
        const ofList = parse.mock.calls.filter(([arg]) => arg.startsWith('['));
        expect(ofList.length).toBeLessThanOrEqual(Math.ceil(text.length / size) + 1);
      } finally {
        parse.mockRestore();
      }
      expect(stream.skimmed).toBe(0);
      expect(stream.end()).toEqual(parsePack(text));
    });

    it('reads the place found past the list, in a part of the file after it, as parsePack does', () => {
      const entities = Array.from({ length: 8 }, (_, i) => entry(i));
      const text = file(entities).replace(
        /}$/,
        ',"after":[{"name":"a"},{"name":"b"}],"title":"T"}',
      );
      for (let size = 20; size <= text.length; size += 3)
        expect(skimmed(text, size).result).toEqual(parsePack(text));
    });

    it('agrees with parsePack on lists of any elements, with any one character changed', () => {
      const element = fc.oneof(
        fc.record({ name: fc.string({ maxLength: 4 }), note: fc.string({ maxLength: 4 }) }),
        fc.record({
          name: fc.constant('},{"name":'),
          x: fc.array(fc.record({ name: fc.nat() }), { maxLength: 3 }),
        }),
        fc.jsonValue({ maxDepth: 2 }),
      );
      fc.assert(
        fc.property(
          fc.array(element, { minLength: 3, maxLength: 20 }),
          fc.constantFrom(undefined, 1),
          fc.integer({ min: 5, max: 80 }),
          fc.option(
            fc.tuple(fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', ' ')),
          ),
          (entities, space, size, change) => {
            let text = file(entities, space);
            if (change) {
              const at = change[0] % text.length;
              text = text.slice(0, at) + change[1] + text.slice(at + 1);
            }
            const outcome = (r: ReturnType<typeof parsePack>) =>
              r.ok ? r : { ok: false, codes: r.issues.map((i) => i.code), valid: r.valid };
            expect(outcome(skimmed(text, size).result)).toEqual(outcome(parsePack(text)));
          },
        ),
        { seed: 20261205, numRuns: 1500 },
      );
    });
  });

  describe('rawEntities', () => {
    const read = (text: string, size: number) => {
      const stream = new PackStream();
      for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
      const before = stream.rawEntities();
      stream.end();
      return { before, after: stream.rawEntities() };
    };

    it('gives the entities list as JSON.parse reads it, mended, after end() only', () => {
      const text =
        '{"format":"backstory-pack","version":1,"entities":[' +
        '{"name":"\uFEFFA","\uFDD0\uFEFFk":"\uD800","__proto__":{"x":1e400}},"not an entity",7]}';
      const parsed = (JSON.parse(text) as { entities: unknown[] }).entities;
      for (const size of [1, 3, text.length]) {
        const { before, after } = read(text, size);
        expect(before).toBeUndefined();
        expect(after).toEqual(parsed);
        // What entitiesSha256 hashes: the same text, a key named __proto__ included.
        expect(JSON.stringify(after)).toBe(JSON.stringify(parsed));
        expect(JSON.stringify(after)).toContain('"__proto__":{"x":null}');
      }
    });

    it('writes back to the text JSON.parse writes back, key order included, for any keys', () => {
      const text = fc.oneof(
        fc.constantFrom('\uFEFF', '\uFDD0', '\uD800', '\\', '"', '__proto__', '1'),
        fc.string({ maxLength: 3 }),
      );
      const key = fc.array(text, { maxLength: 4 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(
          fc.array(fc.tuple(key, key), { maxLength: 6 }),
          fc.integer({ min: 1, max: 9 }),
          (pairs, size) => {
            const fields = pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
            const file = `{"entities":[{${fields.join(',')}},[{${fields.reverse().join(',')}}]]}`;
            const parsed = (JSON.parse(file) as { entities: unknown[] }).entities;
            expect(JSON.stringify(read(file, size).after)).toBe(JSON.stringify(parsed));
          },
        ),
        { seed: 20261203, numRuns: 300 },
      );
    });

    it('gives them for a file that is JSON but not a valid pack', () => {
      const text = '{"format":"other","entities":[{"name":""}]}';
      expect(read(text, 5).after).toEqual([{ name: '' }]);
    });

    it.each([
      ['not JSON', '{"entities":[1,2]'],
      ['a list', '[1,2]'],
      ['entities that are not a list', '{"entities":{"0":1}}'],
      ['no entities', '{"format":"backstory-pack","version":1}'],
      ['an empty file', ''],
    ])('gives none for %s', (_, text) => {
      expect(read(text, 2).after).toBeUndefined();
    });
  });
});
