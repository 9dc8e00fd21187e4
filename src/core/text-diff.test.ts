/**
 * The word diff (text-diff.ts): exact on known texts, minimal where one
 * word changes, both sides given back exactly for any text, and bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, fuzzParams } from '../test-setup/fuzz';
import { diffWords, hasChanges, sideOf, tokenize, type DiffSegment } from './text-diff';

const s = (text: string): DiffSegment => ({ op: 'same', text });
const r = (text: string): DiffSegment => ({ op: 'removed', text });
const a = (text: string): DiffSegment => ({ op: 'added', text });

describe('diffWords', () => {
  it('marks the changed words only', () => {
    const diff = diffWords(
      'NATO is a military alliance of 31 member states.',
      'NATO is a military alliance of 32 member states in Europe and North America.',
    );
    expect(diff).toEqual({
      segments: [
        s('NATO is a military alliance of '),
        r('31'),
        a('32'),
        s(' member states'),
        a(' in Europe and North America'),
        s('.'),
      ],
      whole: false,
    });
  });

  it('says a text without changes has none, and gives nothing for two empty texts', () => {
    expect(diffWords('Same text.', 'Same text.')).toEqual({
      segments: [s('Same text.')],
      whole: false,
    });
    expect(hasChanges(diffWords('Same text.', 'Same text.'))).toBe(false);
    expect(diffWords('', '')).toEqual({ segments: [], whole: false });
    expect(diffWords('', 'New.').segments).toEqual([a('New.')]);
    expect(diffWords('Old.', '').segments).toEqual([r('Old.')]);
  });

  it('reads a rewritten sentence as one out and one in, not a comb of single words', () => {
    const { segments } = diffWords(
      'It was founded in the year 1949 by twelve states.',
      'It was signed in the city of Washington by twelve states.',
    );
    // " in the " between two changes no longer than it is kept in common…
    expect(segments).toContainEqual(s(' in the '));
    // …and a space between two rewritten words is not.
    const { segments: rewritten } = diffWords('one two three', 'uno dos tres');
    expect(rewritten).toEqual([r('one two three'), a('uno dos tres')]);
  });

  it('cuts words in scripts without spaces one letter at a time', () => {
    expect(tokenize('北大西洋公約機構')).toHaveLength(8);
    expect(tokenize('Hulusi Akar’ın')).toEqual(['Hulusi', ' ', 'Akar', '’', 'ın']);
    const { segments } = diffWords('北大西洋公約機構', '北大西洋条約機構');
    expect(segments).toEqual([s('北大西洋'), r('公'), a('条'), s('約機構')]);
  });

  it('is minimal where one word is put in: nothing removed, that word added', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        word,
        fc.nat(),
        (words, extra, at) => {
          const position = at % (words.length + 1);
          const before = words.join(' ');
          const after = [...words.slice(0, position), extra, ...words.slice(position)].join(' ');
          const changes = diffWords(before, after).segments.filter((x) => x.op !== 'same');
          expect(changes.filter((x) => x.op === 'removed')).toEqual([]);
          expect(changes.map((x) => x.text.trim())).toEqual([extra]);
        },
      ),
      fuzzParams(151),
    );
  });

  it('gives both texts back exactly, for any two texts', () => {
    fc.assert(
      fc.property(anyText(60), anyText(60), (before, after) => {
        const diff = diffWords(before, after);
        expect(sideOf(diff.segments, 'before')).toBe(before);
        expect(sideOf(diff.segments, 'after')).toBe(after);
        expect(hasChanges(diff)).toBe(before !== after);
        // Never two segments of one kind side by side, never an empty one.
        for (const [i, segment] of diff.segments.entries()) {
          expect(segment.text).not.toBe('');
          expect(segment.op).not.toBe(diff.segments[i + 1]?.op);
        }
      }),
      fuzzParams(152, 300),
    );
  });

  it('gives both texts back exactly for texts of shared words, edited', () => {
    const words = fc.constantFrom('the', 'alliance', 'NATO', ',', ' ', '\n\n', '31', 'états', '約');
    const textOf = fc.array(words, { maxLength: 80 }).map((w) => w.join(''));
    fc.assert(
      fc.property(textOf, textOf, (before, after) => {
        const { segments } = diffWords(before, after);
        expect(sideOf(segments, 'before')).toBe(before);
        expect(sideOf(segments, 'after')).toBe(after);
      }),
      fuzzParams(153, 300),
    );
  });

  it('the check that both sides come back catches a wrong diff (the control)', () => {
    const { segments } = diffWords('one two three', 'one 2 three');
    // Swap removed and added: the same texts, the wrong way round.
    const swapped = segments.map((x) =>
      x.op === 'same'
        ? x
        : { ...x, op: x.op === 'added' ? ('removed' as const) : ('added' as const) },
    );
    expect(sideOf(swapped, 'before')).not.toBe('one two three');
    // A segment dropped.
    expect(sideOf(segments.slice(1), 'after')).not.toBe('one 2 three');
  });

  it('shows the middle whole past its limits, and stays exact', () => {
    const reader = Array.from({ length: 10_000 }, (_, i) => `word${i % 997}`).join(' ');
    const wikipedia = Array.from({ length: 600 }, (_, i) => `other${i % 89}`).join(' ');
    const diff = diffWords(`Start. ${reader} End.`, `Start. ${wikipedia} End.`);
    expect(diff.whole).toBe(true);
    expect(diff.segments.map((x) => x.op)).toEqual(['same', 'removed', 'added', 'same']);
    expect(sideOf(diff.segments, 'before')).toBe(`Start. ${reader} End.`);
    expect(sideOf(diff.segments, 'after')).toBe(`Start. ${wikipedia} End.`);

    const small = { chars: 100, cells: 100 };
    expect(diffWords('a b c d e f', 'a b x d e f', small).whole).toBe(false);
    expect(diffWords('a b c d e f g h i j', 'k l m n o p q r s t', small).whole).toBe(true);
    const long = diffWords('x'.repeat(80), 'y'.repeat(80), small);
    expect(long).toEqual({ segments: [r('x'.repeat(80)), a('y'.repeat(80))], whole: true });
  });

  it('compares a 4,000-character summary with a 100,000-character note within its table', () => {
    const note = 'A reader’s long note. '.repeat(4_600);
    const summary = 'The article’s summary, rather shorter. '.repeat(100);
    const diff = diffWords(note, summary);
    expect(sideOf(diff.segments, 'before')).toBe(note);
    expect(sideOf(diff.segments, 'after')).toBe(summary);
  });
});
