import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldForm, foldUnitByRules } from './fold';

describe('fold', () => {
  it.each([
    ['Hulusi AKAR', 'hulusi akar'],
    ['İstanbul', 'istanbul'],
    ['ISPARTA ılıca', 'isparta ilica'],
    ['Erdoğan', 'erdogan'],
    ['Māori Whangārei', 'maori whangarei'],
    ['Gantz’s', "gantz's"],
    ['Gantzʼs', "gantz's"],
    ['‘quoted’', "'quoted'"],
    ['Nagorno–Karabakh — Nagorno‑Karabakh', 'nagorno-karabakh - nagorno-karabakh'],
    ['Benny\u00a0\u2009 \n\tGantz', 'benny gantz'],
    ['Gan\u00adtz', 'gantz'],
    ['Ga\u200bntz', 'gantz'],
    ['Straße', 'strasse'],
    ['e\u0301te\u0301', 'ete'],
    ['בְּנִי', 'בני'],
  ])('folds %j to %j', (input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it('maps folded units back to the original characters', () => {
    const input = 'Bé\u00adla  Ke\u0301';
    const f = fold(input);
    expect(f.text).toBe('bela ke');
    // "la" starts after the soft hyphen.
    expect(input.slice(f.starts[2], f.ends[3])).toBe('la');
    // The run of two spaces is one folded space covering both.
    expect(input.slice(f.starts[4], f.ends[4])).toBe('  ');
    // The final e keeps its combining accent.
    expect(input.slice(f.starts[6], f.ends[6])).toBe('e\u0301');
  });

  it('trims surface forms', () => {
    expect(foldForm('  Hulusi   Akar ')).toBe('hulusi akar');
  });

  it('folds ASCII names by their lower case only where that is their fold', () => {
    // The lower case alone (foldForm's quick way) would keep these as written.
    expect(foldForm('Rock`n Roll')).toBe("rock'n roll");
    expect(foldForm('Hulusi\tAkar')).toBe('hulusi akar');
    expect(foldForm('Hulusi  Akar')).toBe('hulusi akar');
    expect(foldForm('Hulusi Akar ')).toBe('hulusi akar');
    // Here the lower case is the fold.
    expect(foldForm('NATO-2 (B.V.)')).toBe('nato-2 (b.v.)');
    // Every ASCII string, and ASCII with a unit beyond it, folds as page text does.
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          ascii,
          fc.tuple(ascii, fc.constantFrom('İ', 'é', '\u00a0', '’')).map(([a, b]) => a + b),
        ),
        (input) => {
          expect(foldForm(input)).toBe(fold(input).text.trim());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps every folded unit inside the original text, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), (input) => {
        const f = fold(input);
        expect(f.starts.length).toBe(f.text.length);
        for (let i = 0; i < f.text.length; i++) {
          expect(f.starts[i]).toBeLessThan(f.ends[i]!);
          expect(f.ends[i]).toBeLessThanOrEqual(input.length);
          if (i > 0) expect(f.starts[i]).toBeGreaterThanOrEqual(f.starts[i - 1]!);
        }
      }),
    );
  });

  it('folds a surface form exactly as page text is folded, trimmed', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
      // White space, soft hyphens, zero-width characters, ß and İ in every mix.
      fc.string({
        unit: fc.constantFrom(
          ' ',
          '\u00a0',
          '\n',
          '\u00ad',
          '\u200b',
          'ß',
          'İ',
          'ı',
          'A',
          'é',
          '-',
          '’',
        ),
        maxLength: 20,
      }),
    );
    fc.assert(
      fc.property(text, (input) => {
        expect(foldForm(input)).toBe(fold(input).text.trim());
      }),
    );
  });
});

describe('the fold of one unit', () => {
  const DROP = -1;
  const SPACE = -2;
  const MULTI = -3;

  it('answers every BMP unit as the rules do, its quick answers included', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      // One unit alone folds to its fold, to nothing (dropped) or to one space (white space).
      const quick = fold(String.fromCharCode(c)).text;
      const rules = foldUnitByRules(c);
      const same =
        rules === DROP
          ? quick === ''
          : rules === SPACE
            ? quick === ' '
            : rules === MULTI
              ? quick.length > 1
              : quick === String.fromCharCode(rules);
      if (!same) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('takes white space to be what \\s is, but for the characters it drops', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const space = /^\s$/u.test(ch) && !'\u00ad\u200b\u200c\u200d\u2060\ufeff'.includes(ch);
      if ((foldUnitByRules(c) === SPACE) !== space) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
