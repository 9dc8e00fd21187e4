/**
 * Reading a page's text for the name finder (names.ts): words with their
 * case, the punctuation between them, sentences and blocks, in one pass over
 * the characters (no regular expression runs on the text itself).
 *
 * The input is a page's visible text with a line break (`\n`, `\r`, U+2028,
 * U+2029) or a NUL (the content script's block separator,
 * src/content/text-index.ts) at every block edge: a name never crosses one,
 * and a sentence ends there.
 */
import { foldForm } from './fold';
import { ABBREVIATIONS, HYPHEN_PREFIXES, TITLE_ABBREVIATIONS } from './names-lexicon';

const C = {
  Upper: 1,
  Lower: 2,
  /** A letter of a script without case: Han, Kana, Hebrew, Arabic, Thai… */
  Caseless: 3,
  Digit: 4,
  Mark: 5,
  Space: 6,
  Break: 7,
  Apostrophe: 8,
  Hyphen: 9,
  Period: 10,
  /** Ends a sentence: ! ? … and the full-width forms. */
  End: 11,
  /** Starts a clause: : ; | • › — –. */
  Clause: 12,
  /** An opening quote or bracket (or a quote that may open). */
  Opener: 13,
  Other: 14,
} as const;
type C = (typeof C)[keyof typeof C];

const UPPER = /^[\p{Lu}\p{Lt}]$/u;
const LOWER = /^\p{Ll}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{N}$/u;
const MARK = /^\p{M}$/u;
const SPACE = /^\s$/u;

const BREAKS = '\n\r\u0000\u2028\u2029\u000b\u000c';
const APOSTROPHES = "'\u2019\u02bc";
const HYPHENS = '-\u2010\u2011';
const ENDS = '!?\u2026\u203c\u2047\u2048\u2049\u3002\uff01\uff1f';
const CLAUSES = ':;|\u2022\u00b7\u203a\u25ba\u25b8\u2013\u2014\u2015';
const OPENERS = '"\u201c\u2018\u00ab\u201e([{';

/** Class of each BMP code unit, filled lazily (0: not computed yet). */
const table = new Uint8Array(0x10000);

function classify(ch: string): C {
  if (BREAKS.includes(ch)) return C.Break;
  if (SPACE.test(ch)) return C.Space;
  if (APOSTROPHES.includes(ch)) return C.Apostrophe;
  if (HYPHENS.includes(ch)) return C.Hyphen;
  if (ch === '.') return C.Period;
  if (ENDS.includes(ch)) return C.End;
  if (CLAUSES.includes(ch)) return C.Clause;
  if (OPENERS.includes(ch)) return C.Opener;
  if (UPPER.test(ch)) return C.Upper;
  if (LOWER.test(ch)) return C.Lower;
  if (LETTER.test(ch)) return C.Caseless;
  if (DIGIT.test(ch)) return C.Digit;
  if (MARK.test(ch)) return C.Mark;
  return C.Other;
}

/** Code units taken by the character last read by `classAt` (2 for a surrogate pair). */
let width = 1;

/** Class of the character at `i`; its width is left in `width`. */
function classAt(text: string, i: number): C {
  const c = text.charCodeAt(i);
  width = 1;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) {
      width = 2;
      return classify(String.fromCodePoint(cp));
    }
  }
  let v = table[c]!;
  if (v === 0) {
    v = classify(String.fromCharCode(c));
    table[c] = v;
  }
  return v as C;
}

const isWordClass = (c: C) => c === C.Upper || c === C.Lower || c === C.Caseless || c === C.Digit;
const isInWord = (c: C) => isWordClass(c) || c === C.Mark;

export interface Token {
  /** Span of the word in the input, without a possessive or a suffix after an apostrophe. */
  start: number;
  end: number;
  /** The word, folded. */
  key: string;
  /** Starts with a capital letter (after a lower-case particle: "al-Bashir"). */
  cap: boolean;
  /** Two letters or more, all capitals. */
  allCaps: boolean;
  /** Capitals and a plural "s": "CEOs", "IDs". */
  capsPlural: boolean;
  /** A capital after a small letter: "BuzzFeed", "SpaceX", "iPhone". */
  camel: boolean;
  /** Holds a letter. */
  letters: boolean;
  /** Ends a name: a possessive ("Gantz's") or a lower-case compound ("Pakistan-based"). */
  closes: boolean;
  /**
   * How it joins the word before: only spaces, the full stop of a title or
   * an initial ("Mr. Reeves", "Donald J. Trump"), an ampersand ("Standard &
   * Poor's"), or anything else.
   */
  join: 'space' | 'dot' | 'amp' | 'other';
  /** First in its block or sentence, or right after a colon, a dash, an opening quote or bracket. */
  initial: boolean;
  block: number;
  sentence: number;
}

export interface PageText {
  tokens: Token[];
  /** Start of each sentence in the input (its first word, with an opening quote before it). */
  sentenceStarts: number[];
  /** End of each sentence in the input. */
  sentenceEnds: number[];
  casedLetters: number;
  caselessLetters: number;
}

/** A title written with a full stop ("Mr.", "Gen.") or an initial ("J."): a name goes on after it. */
function isTitleOrInitial(text: string, token: Token): boolean {
  return (token.end - token.start === 1 && token.cap) || TITLE_ABBREVIATIONS.has(token.key);
}

/** Whether a full stop after `token` leaves the sentence open: "Mr.", "J.", "U.S.", "Inc.". */
function isAbbreviation(text: string, token: Token): boolean {
  // Dotted capitals keep their last full stop: "U.S.".
  if (text.charCodeAt(token.end - 1) === 0x2e) return true;
  return isTitleOrInitial(text, token) || ABBREVIATIONS.has(token.key);
}

/**
 * The words, sentences and blocks of `text`, and how many of its letters are
 * in scripts with and without case. `lang` (BCP 47): in Turkish, a suffix
 * after an apostrophe is not part of the name ("Akar'ın").
 */
export function readText(text: string, lang = ''): PageText {
  const turkish = /^(?:tr|az)(?:-|$)/i.test(lang);
  const tokens: Token[] = [];
  const sentenceStarts: number[] = [];
  const sentenceEnds: number[] = [];
  let cased = 0;
  let caseless = 0;
  let block = 0;
  // What lies between the previous word and the next one.
  let sawBreak = true;
  let sawEnd = false;
  let sawPeriod = false;
  let sawOther = false;
  let sawClause = false;
  let ampersands = 0;
  let lastGapChar: C = C.Space;
  let blockEnd = 0;

  const n = text.length;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (!isWordClass(cls)) {
      if (cls === C.Break) {
        sawBreak = true;
        if (sentenceEnds.length < sentenceStarts.length) sentenceEnds.push(blockEnd);
      } else if (cls === C.End) sawEnd = true;
      else if (cls === C.Period) sawPeriod = true;
      else if (cls === C.Clause) sawClause = true;
      else if (text.charCodeAt(i) === 0x26) ampersands++;
      else if (cls !== C.Space) sawOther = true;
      if (cls !== C.Space && cls !== C.Break) blockEnd = i + width;
      lastGapChar = cls;
      i += width;
      continue;
    }
    // A word: letters, digits and marks, with apostrophes, hyphens and full
    // stops inside it when a letter or digit follows.
    const start = i;
    let j = i;
    let hasPeriod = false;
    let apostropheAt = -1;
    while (j < n) {
      const c = classAt(text, j);
      if (c === C.Upper || c === C.Lower) cased++;
      else if (c === C.Caseless) caseless++;
      if (isInWord(c)) {
        j += width;
        continue;
      }
      if (c === C.Apostrophe || c === C.Hyphen || c === C.Period) {
        const next = j + 1 < n ? classAt(text, j + 1) : C.Space;
        if (isWordClass(next)) {
          if (c === C.Period) hasPeriod = true;
          if (c === C.Apostrophe && apostropheAt < 0) apostropheAt = j;
          j += 1;
          continue;
        }
      }
      break;
    }
    let end = j;
    // "U.S." keeps its last full stop.
    if (hasPeriod && text.charCodeAt(j) === 0x2e && end - start <= 8) end = j + 1;
    let wordStart = start;
    let closes = false;
    // Possessives and suffixes: "Gantz's", "Gantz’", "Akar'ın".
    if (turkish && apostropheAt > start) {
      end = apostropheAt;
      closes = true;
    } else if (
      end - start > 2 &&
      APOSTROPHES.includes(text[end - 2]!) &&
      (text[end - 1] === 's' || text[end - 1] === 'S')
    ) {
      end -= 2;
      closes = true;
    } else if (end < n && APOSTROPHES.includes(text[end]!)) closes = true;
    // Hyphenated words: "post-Mugabe" is Mugabe, "Pakistan-based" is Pakistan, "al-Bashir" stays whole.
    let cap = classAt(text, wordStart) === C.Upper;
    const firstHyphen = indexOfHyphen(text, wordStart, end);
    if (firstHyphen > 0) {
      const firstPart = foldForm(text.slice(wordStart, firstHyphen));
      const afterCap = classAt(text, firstHyphen + 1) === C.Upper;
      if (!cap && afterCap && HYPHEN_PREFIXES.has(firstPart)) {
        wordStart = firstHyphen + 1;
        cap = true;
      } else if (!cap && afterCap && PARTICLES.has(firstPart)) {
        cap = true;
      } else if (cap) {
        const lowerAt = lowerPartAt(text, firstHyphen, end);
        if (lowerAt > 0) {
          end = lowerAt - 1;
          closes = true;
        }
      }
    }
    let upper = 0;
    let lower = 0;
    let letters = false;
    let camel = false;
    for (let k = wordStart; k < end; k++) {
      const c = classAt(text, k);
      if (c === C.Upper) {
        if (lower > 0 && classAt(text, k - 1) === C.Lower) camel = true;
        upper++;
      } else if (c === C.Lower) lower++;
      if (c === C.Upper || c === C.Lower || c === C.Caseless) letters = true;
    }
    const previous = tokens.at(-1);
    const endsSentence =
      sawEnd || (sawPeriod && previous !== undefined && !isAbbreviation(text, previous));
    const startsLower = classAt(text, wordStart) === C.Lower;
    const newSentence = sawBreak || (endsSentence && !startsLower);
    if (sawBreak) block++;
    if (newSentence) {
      if (sentenceEnds.length < sentenceStarts.length) sentenceEnds.push(start);
      let s = start;
      while (s > 0 && (OPENERS.includes(text[s - 1]!) || APOSTROPHES.includes(text[s - 1]!))) s--;
      sentenceStarts.push(s);
    }
    const plain = !sawEnd && !sawOther && !sawClause && !sawBreak;
    const joinsName =
      previous !== undefined && (isTitleOrInitial(text, previous) || previous.key.includes('.'));
    const token: Token = {
      start: wordStart,
      end,
      key: foldForm(text.slice(wordStart, end)),
      cap,
      allCaps: upper >= 2 && lower === 0,
      capsPlural: upper >= 2 && lower === 1 && text.charCodeAt(end - 1) === 0x73,
      camel,
      letters,
      closes,
      join: !plain
        ? 'other'
        : !sawPeriod && ampersands === 0
          ? 'space'
          : sawPeriod && ampersands === 0 && !endsSentence && joinsName
            ? 'dot'
            : !sawPeriod && ampersands === 1
              ? 'amp'
              : 'other',
      // A quote opens when it touches the word: `“These` but not `,” Reeves`.
      initial: newSentence || sawClause || lastGapChar === C.Opener || lastGapChar === C.Apostrophe,
      block,
      sentence: sentenceStarts.length - 1,
    };
    tokens.push(token);
    sawBreak = sawEnd = sawPeriod = sawOther = sawClause = false;
    ampersands = 0;
    lastGapChar = C.Space;
    blockEnd = j;
    i = j;
  }
  if (sentenceEnds.length < sentenceStarts.length) sentenceEnds.push(blockEnd);
  return { tokens, sentenceStarts, sentenceEnds, casedLetters: cased, caselessLetters: caseless };
}

/** Lower-case particles joined to a name by a hyphen: "al-Bashir", "el-Sisi". */
const PARTICLES = new Set(['al', 'el', 'ad', 'an', 'as', 'ash', 'at', 'az', 'ar', 'ibn', 'bin']);

function indexOfHyphen(text: string, from: number, to: number): number {
  for (let k = from + 1; k < to; k++) if (HYPHENS.includes(text[k]!)) return k;
  return -1;
}

/** Start of the first part after `hyphen` that begins with a lower-case letter, or -1. */
function lowerPartAt(text: string, hyphen: number, to: number): number {
  for (let k = hyphen; k < to; k++) {
    if (HYPHENS.includes(text[k]!) && k + 1 < to && classAt(text, k + 1) === C.Lower) {
      return k + 1;
    }
  }
  return -1;
}
