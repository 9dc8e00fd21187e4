/**
 * The automaton against a naive reference: every folded form looked for at
 * every position of the folded text, the same edge and case checks, then
 * leftmost-longest. Small alphabets with a few rare characters give nodes
 * with dense rows, rows that end before a character's number, and edges
 * searched one by one, all in one dictionary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classAt, classBefore, edgeHolds } from './char-class';
import { foldCodes, foldForm, originalEnd, originalStart, withoutIgnored } from './fold';
import { compile, isCapitalsForm, scan, type FormInput, type Match } from './matcher';

function reference(forms: readonly FormInput[], text: string): Match[] {
  const patterns: { folded: string; exact: string }[] = [];
  const entityOf: number[] = [];
  const seen = new Set<string>();
  for (const form of forms) {
    const written = form.text.trim();
    const folded = foldForm(written);
    if (!folded) continue;
    const exact = (form.caseSensitive ?? isCapitalsForm(written)) ? written : '';
    const key = `${exact ? 'E' : 'F'}${exact || folded}`;
    if (seen.has(key)) continue;
    seen.add(key);
    patterns.push({ folded, exact });
    entityOf.push(form.entity);
  }
  const f = foldCodes(text);
  const codes = f.codes.subarray(0, f.length);
  const edgesHold = (start: number, end: number) =>
    edgeHolds(classAt(codes, f.length, start), classBefore(codes, f.length, start)) &&
    edgeHolds(classBefore(codes, f.length, end), classAt(codes, f.length, end));
  const found: { start: number; end: number; pattern: number }[] = [];
  patterns.forEach(({ folded, exact }, pattern) => {
    for (let start = 0; start + folded.length <= f.length; start++) {
      const end = start + folded.length;
      if (String.fromCharCode(...codes.subarray(start, end)) !== folded) continue;
      if (!edgesHold(start, end)) continue;
      const original = text.slice(originalStart(f, start), originalEnd(f, end - 1));
      if (exact && withoutIgnored(original) !== exact) continue;
      found.push({ start, end, pattern });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.pattern - b.pattern);
  const out: Match[] = [];
  let lastEnd = -1;
  for (const { start, end, pattern } of found) {
    if (start < lastEnd) continue;
    lastEnd = end;
    out.push({
      start: originalStart(f, start),
      end: originalEnd(f, end - 1),
      entity: entityOf[pattern]!,
      pattern,
    });
  }
  return out;
}

/** Common letters, a few rare ones (CJK, Cyrillic), and what folding changes. */
const piece = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'e') },
  { weight: 4, arbitrary: fc.constantFrom('A', 'B', 'ı', 'é', ' ', "'", '’', '-', '.') },
  { weight: 2, arbitrary: fc.constantFrom('中', '文', 'ж', 'ß', 'İ', '1', '\u00ad') },
);
const formText = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));

const formsArb = fc.array(
  fc.record({
    text: formText,
    entity: fc.nat(5),
    caseSensitive: fc.option(fc.boolean(), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 80, size: 'large' },
);

/** Forms, and a text made of some of them (cut, or as they are) and random pieces. */
const dictionaryAndText = formsArb.chain((forms) =>
  fc.tuple(
    fc.constant(forms),
    fc
      .array(
        fc.oneof(
          fc.nat(forms.length - 1).map((i) => forms[i]!.text),
          fc.nat(forms.length - 1).map((i) => forms[i]!.text.slice(0, -1)),
          piece,
        ),
        { maxLength: 30, size: 'large' },
      )
      .map((parts) => parts.join('')),
  ),
);

describe('matcher against a naive reference', () => {
  it('finds the same marks on random dictionaries and texts', () => {
    fc.assert(
      fc.property(dictionaryAndText, ([forms, text]) => {
        expect(scan(compile(forms), text)).toEqual(reference(forms, text));
      }),
      { numRuns: 1000 },
    );
  });
});
