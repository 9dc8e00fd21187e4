import { describe, expect, it } from 'vitest';
import { capText } from './page-text';

describe('capText', () => {
  it('leaves a text within the limit as it is', () => {
    expect(capText('Hulusi Akar\u0000met Gantz', 22)).toEqual({
      text: 'Hulusi Akar\u0000met Gantz',
      truncated: false,
    });
  });

  it('cuts a longer one at the last block edge that fits, never inside a name', () => {
    expect(capText('Hulusi Akar\u0000met Benny Gantz', 20)).toEqual({
      text: 'Hulusi Akar',
      truncated: true,
    });
  });

  it('cuts at the limit when no block edge fits', () => {
    expect(capText('x'.repeat(30), 20)).toEqual({ text: 'x'.repeat(20), truncated: true });
  });
});
