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
/** Marker: not computed yet. */
const UNKNOWN = -4;

/** Folded code unit (or marker) for each BMP code unit, filled lazily. */
const table = new Int32Array(0x10000).fill(UNKNOWN);
/** Folded strings of units that expand (ß -> ss). */
const multiFold = new Map<number, string>();

const APOSTROPHES = "'\u2019\u02bc\u2018\u02b9\u0060\u00b4";
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212';
/** Soft hyphen, zero-width space / joiners, word joiner, BOM. */
const IGNORED = '\u00ad\u200b\u200c\u200d\u2060\ufeff';

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

const WHITE_SPACE = /^\s$/u;

function computeUnit(c: number): number {
  const ch = String.fromCharCode(c);
  if (IGNORED.includes(ch)) return DROP;
  if (WHITE_SPACE.test(ch)) return SPACE;
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

function foldUnit(c: number): number {
  let v = table[c]!;
  if (v === UNKNOWN) {
    v = computeUnit(c);
    table[c] = v;
  }
  return v;
}

// ASCII is folded eagerly: it is most of the text on most pages.
for (let c = 0; c < 0x80; c++) table[c] = computeUnit(c);

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each folded unit, the index of the first original unit it came from. */
  starts: Uint32Array;
  /** For each folded unit, the index just past the last original unit it came from. */
  ends: Uint32Array;
}

/**
 * Folds `input`: case folded (Turkish İ/ı to i), diacritics removed, every
 * apostrophe and dash made the same, runs of white space made one space,
 * soft hyphens and zero-width characters dropped.
 */
export function fold(input: string): Folded {
  const n = input.length;
  // Folding never grows text by more than the expansions it meets; size for
  // the common case and grow when needed.
  let cap = n + 16;
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  const codes: number[] = [];
  let len = 0;
  let lastWasSpace = false;

  const push = (code: number, from: number, to: number): void => {
    if (len === cap) {
      cap *= 2;
      const s = new Uint32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Uint32Array(cap);
      e.set(ends);
      ends = e;
    }
    codes.push(code);
    starts[len] = from;
    ends[len] = to;
    len++;
  };

  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    const v = c < 0x80 ? table[c]! : foldUnit(c);
    if (v >= 0) {
      push(v, i, i + 1);
      lastWasSpace = false;
    } else if (v === SPACE) {
      if (lastWasSpace) ends[len - 1] = i + 1;
      else push(0x20, i, i + 1);
      lastWasSpace = true;
    } else if (v === MULTI) {
      for (const part of multiFold.get(c)!) push(part.charCodeAt(0), i, i + 1);
      lastWasSpace = false;
    } else if (isRemovedMark(c) && len > 0 && !lastWasSpace) {
      // A combining mark belongs to the letter before it: the highlight of
      // that letter must cover it too.
      ends[len - 1] = i + 1;
    }
  }
  return {
    text: stringFromCodes(codes),
    starts: starts.subarray(0, len),
    ends: ends.subarray(0, len),
  };
}

function stringFromCodes(codes: number[]): string {
  // String.fromCharCode with many arguments overflows the stack; go in chunks.
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode(...codes.slice(i, i + 8192));
  }
  return out;
}

/** Folds a surface form: the same rules, and no leading or trailing space. */
export function foldForm(form: string): string {
  return fold(form).text.trim();
}
