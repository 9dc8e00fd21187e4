/**
 * The answer to the popup's "names on this page without a note": the
 * finder's names (names.ts) with those the reader has a note for or ignored
 * left out, the most mentioned first, at most NAMES_LIMITS.shown of them.
 */
import { isUnicodeText } from './entity';
import { ignoredKey } from './ignored-names';
import { LIMITS, NAMES_LIMITS } from './limits';
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
      /** The document they were read from (its content script's id). */
      page: string;
    };

export interface PageText {
  text: string;
  lang: string;
  truncated: boolean;
  page: string;
}

export function proposeNames(
  page: PageText,
  /** Whether the reader has a note for a folded name. */
  known: (folded: string) => boolean,
  ignored: readonly string[],
): PageNames {
  const skipped = new Set(ignored);
  const found = findNames(page.text, {
    known,
    skip: (name) => skipped.has(ignoredKey(name)) || !savable(name, LIMITS.name),
    limit: NAMES_LIMITS.shown,
    ...(page.lang ? { lang: page.lang } : {}),
  });
  const names = found.names.map((n) => ({
    ...n,
    aliases: n.aliases.filter((a) => savable(a, LIMITS.alias)).slice(0, LIMITS.aliases),
  }));
  return {
    status: 'names',
    names,
    total: found.total,
    truncated: page.truncated,
    ...(found.unsupported ? { unsupported: found.unsupported } : {}),
    ignored: ignored.length,
    page: page.page,
  };
}

/**
 * What a note can hold (the protocol's limits): a page can make a "name"
 * of a thousand capitals, which no note could save (the finder already
 * cuts a name at half a character; checked again all the same).
 */
function savable(text: string, max: number): boolean {
  return text.length <= max && isUnicodeText(text);
}
