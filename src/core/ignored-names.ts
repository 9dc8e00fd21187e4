/**
 * The names the reader told the popup's "names without a note" to ignore:
 * kept by their folded form (fold.ts), so "Erdoğan" ignored is "ERDOGAN"
 * too, on every page, until the reader lets them back. The background keeps
 * the list in its database (src/db/ignored-names.ts); no page ever sees it,
 * since the names one ignores say what one read.
 */
import { foldForm } from './fold';
import { LIMITS } from './limits';

/**
 * At most this many: 10,000 names of ordinary length are about 150 KB, read
 * whole at each opening of the list. Past it, ignoring is refused with a
 * word saying so, rather than forgetting older ones: an ignored name never
 * comes back unasked.
 */
export const IGNORED_NAMES_MAX = 10_000;

/**
 * The longest key: a name of a note's length, folded. Folding can lengthen
 * it ("ß" is "ss", "ﬃ" is "ffi"), so a key is allowed three times the name.
 */
const KEY_MAX = LIMITS.name * 3;

/** The key a name is ignored by. */
export function ignoredKey(name: string): string {
  return foldForm(name);
}

/** A stored list, read leniently: what is not a folded name of a note's length is dropped. */
export function readIgnoredNames(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const keys = stored.filter(
    (k): k is string => typeof k === 'string' && k.length > 0 && k.length <= KEY_MAX,
  );
  return [...new Set(keys)].slice(-IGNORED_NAMES_MAX);
}

/**
 * The list after ignoring `names` (or letting them back), newest last; null
 * when ignoring them would pass IGNORED_NAMES_MAX.
 */
export function withIgnoredNames(
  list: readonly string[],
  names: readonly string[],
  ignored: boolean,
): string[] | null {
  const keys = new Set(names.map(ignoredKey).filter((k) => k && k.length <= KEY_MAX));
  const rest = list.filter((k) => !keys.has(k));
  if (!ignored) return rest;
  const next = [...rest, ...keys];
  return next.length > IGNORED_NAMES_MAX ? null : next;
}
