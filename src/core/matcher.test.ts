import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldForm } from './fold';
import { compile, hasForm, scan, type FormInput } from './matcher';

/** Forms given as [text, entity] pairs; returns the matched substrings. */
function marks(forms: [string, number][], text: string): string[] {
  const m = compile(forms.map(([t, entity]): FormInput => ({ text: t, entity })));
  return scan(m, text).map((x) => text.slice(x.start, x.end));
}

describe('matcher', () => {
  it.each([
    // [forms, text, expected marks]
    [['Hulusi Akar'], 'Minister Hulusi Akar said', ['Hulusi Akar']],
    [['Hulusi Akar'], 'HULUSI akar', ['HULUSI akar']],
    [['Benny Gantz'], 'Benny\u00a0 Gantz', ['Benny\u00a0 Gantz']],
    [["Gantz's visit"], 'Gantz’s visit', ['Gantz’s visit']],
    [['Erdogan'], 'Erdoğan spoke', ['Erdoğan']],
    [['İzmir'], 'IZMIR and izmir and İzmir', ['IZMIR', 'izmir', 'İzmir']],
  ])('folds: %j in %j', (forms, text, expected) => {
    expect(
      marks(
        forms.map((f) => [f, 0]),
        text,
      ),
    ).toEqual(expected);
  });

  it.each([
    [['US'], 'the US and us and Us', ['US']],
    [['NATO'], 'NATO, nato, Nato', ['NATO']],
    // Soft hyphens and zero-width characters do not break the exact case.
    [['NATO'], 'NA\u00adTO and NA\u200bTO', ['NA\u00adTO', 'NA\u200bTO']],
    [['EU'], 'EU members', ['EU']],
    [['Nato'], 'NATO, nato', ['NATO', 'nato']],
    [['Turkey'], 'TURKEY', ['TURKEY']],
  ])('capitals rule: %j in %j', (forms, text, expected) => {
    expect(
      marks(
        forms.map((f) => [f, 0]),
        text,
      ),
    ).toEqual(expected);
  });

  it('lets a form override the capitals rule', () => {
    const m = compile([
      { text: 'IDF', entity: 0, caseSensitive: false },
      { text: 'Apple', entity: 1, caseSensitive: true },
    ]);
    const text = 'idf apple Apple';
    expect(scan(m, text).map((x) => text.slice(x.start, x.end))).toEqual(['idf', 'Apple']);
  });

  it.each([
    [['Akar'], 'Akarsu', []],
    [['Tunis'], 'Tunisia and Tunis.', ['Tunis']],
    [['Grace'], 'graceful Grace', ['Grace']],
    [['Gantz'], "Gantz's Gantz’ Gantz-led", ['Gantz', 'Gantz', 'Gantz']],
    [['Akar'], "Akar'ın", ['Akar']],
    [['G7'], 'G7 G70', ['G7']],
    [['北京'], '在北京市', ['北京']],
    [['NATO'], 'NATO加盟国', ['NATO']],
    [['Akar'], 'x\u0301Akar', []],
  ])('word edges: %j in %j', (forms, text, expected) => {
    expect(
      marks(
        forms.map((f) => [f, 0]),
        text,
      ),
    ).toEqual(expected);
  });

  it('takes the leftmost, then the longest, never overlapping', () => {
    const forms: [string, number][] = [
      ['Defence Minister', 0],
      ['Hulusi Akar', 1],
      ['Akar', 1],
      ['Turkish Defence', 2],
    ];
    expect(marks(forms, 'Defence Minister Hulusi Akar')).toEqual([
      'Defence Minister',
      'Hulusi Akar',
    ]);
    expect(marks(forms, 'Turkish Defence Minister Hulusi Akar')).toEqual([
      'Turkish Defence',
      'Hulusi Akar',
    ]);
  });

  it('reports the entity of each mark', () => {
    const m = compile([
      { text: 'Benny Gantz', entity: 0 },
      { text: 'Gantz', entity: 0 },
      { text: 'Ankara', entity: 1 },
    ]);
    expect(scan(m, 'Gantz in Ankara').map((x) => x.entity)).toEqual([0, 1]);
  });

  it('follows a busy node’s row up to its last label, and past its end to the failure link', () => {
    const m = compile(
      ['ab', 'ac', 'ad', 'ae', 'bz', '中'].map((text, entity): FormInput => ({ text, entity })),
    );
    // "a" has four edges: a row of transitions, up to its rarest label.
    expect(m.denseAt.some((at) => at >= 0)).toBe(true);
    const text = 'ab ac ad ae a中 中 abz';
    expect(scan(m, text).map((x) => text.slice(x.start, x.end))).toEqual([
      'ab',
      'ac',
      'ad',
      'ae',
      '中',
      '中',
    ]);
  });

  it('never lets a mark cross a NUL separator', () => {
    expect(marks([['Hulusi Akar', 0]], 'Hulusi\u0000Akar')).toEqual([]);
  });

  it('ignores empty forms', () => {
    expect(
      marks(
        [
          ['  ', 0],
          ['x', 0],
        ],
        'x y',
      ),
    ).toEqual(['x']);
  });

  const word = fc.stringMatching(/^[a-zA-Zçğış]{1,6}$/);
  const formsArb = fc.array(fc.tuple(word, fc.option(word, { nil: undefined })), {
    minLength: 1,
    maxLength: 12,
  });

  it('finds marks that never overlap, each a folded surface form', () => {
    fc.assert(
      fc.property(
        formsArb,
        fc.array(fc.oneof(word, fc.constantFrom(' ', '. ', '’s ', '\u00a0')), { maxLength: 40 }),
        (pairs, parts) => {
          const forms = pairs.map(([a, b]) => (b ? `${a} ${b}` : a));
          const text = parts.join('');
          const m = compile(forms.map((t, entity) => ({ text: t, entity, caseSensitive: false })));
          const folded = new Set(forms.map(foldForm));
          let lastEnd = -1;
          for (const match of scan(m, text)) {
            expect(match.start).toBeGreaterThanOrEqual(lastEnd);
            lastEnd = match.end;
            expect(folded.has(fold(text.slice(match.start, match.end)).text)).toBe(true);
          }
        },
      ),
    );
  });

  it('finds every whole-word occurrence a naive search finds, when forms do not overlap', () => {
    fc.assert(
      fc.property(
        word,
        fc.array(fc.oneof(word, fc.constant(' ')), { maxLength: 30 }),
        (form, parts) => {
          const text = parts.join('');
          const m = compile([{ text: form, entity: 0, caseSensitive: false }]);
          const expected = text
            .split(' ')
            .filter((w) => w && foldForm(w) === foldForm(form)).length;
          expect(scan(m, text).length).toBe(expected);
        },
      ),
    );
  });
});

describe('hasForm (the names finder’s “the reader has a note by this name”)', () => {
  const m = compile(
    ['Hulusi Akar', 'Akar', 'NATO', 'Erdoğan', 'Bank of England'].map((text, entity) => ({
      text,
      entity,
    })),
  );

  it('knows each whole form, folded, whatever its case rule', () => {
    for (const name of ['hulusi akar', 'akar', 'nato', 'erdogan', 'bank of england'])
      expect(hasForm(m, name), name).toBe(true);
    // NATO matches its exact case on a page; as a name the reader has, any case is it.
    expect(hasForm(m, foldForm('Nato'))).toBe(true);
  });

  it('knows no prefix, extension or inner part of a form, and nothing empty', () => {
    for (const name of ['hulusi', 'akars', 'hulusi ak', 'of england', 'bank', 'ato', '', ' '])
      expect(hasForm(m, name), name).toBe(false);
  });

  it('agrees with the forms it was compiled from, for any forms', () => {
    const form = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.uniqueArray(form, { maxLength: 30 }), form, (forms, other) => {
        const compiled = compile(forms.map((text, entity) => ({ text, entity })));
        const folded = new Set(forms.map(foldForm).filter(Boolean));
        for (const f of folded) expect(hasForm(compiled, f)).toBe(true);
        expect(hasForm(compiled, foldForm(other))).toBe(folded.has(foldForm(other)));
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('does not know a form left out past the dictionary’s limits', () => {
    const small = compile(
      [
        { text: 'Ankara', entity: 0 },
        { text: 'Istanbul', entity: 1 },
      ],
      { units: 7, forms: 10 },
    );
    expect(hasForm(small, 'ankara')).toBe(true);
    expect(hasForm(small, 'istanbul')).toBe(false);
  });
});
