/**
 * The cut of read text into pieces to match one at a time (read-ahead.ts):
 * always at a block edge, so no piece splits a name (matches never cross
 * an edge). The collector itself needs a DOM and is held by the e2e specs.
 */
import { describe, expect, it } from 'vitest';
import { pieceEnd, SEPARATOR } from './text-index';

const S = SEPARATOR;

describe('pieceEnd', () => {
  const parts = ['Hulusi ', 'Akar', S, 'met', S, 'Benny Gantz', S, 'x'];
  // The last edge read: part 6.
  const last = 6;

  it('takes everything up to the last edge without a budget', () => {
    expect(pieceEnd(parts, 0, last, Infinity)).toBe(last);
  });

  it('cuts at the first edge where the budget is reached', () => {
    expect(pieceEnd(parts, 0, last, 5)).toBe(2);
    expect(pieceEnd(parts, 0, last, 11)).toBe(2);
    expect(pieceEnd(parts, 0, last, 12)).toBe(4);
    // The next piece starts at that edge.
    expect(pieceEnd(parts, 2, last, 4)).toBe(4);
  });

  it('never cuts inside a block, however long', () => {
    expect(pieceEnd(parts, 0, last, 1)).toBe(2);
    expect(pieceEnd(parts, 4, last, 1)).toBe(last);
  });

  it('takes nothing when nothing is closed', () => {
    expect(pieceEnd(parts, last, last, 1)).toBe(last);
  });
});
