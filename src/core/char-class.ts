/**
 * Character classes for the word-edge rule (DESIGN.md section 4, rule 3).
 */

export const CharClass = {
  /** Not part of a word: space, punctuation, symbols. */
  Other: 1,
  /** Letter, digit or combining mark of a script written with spaces. */
  Word: 2,
  /** Letter of a script written without spaces (Han, Kana, Thai, ...). */
  Unspaced: 3,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const UNSPACED =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Yi}\u30fc]$/u;

const bmp = new Uint8Array(0x10000);

function classify(cp: number): CharClass {
  const ch = String.fromCodePoint(cp);
  if (UNSPACED.test(ch)) return CharClass.Unspaced;
  return WORD.test(ch) ? CharClass.Word : CharClass.Other;
}

/** Class of the code point that starts at `i` in `text`. */
export function classAt(text: string, i: number): CharClass {
  const cp = text.codePointAt(i);
  if (cp === undefined) return CharClass.Other;
  if (cp > 0xffff) return classify(cp);
  let v = bmp[cp]!;
  if (v === 0) {
    v = classify(cp);
    bmp[cp] = v;
  }
  return v as CharClass;
}

/** Class of the code point that ends just before `i` in `text`. */
export function classBefore(text: string, i: number): CharClass {
  if (i <= 0) return CharClass.Other;
  const low = text.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return classAt(text, start);
}

/**
 * A match edge holds unless a word character of a spaced script touches a
 * match character of a spaced script: in Chinese, Japanese or Thai text (on
 * either side of the edge) no edge is needed.
 */
export function edgeHolds(inside: CharClass, outside: CharClass): boolean {
  if (outside === CharClass.Other) return true;
  return inside === CharClass.Unspaced || outside === CharClass.Unspaced;
}
