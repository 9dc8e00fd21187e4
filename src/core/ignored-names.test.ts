import { describe, expect, it } from 'vitest';
import { IGNORED_NAMES_MAX, readIgnoredNames, withIgnoredNames } from './ignored-names';

describe('the ignored names', () => {
  it('are kept folded, once each, newest last', () => {
    expect(withIgnoredNames(['akar'], ['Erdoğan', 'ERDOGAN', 'Akar'], true)).toEqual([
      'erdogan',
      'akar',
    ]);
  });

  it('let a name back, and only that one', () => {
    expect(withIgnoredNames(['akar', 'erdogan'], ['Akar'], false)).toEqual(['erdogan']);
    expect(withIgnoredNames(['akar', 'erdogan'], ['Gantz'], false)).toEqual(['akar', 'erdogan']);
  });

  it('refuse to grow past the limit, rather than forget an older one', () => {
    const full = Array.from({ length: IGNORED_NAMES_MAX }, (_, i) => `name ${i}`);
    expect(withIgnoredNames(full, ['One more'], true)).toBeNull();
    // Control: one fewer has room, and ignoring a name already there adds nothing.
    expect(withIgnoredNames(full.slice(1), ['One more'], true)).toHaveLength(IGNORED_NAMES_MAX);
    expect(withIgnoredNames(full, ['name 0'], true)).toHaveLength(IGNORED_NAMES_MAX);
  });

  it('read a stored list leniently', () => {
    expect(readIgnoredNames(['akar', 7, '', 'x'.repeat(201), 'akar', null, 'gantz'])).toEqual([
      'akar',
      'gantz',
    ]);
    expect(readIgnoredNames({ akar: true })).toEqual([]);
    expect(readIgnoredNames(undefined)).toEqual([]);
  });
});
