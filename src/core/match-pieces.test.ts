import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSource, dictionarySource, type Nameable } from './dictionary';
import { MATCH_REQUEST_MAX_CHARS, matchInPieces, nextCut, type PieceSize } from './match-pieces';
import { matchPageText, type PageMatches } from './page-match';

const NAMES: Nameable[] = [
  { id: 'gantz', kind: 'person', name: 'Benny Gantz', aliases: ['Gantz'] },
  { id: 'akar', kind: 'person', name: 'Hulusi Akar', aliases: ['Akar'] },
  { id: 'minister', kind: 'topic', name: 'Defence Minister', aliases: [] },
  { id: 'nato', kind: 'organization', name: 'NATO', aliases: [] },
];
const dictionary = compileSource(dictionarySource(NAMES, 1));
const whole = (text: string) => matchPageText(dictionary.matcher, dictionary.entities, text);
/** The same objects, in an array (a fresh compile's list is one). */
const listed = [...dictionary.entities];

/** The marks as [text, entity id], what a page draws. */
function marks(text: string, found: PageMatches): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < found.matches.length; i += 3) {
    const [start, end, entity] = found.matches.slice(i, i + 3) as [number, number, number];
    out.push([`${start}:${text.slice(start, end)}`, found.entities[entity]!.id]);
  }
  return out;
}

/** Matches in pieces, counting the requests and checking none is over the size. */
async function inPieces(text: string, size: PieceSize) {
  const pieces: string[] = [];
  const found = await matchInPieces(
    text,
    (piece) => {
      pieces.push(piece);
      return whole(piece);
    },
    size,
  );
  return { found, pieces };
}

/**
 * The control: pieces matched on their own, cut every `max` characters or
 * (`atCuts`) where nextCut cuts, without reading past the cut.
 */
function naive(text: string, max: number, atCuts = false): PageMatches {
  const out: PageMatches = { entities: listed, matches: [] };
  for (let start = 0, next = 0; start < text.length; start = next) {
    next = atCuts ? nextCut(text, start, SMALL).keep : start + max;
    const found = whole(text.slice(start, next));
    for (let i = 0; i < found.matches.length; i += 3) {
      const entity = listed.indexOf(found.entities[found.matches[i + 2]!]!);
      out.matches.push(start + found.matches[i]!, start + found.matches[i + 1]!, entity);
    }
  }
  return out;
}

const SMALL: PieceSize = { max: 60, overlap: 25 };

describe('matchInPieces', () => {
  it('sends a text up to the size as one request', async () => {
    const text = 'Benny Gantz met Hulusi Akar.';
    const { found, pieces } = await inPieces(text, SMALL);
    expect(pieces).toEqual([text]);
    expect(found).toEqual(whole(text));
  });

  it('cuts at block edges and finds every mark of the whole text', async () => {
    // Blocks of about 30 characters; a name sits right before and right after several cuts.
    const blocks = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? `news ${i} of Benny Gantz` : `Akar said ${i} things`,
    );
    const text = blocks.join('\u0000');
    const { found, pieces } = await inPieces(text, SMALL);
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.every((p) => p.length <= SMALL.max)).toBe(true);
    // Each piece ends at a block edge.
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\u0000'))).toBe(true);
    expect(marks(text, found)).toEqual(marks(text, whole(text)));
    // The control: cut blindly, names across the cuts are lost or cut short.
    expect(marks(text, naive(text, SMALL.max))).not.toEqual(marks(text, whole(text)));
  });

  it('cuts a block longer than a piece at white space, a name across the cut found whole', async () => {
    // One block: "Defence Minister" straddles the first cut.
    const text = `${'word '.repeat(3)}Turkish Defence Minister Hulusi Akar visited NATO ${'x '.repeat(40)}Gantz`;
    const cut = nextCut(text, 0, SMALL);
    expect(cut.keep).toBeGreaterThan(text.indexOf('Defence'));
    expect(cut.keep).toBeLessThan(text.indexOf('Defence Minister') + 'Defence Minister'.length);
    const { found, pieces } = await inPieces(text, SMALL);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= SMALL.max)).toBe(true);
    expect(marks(text, found)).toEqual(marks(text, whole(text)));
    // The control: the same cuts, without the overlap, miss the name across the first.
    expect(marks(text, naive(text, SMALL.max, true))).not.toEqual(marks(text, whole(text)));
  });

  it('finds what matching the whole text finds, for any text', async () => {
    const word = fc.constantFrom(
      'Benny',
      'Gantz',
      'Gantz’s',
      'Hulusi',
      'Akar',
      'Akarsu',
      'Defence',
      'Minister',
      'NATO',
      'nato',
      'the',
      'and',
      '—',
    );
    const gap = fc.constantFrom(' ', ' ', '  ', '\u0000', '\n', '\u00a0');
    const text = fc
      .array(fc.tuple(word, gap), { maxLength: 120 })
      .map((parts) => parts.map(([w, g]) => w + g).join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 40, max: 90 }), async (t, max) => {
        const { found } = await inPieces(t, { max, overlap: 30 });
        expect(marks(t, found)).toEqual(marks(t, whole(t)));
      }),
    );
  });

  it('keeps a real page size to a few requests', () => {
    // The largest corpus page reads 493,028 characters.
    const block = `${'Some words of a long article about Benny Gantz and others. '.repeat(8)}\u0000`;
    const text = block.repeat(Math.ceil(493_028 / block.length));
    let requests = 0;
    for (let start = 0; start < text.length; requests++) start = nextCut(text, start).keep;
    expect(requests).toBe(Math.ceil(text.length / MATCH_REQUEST_MAX_CHARS));
  });
});
