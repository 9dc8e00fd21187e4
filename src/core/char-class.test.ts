import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BMP_CLASS_RUNS } from './char-class-table';
import { classAt, classify, decodeRuns, encodeRuns } from './char-class';

/** Every BMP code unit whose class in `runs` differs from the regular expressions'. */
function differences(runs: string): number[] {
  const table = new Uint8Array(0x10000);
  decodeRuns(runs, table);
  const out: number[] = [];
  for (let c = 0; c < table.length; c++) if (table[c] !== classify(c)) out.push(c);
  return out;
}

describe('the BMP class table', () => {
  it('gives every code unit the class the regular expressions give it', () => {
    expect(differences(BMP_CLASS_RUNS)).toEqual([]);
    // As the scan reads it.
    for (const c of [0x41, 0x20, 0x5317, 0x0e01, 0x00e9, 0x0301, 0x30fc, 0xd800, 0xffff])
      expect(classAt(Uint16Array.of(c), 1, 0)).toBe(classify(c));
  });

  it('is told apart from a table one run off (the control)', () => {
    // "1cX" (28 units of Other, up to the space) made 27: every later run shifts by one.
    const off = BMP_CLASS_RUNS.replace(/^1cX/, '1bX1Y');
    expect(differences(off).length).toBeGreaterThan(0);
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 500, min: 1, max: 3 }), (classes) => {
        const back = new Uint8Array(classes.length);
        decodeRuns(encodeRuns(classes), back);
        expect(back).toEqual(classes);
      }),
    );
  });
});
