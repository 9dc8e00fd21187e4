import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines, splitLines } from './lists';

describe('one-per-line lists', () => {
  it('keep a name with a comma whole', () => {
    expect(splitLines(joinLines(['Washington, D.C.', 'DC']))).toEqual(['Washington, D.C.', 'DC']);
    // The control: the comma-separated field this replaced split it in two.
    expect('Washington, D.C.'.split(',')).toHaveLength(2);
  });

  it('read any line ending, trim, and drop empty lines', () => {
    expect(splitLines(' a \r\nb\r\n\nc\r  ')).toEqual(['a', 'b', 'c']);
  });

  it('give back any list of trimmed names exactly', () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[\r\n]/g, ' ').trim())
      .filter(Boolean);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), (list) => {
        expect(splitLines(joinLines(list))).toEqual(list);
      }),
    );
  });
});
