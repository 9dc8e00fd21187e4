import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackStream } from './pack-stream';
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
