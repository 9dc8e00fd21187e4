/**
 * The form table's scan against the automaton, its reference: on random
 * dictionaries and texts made of their forms (in other cases, cut, glued
 * together) and noise, scanTable finds exactly what scanFolded finds.
 *
 * The property is held to catch a broken scan: the controls below break a
 * table in one way each (the mistakes a change to the build or the scan
 * could make) and check that the property then fails. By hand, each of
 * these mutations of the code also made it fail (tried alone, then undone):
 * - the start edge's sides swapped (the class at s taken as the outside);
 * - the end edge read with the class at k - 1 in place of the class before
 *   k (which differs after a surrogate pair);
 * - the build's edge prefix for a form that starts with a low surrogate
 *   half dropped: caught only once the texts put a high half before a form
 *   (shrunk: "\ude00a" in "𠈀a", now a plain test in form-table.test.ts);
 * - the case check taking the last fitting choice of an entry, not the first;
 * - `s = bestEnd + 1` after a match instead of `s = bestEnd`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../test-setup/fuzz';
import { foldCodes } from './fold';
import { KINDS } from './entity';
import type { FormTable } from './form-table';
import { buildFormTable } from './form-table-build';
import { asTableMatches, scanTable } from './form-table-scan';
import { compile, scanFolded, type CompileLimits, type FormInput } from './matcher';

/**
 * Pieces of forms and texts: a few Latin letters (so forms share prefixes
 * and overlap), capitals, what folding changes or drops, punctuation and
 * white space, CJK and Thai (no edges needed), combining marks kept and
 * removed, surrogate pairs and lone halves, and NUL.
 */
const piece = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') },
  { weight: 6, arbitrary: fc.constantFrom('A', 'B', 'C', ' ', "'", '’', '-', '.', ',') },
  { weight: 3, arbitrary: fc.constantFrom('中', '文', 'ก', 'ร', '\u0e38', 'ฯ') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('ı', 'İ', 'é', 'ß', '\u0301', '\u0903', '\u00ad', '\u200b', '1'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '😀',
      '𠀀',
      '\ud83d',
      '\ude00',
      '\ud840',
      '\udc00',
      '\u0000',
      '\u00a0',
    ),
  },
);
const formText = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));

const formsArb = fc.array(
  fc.record({
    text: formText,
    entity: fc.nat(6),
    caseSensitive: fc.option(fc.boolean(), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 60, size: 'large' },
);

/** In another case: the page may write a form in capitals, or in lower case. */
const recase = (s: string, how: number) =>
  how === 0
    ? s
    : how === 1
      ? s.toUpperCase()
      : how === 2
        ? s.toLowerCase()
        : s[0]!.toUpperCase() + s.slice(1);

/** Forms, limits (sometimes tight enough to leave entities out) and a text. */
const caseArb = formsArb.chain((forms) =>
  fc.tuple(
    fc.constant(forms),
    fc.option(
      fc.record({ units: fc.integer({ min: 1, max: 60 }), forms: fc.integer({ min: 1, max: 30 }) }),
      {
        nil: undefined,
        freq: 4,
      },
    ),
    fc
      .array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .tuple(fc.nat(forms.length - 1), fc.nat(3))
              .map(([i, how]) => recase(forms[i]!.text, how)),
          },
          {
            weight: 1,
            arbitrary: fc.nat(forms.length - 1).map((i) => forms[i]!.text.slice(0, -1)),
          },
          // A high half before a form that starts with a low one: one character in the text.
          {
            weight: 1,
            arbitrary: fc.nat(forms.length - 1).map((i) => `\ud840${forms[i]!.text}`),
          },
          { weight: 1, arbitrary: fc.nat(forms.length - 1).map((i) => forms[i]!.text.slice(1)) },
          { weight: 4, arbitrary: piece },
        ),
        { maxLength: 40, size: 'large' },
      )
      .map((parts) => parts.join('')),
  ),
);

type Case = [FormInput[], CompileLimits | undefined, string];

/** The 7 entities' kinds, not all one: a mark given another entity's kind shows. */
const KINDS_OF_7 = Uint8Array.from({ length: 7 }, (_, i) => i % KINDS.length);

/** Whether the table (changed by `spoil`) finds what the automaton finds. */
function agrees([forms, limits, text]: Case, spoil?: (t: FormTable) => void): boolean {
  const m = compile(forms, limits);
  const t = buildFormTable(m, KINDS_OF_7)!;
  spoil?.(t);
  const folded = foldCodes(text);
  expect(scanTable(t, text, folded)).toEqual(
    asTableMatches(scanFolded(m, text, folded), KINDS_OF_7),
  );
  return true;
}

describe('scanTable against the automaton', () => {
  it('finds the same marks on random dictionaries and texts', () => {
    fc.assert(
      fc.property(caseArb, (c) => agrees(c)),
      fuzzParams(1414, 2000),
    );
  });

  // Each control breaks the table one way; the property must then fail.
  const spoils: [string, (t: FormTable) => void][] = [
    [
      'no edge prefixes (a form is found only up to its first word edge)',
      (t) => t.valueLow.forEach((v, i) => (t.valueLow[i] = v & ~1)),
    ],
    ['candidates cut one unit short of the longest form', (t) => (t.maxLength -= 1)],
    ['exact-case forms that never fit', (t) => t.choiceHash.fill(0)],
    [
      'patterns of one folded form tried in another order',
      (t) => {
        for (let j = 0; j < t.choosyEntry.length; j++) {
          const from = t.choiceStart[j]!;
          if (t.choiceStart[j + 1]! - from < 2) continue;
          const values = t.choiceValue.subarray(from, from + 2);
          values.reverse();
          const hashes = t.choiceHash.subarray(2 * from, 2 * from + 4);
          hashes.set([hashes[2]!, hashes[3]!, hashes[0]!, hashes[1]!]);
        }
      },
    ],
    [
      'each entry’s kind moved to the next of KINDS',
      (t) =>
        t.valueLow.forEach((v, i) => {
          const kind = (v >>> 1) & 7;
          t.valueLow[i] = (v & ~0b1110) | (((kind + 1) % KINDS.length) << 1);
        }),
    ],
    ['no unit is a form’s first', (t) => t.firstUnits.fill(0)],
  ];

  it.each(spoils)('fails when the table is broken: %s', (_, spoil) => {
    const result = fc.check(
      fc.property(caseArb, (c) => agrees(c, spoil)),
      fuzzParams(1414, 2000),
    );
    expect(result.failed).toBe(true);
  });
});
