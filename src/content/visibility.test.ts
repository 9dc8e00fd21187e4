import { describe, expect, it } from 'vitest';
import { colorAlpha } from './visibility';

describe('colorAlpha', () => {
  it('reads the alpha of every form a computed colour takes', () => {
    expect(colorAlpha('rgba(0, 0, 0, 0)')).toBe(0);
    expect(colorAlpha('transparent')).toBe(0);
    expect(colorAlpha('oklch(0.5 0.1 200 / 0)')).toBe(0);
    expect(colorAlpha('color(srgb 1 0 0 / 0%)')).toBe(0);
  });

  it('finds visible colours visible', () => {
    expect(colorAlpha('rgb(20, 20, 20)')).toBe(1);
    expect(colorAlpha('rgba(0, 0, 0, 0.5)')).toBe(0.5);
    expect(colorAlpha('color(srgb 1 0 0 / 40%)')).toBeCloseTo(0.4);
  });
});
