/**
 * Character classes for the word-edge rule (DESIGN.md section 4, rule 3),
 * read from folded UTF-16 code units.
 */
import { BMP_CLASS_RUNS } from './char-class-table';

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

/**
 * The class of a code point, by the regular expressions above: the
 * definition. Used as such for characters past the BMP (rare on a page);
 * the BMP's classes are read from a table made from it.
 */
export function classify(cp: number): CharClass {
  const ch = String.fromCodePoint(cp);
  if (UNSPACED.test(ch)) return CharClass.Unspaced;
  return WORD.test(ch) ? CharClass.Word : CharClass.Other;
}

/** The letters that end a run, one per class (Other, Word, Unspaced): capitals, which base 36 never writes. */
const RUN_ENDS = 'XYZ';

/**
 * Classes as runs: each run's length in base 36, then the letter of its
 * class. 871 runs, 1.9 KB: a page's content script fills its table from
 * them in a fraction of a millisecond, where matching those regular
 * expressions (compiled again in every page) took 10 to 15 ms of a load.
 */
export function encodeRuns(classes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < classes.length;) {
    let end = start + 1;
    while (end < classes.length && classes[end] === classes[start]) end++;
    out += (end - start).toString(36) + RUN_ENDS[classes[start]! - 1]!;
    start = end;
  }
  return out;
}

/** The classes `runs` encodes, into `out` (checked by char-class.test.ts for the table). */
export function decodeRuns(runs: string, out: Uint8Array): void {
  let at = 0;
  let digits = 0;
  for (let i = 0; i < runs.length; i++) {
    const end = RUN_ENDS.indexOf(runs[i]!);
    if (end < 0) continue;
    const length = parseInt(runs.slice(digits, i), 36);
    out.fill(end + 1, at, at + length);
    at += length;
    digits = i + 1;
  }
}

/**
 * Class of each BMP code unit, made at the first question (as fold.ts's
 * table): a frame that never matches does not decode it.
 */
let bmp: Uint8Array | null = null;

function bmpClasses(): Uint8Array {
  if (bmp) return bmp;
  bmp = new Uint8Array(0x10000);
  decodeRuns(BMP_CLASS_RUNS, bmp);
  return bmp;
}

function classOfUnit(c: number): CharClass {
  return (bmp ?? bmpClasses())[c]! as CharClass;
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
 * this one loop over the table is cheaper than a call each time.
 */
export function classesAt(codes: Uint16Array, length: number, out: Uint8Array): void {
  const bmp = bmpClasses();
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    if (isHigh(c) && i + 1 < length && isLow(codes[i + 1]!)) {
      out[i] = classAt(codes, length, i);
      continue;
    }
    out[i] = bmp[c]!;
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
