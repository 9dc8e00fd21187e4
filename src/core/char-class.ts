/**
 * Character classes for the word-edge rule (DESIGN.md section 4, rule 3),
 * read from folded UTF-16 code units.
 */

export const CharClass = {
  /** Not part of a word: space, punctuation, symbols, or outside the text. */
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

/** Class of each BMP code unit, filled lazily (0 = not computed yet). */
const bmp = new Uint8Array(0x10000);

function classify(cp: number): CharClass {
  const ch = String.fromCodePoint(cp);
  if (UNSPACED.test(ch)) return CharClass.Unspaced;
  return WORD.test(ch) ? CharClass.Word : CharClass.Other;
}

function classOfUnit(c: number): CharClass {
  let v = bmp[c]!;
  if (v === 0) {
    v = classify(c);
    bmp[c] = v;
  }
  return v as CharClass;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Class of the character that starts at `i` in `codes[0..length)`. */
export function classAt(codes: Uint16Array, length: number, i: number): CharClass {
  if (i < 0 || i >= length) return CharClass.Other;
  const c = codes[i]!;
  if (isHigh(c) && i + 1 < length && isLow(codes[i + 1]!)) {
    return classify(((c - 0xd800) << 10) + (codes[i + 1]! - 0xdc00) + 0x10000);
  }
  return classOfUnit(c);
}

/**
 * `classAt` of every index of `codes[0..length)`, into `out`: the form
 * table's scan (form-table-scan.ts) reads each unit's class a few times, and
 * this one loop over the lazily filled table is cheaper than a call each
 * time.
 */
export function classesAt(codes: Uint16Array, length: number, out: Uint8Array): void {
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    if (isHigh(c) && i + 1 < length && isLow(codes[i + 1]!)) {
      out[i] = classAt(codes, length, i);
      continue;
    }
    const v = bmp[c]!;
    out[i] = v === 0 ? classOfUnit(c) : v;
  }
}

/** Class of the character that ends just before `i`. */
export function classBefore(codes: Uint16Array, length: number, i: number): CharClass {
  if (i <= 0) return CharClass.Other;
  const c = codes[i - 1]!;
  if (isLow(c) && i >= 2 && isHigh(codes[i - 2]!)) return classAt(codes, length, i - 2);
  return classOfUnit(c);
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
