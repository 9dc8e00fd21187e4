/**
 * Property tests of reading a file's bytes as text (src/test-setup/fuzz.ts
 * says how to run more of them, or replay a seed): a file in UTF-8 or UTF-16
 * with its byte order mark reads back as written, however its bytes are cut
 * into chunks; bytes that are not text stop the import with NotTextError,
 * never with another error or with U+FFFD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectEncoding, fileDecoder, NotTextError, type FileEncoding } from './encoding';
import { fuzzParams, text } from '../test-setup/fuzz';

/** Decodes `bytes` cut at `cuts` (positions, in any order), as the manager reads a file. */
function read(bytes: Uint8Array, cuts: number[], choice: FileEncoding = 'auto'): string {
  const decoder = fileDecoder(choice);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const to of [...at, bytes.length]) {
    out += decoder.push(bytes.subarray(from, to));
    from = to;
  }
  return out + decoder.end();
}

const utf16 = (s: string, littleEndian: boolean) => {
  const out = new Uint8Array(2 + s.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < s.length; i++) view.setUint16(2 + i * 2, s.charCodeAt(i), littleEndian);
  return out;
};

/** Text, sometimes long and full of NULs (the zero bytes `auto` looks for in UTF-16). */
const fileText = fc.oneof(
  text(200),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 1200 })
    .map((s) => [...s].join('\u0000')),
);
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('reading a file, fuzzed', () => {
  it('reads UTF-8 with its byte order mark, or without one (and no NUL), as written', () => {
    fc.assert(
      fc.property(fileText, cuts, fc.boolean(), (s, at, mark) => {
        // Without a mark, text that starts with U+FEFF starts with the mark.
        fc.pre(mark || (!s.includes('\u0000') && !s.startsWith('\uFEFF')));
        const bytes = new TextEncoder().encode(`${mark ? '\uFEFF' : ''}${s}`);
        expect(read(bytes, at)).toBe(s);
      }),
      fuzzParams(1501, 200),
    );
  });

  it('reads UTF-16 of either order by its byte order mark, as written', () => {
    fc.assert(
      fc.property(fileText, cuts, fc.boolean(), (s, at, little) => {
        expect(read(utf16(s, little), at)).toBe(s);
      }),
      fuzzParams(1502, 150),
    );
  });

  it('reads any bytes as the text they hold, or stops with NotTextError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), cuts, (bytes, at) => {
        let decoded: string;
        try {
          decoded = read(bytes, at);
        } catch (error) {
          expect(error).toBeInstanceOf(NotTextError);
          return;
        }
        // Written again in the encoding it was read in, the text is the file, less its byte
        // order mark: nothing was replaced (no U+FFFD for bytes that were not text).
        const encoding = detectEncoding(bytes);
        const again =
          encoding === 'utf-8'
            ? new TextEncoder().encode(decoded)
            : utf16(decoded, encoding === 'utf-16le').subarray(2);
        const mark = {
          'utf-8': [0xef, 0xbb, 0xbf],
          'utf-16le': [0xff, 0xfe],
          'utf-16be': [0xfe, 0xff],
        }[encoding];
        const marked = mark.every((b, i) => bytes[i] === b);
        expect(again).toEqual(bytes.subarray(marked ? mark.length : 0));
      }),
      fuzzParams(1503, 300),
    );
  });
});
