import { LIMITS } from './limits';
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

  it('keep a name that folding lengthens past a note’s name, across a read back', () => {
    const name = `${'a'.repeat(LIMITS.name - 2)}ßß`;
    const list = withIgnoredNames([], [name], true)!;
    expect(list[0]!.length).toBeGreaterThan(LIMITS.name);
    expect(readIgnoredNames(list)).toEqual(list);
    // The control: a key longer than any folded name is still dropped.
    expect(readIgnoredNames(['a'.repeat(LIMITS.name * 3 + 1)])).toEqual([]);
  });

  it('read a stored list leniently', () => {
    expect(readIgnoredNames(['akar', 7, '', 'x'.repeat(601), 'akar', null, 'gantz'])).toEqual([
      'akar',
      'gantz',
    ]);
    expect(readIgnoredNames({ akar: true })).toEqual([]);
    expect(readIgnoredNames(undefined)).toEqual([]);
  });
});
