/**
 * The answer to the popup's "names on this page without a note": the
 * finder's names (names.ts) with those the reader has a note for or ignored
 * left out, the most mentioned first, at most NAMES_LIMITS.shown of them.
 */
import { ignoredKey } from './ignored-names';
import { NAMES_LIMITS } from './limits';
import { findNames, type NameCandidate } from './names';

export type { NameCandidate } from './names';

export type PageNames =
  /** The site is switched off: its text is not read. */
  | { status: 'off' }
  | {
      status: 'names';
      names: NameCandidate[];
      /** How many there are in all; `names` holds the first NAMES_LIMITS.shown. */
      total: number;
      /** The page's text was longer than NAMES_LIMITS.text: only its start was read. */
      truncated: boolean;
      /** Most letters are in scripts without capitals: no names are looked for. */
      unsupported?: 'noCapitals';
      /** How many names the reader has ignored, on any page. */
      ignored: number;
    };

export interface PageText {
  text: string;
  lang: string;
  truncated: boolean;
}

export function proposeNames(
  page: PageText,
  /** Whether the reader has a note for a folded name. */
  known: (folded: string) => boolean,
  ignored: readonly string[],
): PageNames {
  const found = findNames(page.text, { known, ...(page.lang ? { lang: page.lang } : {}) });
  const skip = new Set(ignored);
  const names = found.names.filter((n) => !skip.has(ignoredKey(n.name)));
  return {
    status: 'names',
    names: names.slice(0, NAMES_LIMITS.shown),
    total: names.length,
    truncated: page.truncated,
    ...(found.unsupported ? { unsupported: found.unsupported } : {}),
    ignored: ignored.length,
  };
}
