import { describe, expect, it } from 'vitest';
import { findNames } from '../core/names';
import { capText, sourceBreaksAsSpaces } from './page-text';

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

describe('sourceBreaksAsSpaces', () => {
  it('makes the source’s line breaks spaces, so a name written across one is found', () => {
    const text = 'Yesterday the minister met Margrethe\n        Vestager in the hall.\u0000Next';
    // Control: as collected, the line break is a block edge to the finder.
    expect(findNames(text).names.map((n) => n.name)).not.toContain('Margrethe Vestager');
    const spaced = sourceBreaksAsSpaces(text);
    expect(spaced).toHaveLength(text.length);
    expect(findNames(spaced).names.map((n) => n.name)).toContain('Margrethe Vestager');
    // Block edges stay.
    expect(spaced.endsWith('\u0000Next')).toBe(true);
  });
});
