import { describe, expect, it } from 'vitest';
import { namePattern } from './name-anchor';

const found = (name: string, text: string) =>
  [...text.matchAll(namePattern(name))].map((m) => m[0]);

describe('namePattern', () => {
  it('finds the name with any white space between its words', () => {
    expect(found('Hulusi Akar', 'met Hulusi\u00a0 Akar and Hulusi\nAkar')).toEqual([
      'Hulusi\u00a0 Akar',
      'Hulusi\nAkar',
    ]);
  });

  it('not inside a longer word, and takes its characters literally', () => {
    expect(found('Akar', 'Akarsu, Akar’s, SAkar')).toEqual(['Akar']);
    expect(found('Donald J. Trump', 'Donald Jx Trump; Donald J. Trump')).toEqual([
      'Donald J. Trump',
    ]);
    expect(found('A (B)', 'A (B)')).toEqual(['A (B)']);
  });
});
