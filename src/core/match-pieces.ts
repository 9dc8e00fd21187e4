/**
 * A page's text matched in pieces of at most MATCH_REQUEST_MAX_CHARS, one
 * request each, and the answers joined as if the text had been matched
 * whole. The background bounds every `pageMatch` to that size, so one
 * request is one short slice of its time (src/background/match-scheduler.ts).
 *
 * The text is cut just after a NUL (a block edge, src/content/text-index.ts):
 * no surface form holds one, and to folding and the word-edge rule it is an
 * edge like the start or end of the text, so the pieces' matches are the
 * whole text's exactly. A single block longer than a piece (none of the
 * corpus pages comes near: their longest is about 5,000 characters) is cut
 * at white space instead, the piece running on 1,000 characters past the cut
 * so a name across it is still found whole; the next piece starts after the
 * last match kept.
 */
import { JoinedMatches, type PageMatches } from './page-match';

/**
 * The most text one `pageMatch` may carry: about 1.5 ms of matching in Node
 * at 100,000 surface forms. The largest corpus page (wikipedia-2, 493,000
 * characters read) takes five requests; the median one (43,000) takes one.
 */
export const MATCH_REQUEST_MAX_CHARS = 100_000;

export interface PieceSize {
  /** The most characters in one piece. */
  max: number;
  /** Context read past a cut inside a block: longer than a name can run (less than `max`). */
  overlap: number;
}

const PIECE: PieceSize = { max: MATCH_REQUEST_MAX_CHARS, overlap: 1_000 };

const SEPARATOR = '\u0000';
const WHITE_SPACE = /\s/;

/**
 * Where the piece starting at `start` ends (`end`), and where its kept part
 * ends (`keep`): matches starting at or after `keep` belong to the next
 * piece. The same for a cut at a block edge.
 */
export function nextCut(
  text: string,
  start: number,
  { max, overlap }: PieceSize = PIECE,
): { end: number; keep: number } {
  if (text.length - start <= max) return { end: text.length, keep: text.length };
  const edge = text.lastIndexOf(SEPARATOR, start + max - 1);
  if (edge >= start) return { end: edge + 1, keep: edge + 1 };
  // One block longer than a piece: cut after white space in the second half, if any.
  const last = start + max - overlap;
  let cut = last;
  for (let i = last; i > start + (max - overlap) / 2; i--) {
    if (WHITE_SPACE.test(text[i - 1]!)) {
      cut = i;
      break;
    }
  }
  // Never between the halves of a surrogate pair.
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut--;
  return { end: cut + overlap, keep: cut };
}

/**
 * Matches `text` through `matchPiece`, one piece after another (so a tab
 * has one request of a scan waiting at a time), and joins the answers: the
 * offsets are the whole text's and each entity is listed once.
 */
export async function matchInPieces(
  text: string,
  matchPiece: (piece: string) => PageMatches | Promise<PageMatches>,
  size: PieceSize = PIECE,
): Promise<PageMatches> {
  if (text.length <= size.max) return matchPiece(text);
  const joined = new JoinedMatches();
  let start = 0;
  while (start < text.length) {
    const { end, keep } = nextCut(text, start, size);
    const found = await matchPiece(text.slice(start, end));
    let next = keep;
    for (let i = 0; i < found.matches.length; i += 3) {
      const from = start + found.matches[i]!;
      const to = start + found.matches[i + 1]!;
      if (from >= keep) break;
      // Ends at the piece's cut, where its word edge was not checked (a name longer than the overlap).
      if (to >= end && end < text.length) continue;
      joined.push(from, to, found.entities[found.matches[i + 2]!]!);
      next = Math.max(next, to);
    }
    start = next;
  }
  return joined.out;
}
