/**
 * Folding: the normal form in which page text and surface forms are compared
 * (DESIGN.md section 4, rule 1). Folding works on UTF-16 code units and keeps,
 * for every folded unit, the span of original units it came from, so a match
 * found in folded text maps back to the exact original characters.
 */

/** Marker in the per-unit table: this unit is dropped from the folded text. */
const DROP = -1;
/** Marker: this unit folds to white space (collapsed with its neighbours). */
const SPACE = -2;
/** Marker: this unit folds to more than one unit; see `multiFold`. */
const MULTI = -3;
/** Not computed yet (a zero in the table: see `foldTable`). */
const UNKNOWN = 0;

/**
 * Folded code unit (or marker) for each BMP code unit, filled lazily; made
 * at the first fold, not when the module starts: the content script starts
 * in every frame of a page, most of which (ads, widgets) never fold a
 * character. Making it (256 KB, and ASCII folded) and char-class.ts's table
 * at the start took more than half of the script's start in such a frame
 * (a median of 3.7 ms against 1.6 since, in a page of 20 empty frames).
 */
let table: Int32Array | null = null;
/** Folded strings of units that expand (ß -> ss). */
const multiFold = new Map<number, string>();

const APOSTROPHES = "'\u2019\u02bc\u2018\u02b9\u0060\u00b4";
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212';
/** Soft hyphen, zero-width space / joiners, word joiner, BOM. */
const IGNORED = '\u00ad\u200b\u200c\u200d\u2060\ufeff';
// An alternation, not a class: a class holding the zero-width joiner reads as one joined character.
const IGNORED_ANYWHERE = new RegExp([...IGNORED].join('|'), 'g');

/** `text` without the characters folding ignores (for exact-case comparisons). */
export function withoutIgnored(text: string): string {
  return text.replace(IGNORED_ANYWHERE, '');
}

/**
 * Diacritic marks removed after canonical decomposition: the combining
 * diacritical blocks, Hebrew points and Arabic harakat. Other combining marks
 * (Devanagari vowel signs, Thai vowels) carry meaning and are kept.
 */
function isRemovedMark(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    (c >= 0x0591 && c <= 0x05c7) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670
  );
}

/**
 * Whether `c` is white space as JavaScript's `\s` has it (ECMAScript
 * WhiteSpace and LineTerminator: the Zs category, tab, line and form feeds,
 * the byte order mark), without a regular expression, which a page made at
 * its first test (see `computeUnit`); fold.test.ts holds this to `\s` for
 * every BMP unit.
 */
function isWhiteSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the rules fold `c` by a case of their own: dropped, white space, an apostrophe, a dash. */
function isRuled(c: number): boolean {
  const ch = String.fromCharCode(c);
  return isWhiteSpace(c) || IGNORED.includes(ch) || APOSTROPHES.includes(ch) || DASHES.includes(ch);
}

/**
 * The fold of one code unit, by the rules: the definition, which fold.test.ts
 * holds `computeUnit`'s quick answers to for every BMP unit.
 */
export function foldUnitByRules(c: number): number {
  const ch = String.fromCharCode(c);
  if (IGNORED.includes(ch)) return DROP;
  if (isWhiteSpace(c)) return SPACE;
  if (APOSTROPHES.includes(ch)) return 0x27;
  if (DASHES.includes(ch)) return 0x2d;
  // Turkish dotless i folds like dotted i; toLowerCase leaves it alone.
  if (c === 0x0131) return 0x69;
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate halves pass through
  if (isRemovedMark(c)) return DROP;
  let out = '';
  for (const part of ch.normalize('NFD')) {
    const code = part.charCodeAt(0);
    if (isRemovedMark(code)) continue;
    out += part.toLowerCase();
  }
  // Lower-casing can itself produce marks (U+0130 -> i + U+0307).
  out = [...out.normalize('NFD')].filter((p) => !isRemovedMark(p.charCodeAt(0))).join('');
  if (c === 0xdf) out = 'ss'; // full case folding of sharp s
  if (c === 0x03c2) out = '\u03c3'; // final sigma folds to sigma
  if (out.length === 0) return DROP;
  if (out.length === 1) return out.charCodeAt(0);
  multiFold.set(c, out);
  return MULTI;
}

/**
 * The fold of one code unit: the rules' answer, given at once for units
 * whose fold is plain, so most pages never run the rules' `normalize` and
 * their cold code. In loading pages (Chromium 150) single units took 3 to 4
 * ms there (U+00A0 by the white-space expression this file had, U+2122 by
 * the page's first `normalize`), and the first fold of a Chinese page's
 * first 8,000 characters (qq, 356 distinct units, nearly all ideographs,
 * which fold to themselves) 7.6 to 22.6 ms; since, 1.8 to 25.5 ms, as much
 * spread as the machine's loading pages have. Cold in Node: 1.3 ms against
 * 1.05 (medians of 3).
 */
function computeUnit(c: number): number {
  // ASCII: letters to lower case, white space, the backtick an apostrophe; the rest as it is.
  if (c < 0x80) {
    if (c >= 0x41 && c <= 0x5a) return c + 0x20;
    if (c === 0x60) return 0x27;
    return isWhiteSpace(c) ? SPACE : c;
  }
  // CJK ideographs (extension A, the Yijing signs between, the unified block) have no case and no decomposition.
  if (c >= 0x3400 && c <= 0x9fff) return c;
  // Latin-1's punctuation and signs, and general punctuation (the curly
  // quotes, the ellipsis), but for the rules' own cases: as they are.
  if ((c < 0xc0 || (c >= 0x2000 && c <= 0x206f)) && !isRuled(c)) return c;
  return foldUnitByRules(c);
}

function foldTable(): Int32Array {
  if (table) return table;
  // Zeros cost nothing to make, where filling 256 KB with UNKNOWN took 0.9
  // to 3.5 ms of a loading page: a zero is UNKNOWN, and U+0000 (which folds
  // to itself, and joins a page's blocks) is answered by computeUnit each time.
  table = new Int32Array(0x10000);
  // ASCII is folded at once: it is most of the text on most pages.
  for (let c = 0; c < 0x80; c++) table[c] = computeUnit(c);
  return table;
}

function foldUnit(table: Int32Array, c: number): number {
  let v = table[c]!;
  if (v === UNKNOWN) {
    v = computeUnit(c);
    table[c] = v;
  }
  return v;
}

/**
 * Folded text as code units, with a sparse map back to the input: most
 * characters fold one to one, so only the places where the offset between
 * folded and original text changes (a dropped character, a run of white
 * space, an expansion) are recorded.
 */
export interface FoldedCodes {
  codes: Uint16Array;
  length: number;
  inputLength: number;
  /** From folded index shiftAt[k] on, original index = folded index + shiftDelta[k]. */
  shiftAt: number[];
  shiftDelta: number[];
}

/**
 * Folds `input`: case folded (Turkish İ/ı to i), diacritics removed, every
 * apostrophe and dash made the same, runs of white space made one space,
 * soft hyphens and zero-width characters dropped.
 */
export function foldCodes(input: string): FoldedCodes {
  const table = foldTable();
  const n = input.length;
  let codes = new Uint16Array(n + 16);
  const shiftAt = [0];
  const shiftDelta = [0];
  let delta = 0;
  let f = 0;
  let lastWasSpace = false;
  // The hot path of every scan: one table look-up per unit, and the common
  // cases (a kept unit, white space) tested first.
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    let v = table[c]!;
    if (v === UNKNOWN) v = foldUnit(table, c);
    if (v >= 0) {
      if (i - f !== delta) {
        delta = i - f;
        shiftAt.push(f);
        shiftDelta.push(delta);
      }
      codes[f++] = v;
      lastWasSpace = false;
    } else if (v === SPACE) {
      // White space after white space: nothing is written.
      if (lastWasSpace) continue;
      if (i - f !== delta) {
        delta = i - f;
        shiftAt.push(f);
        shiftDelta.push(delta);
      }
      codes[f++] = 0x20;
      lastWasSpace = true;
      // Runs of white space are common (indentation between elements): step
      // over the rest of the run in a tight loop.
      while (i + 1 < n && table[input.charCodeAt(i + 1)] === SPACE) i++;
    } else if (v === MULTI) {
      const parts = multiFold.get(c)!;
      if (f + parts.length >= codes.length) {
        const grown = new Uint16Array(codes.length * 2);
        grown.set(codes);
        codes = grown;
      }
      for (let k = 0; k < parts.length; k++) {
        if (i - f !== delta) {
          delta = i - f;
          shiftAt.push(f);
          shiftDelta.push(delta);
        }
        codes[f++] = parts.charCodeAt(k);
      }
      lastWasSpace = false;
    }
    // DROP: nothing is written.
  }
  return { codes, length: f, inputLength: n, shiftAt, shiftDelta };
}

/** Index in the input of the character folded unit `i` came from. */
export function originalStart(f: FoldedCodes, i: number): number {
  const { shiftAt, shiftDelta } = f;
  let lo = 0;
  let hi = shiftAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (shiftAt[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return i + shiftDelta[lo]!;
}

/**
 * Index in the input just past folded unit `last`: up to where the next unit
 * starts, so the combining marks and invisible characters that follow a
 * letter belong to it.
 */
export function originalEnd(f: FoldedCodes, last: number): number {
  const start = originalStart(f, last);
  if (last + 1 >= f.length) return f.inputLength;
  return Math.max(start + 1, originalStart(f, last + 1));
}

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each folded unit, the index of the first original unit it came from. */
  starts: Uint32Array;
  /** For each folded unit, the index just past the last original unit it came from. */
  ends: Uint32Array;
}

/** Folds `input` into a string, with the original span of every unit (for tests and surface forms). */
export function fold(input: string): Folded {
  const f = foldCodes(input);
  const starts = new Uint32Array(f.length);
  const ends = new Uint32Array(f.length);
  let text = '';
  for (let i = 0; i < f.length; i++) {
    starts[i] = originalStart(f, i);
    ends[i] = originalEnd(f, i);
  }
  for (let i = 0; i < f.length; i += 8192) {
    text += String.fromCharCode(...f.codes.subarray(i, Math.min(i + 8192, f.length)));
  }
  return { text, starts, ends };
}

/**
 * Folds a surface form: the same rules, and no leading or trailing space.
 * Its own loop rather than `foldCodes`: compiling a dictionary folds 100,000
 * short strings of every internal kind (slices, concatenations), and sharing
 * the page-text loop with them makes V8 give up its fast path there, doubling
 * the time of every page scan that follows (measured in the bench).
 */
export function foldForm(form: string): string {
  const table = foldTable();
  if (foldsToLowerCase(table, form)) return form.toLowerCase();
  let out = '';
  let lastWasSpace = true; // no leading space
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    const v = foldUnit(table, c);
    if (v >= 0) {
      out += String.fromCharCode(v);
      lastWasSpace = false;
    } else if (v === SPACE) {
      if (!lastWasSpace) out += ' ';
      lastWasSpace = true;
    } else if (v === MULTI) {
      out += multiFold.get(c)!;
      lastWasSpace = false;
    }
  }
  return lastWasSpace ? out.trimEnd() : out;
}

/**
 * Whether `form`'s fold is its lower case: ASCII units that fold to their
 * own lower case (letters, digits, most punctuation; not the backtick, an
 * apostrophe), single spaces between them, none at either end. Most names
 * are; their fold is then made natively in one go. Built a unit at a time,
 * the folds of the bench's 100,000 names took 50 to 90 ms (Node), in every
 * import's plan and every compile of the dictionary.
 */
function foldsToLowerCase(table: Int32Array, form: string): boolean {
  let lastWasSpace = true;
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (c === 0x20) {
      if (lastWasSpace) return false;
      lastWasSpace = true;
    } else if (c < 0x80 && table[c] === (c >= 0x41 && c <= 0x5a ? c + 0x20 : c)) {
      lastWasSpace = false;
    } else {
      return false;
    }
  }
  return !lastWasSpace;
}
