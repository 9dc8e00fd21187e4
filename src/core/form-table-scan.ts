/**
 * The scan of a form table (form-table.ts): the same marks as the
 * automaton's `scanFolded` (matcher.ts) for the same dictionary, by the same
 * rules (DESIGN.md section 4), found another way. From each position where
 * a match may start (a unit some form starts with, a start edge), the
 * candidate's hash is extended unit by unit; at each end edge the table is
 * probed: a form ends there (its case checked: the first of the patterns
 * sharing that folded form to pass, in the automaton's order: the entry's
 * choices), and the
 * prefix goes on or the candidate stops. The longest form found from the
 * leftmost start wins, and the next start is looked for after it: leftmost,
 * then longest, never overlapping, as `selectLeftmostLongest` chooses.
 *
 * Every read is bounded by the table's own lengths, which
 * form-table-check.ts holds for a table from elsewhere, and a candidate is
 * extended at most `maxLength` units. What an entry's value names (an
 * entity of the table, a kind of KINDS, choices the table has) is checked
 * here, where it is read (form-table-check.ts says why): a table wrong
 * there answers null, as past the budget.
 *
 * Unlike the automaton, whose work is one step per unit whatever the
 * dictionary, a candidate here may run on for many units and fail: forms
 * that share long chains of edge prefixes ("a a a … a b") on a text that
 * repeats them without the end ("a a a a …") cost up to `maxLength` steps
 * per start (100,000 such units: 120 ms, against 1 for the automaton). On
 * the corpus pages a scan takes under one step per unit. So a scan has a
 * budget of STEPS_PER_UNIT steps per unit, and past it gives up (null): the
 * caller then asks the automaton. A dictionary, or a hostile table, can
 * make the table useless for a page, never make it slow.
 */
import { CharClass, classesAt } from './char-class';
import { KINDS } from './entity';
import { hashText, laneStart1, laneStart2 } from './form-hash';
import { CHOOSY, VALUE, type FormTable } from './form-table';
import { originalEnd, originalStart, withoutIgnored, type FoldedCodes } from './fold';
import type { Match } from './matcher';

/** A mark the scan found: where, and what it marks (its kind an index in KINDS). */
export interface TableMatch {
  start: number;
  end: number;
  entity: number;
  kind: number;
}

/**
 * Steps a scan may take per unit of folded text (the corpus pages take
 * under 1), plus STEPS_FREE for a short text with a long form.
 */
export const STEPS_PER_UNIT = 8;
const STEPS_FREE = 16_384;

/**
 * The mentions in `original`, folded as `folded`: what `scanFolded` finds
 * with the automaton (`asTableMatches`); null when that takes more than
 * the budget of steps (see above).
 */
export function scanTable(
  t: FormTable,
  original: string,
  folded: FoldedCodes,
): TableMatch[] | null {
  const { codes, length } = folded;
  let budget = STEPS_PER_UNIT * length + STEPS_FREE;
  const { firstUnits, formUnits, maxLength, valueLow, valueHigh } = t;
  // Each unit's class, read at a start and at every step of a candidate; past the end, Other.
  const classes = new Uint8Array(length + 1);
  classesAt(codes, length, classes);
  classes[length] = OTHER;
  const start1 = laneStart1(t.seed);
  const start2 = laneStart2(t.seed);
  const out: TableMatch[] = [];
  // The hot loop of a page's scan in the tab: the bit tests, the edge rule
  // (char-class.ts `edgeHolds`, `classBefore`) and the hash's steps
  // (form-hash.ts `step1`, `step2`) are written out here, as scanFolded
  // writes out its transitions; the tests hold them to the originals.
  let s = 0;
  while (s < length) {
    const c0 = codes[s]!;
    if ((firstUnits[c0 >>> 5]! & (1 << (c0 & 31))) === 0) {
      s++;
      continue;
    }
    // Start edge: edgeHolds(inside = the class at s, outside = the class before s).
    const outside = before(classes, codes, s);
    if (outside !== OTHER && classes[s] !== UNSPACED && outside !== UNSPACED) {
      s++;
      continue;
    }
    let h1 = start1;
    let h2 = start2;
    let bestEnd = -1;
    let bestValue = -1;
    const limit = Math.min(length, s + maxLength);
    for (let k = s; k < limit;) {
      const c = codes[k]!;
      // A unit no form holds: nothing matches across it (the automaton goes back to its root).
      if ((formUnits[c >>> 5]! & (1 << (c & 31))) === 0) break;
      if (--budget < 0) return null;
      h1 = Math.imul(h1 ^ c, 0x9e3779b1);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ c, 0x85ebca77);
      h2 ^= h2 >>> 13;
      k++;
      // End edge: edgeHolds(inside = the class before k, outside = the class at k).
      const after = classes[k]!;
      if (after !== OTHER) {
        const inside = before(classes, codes, k);
        if (inside !== UNSPACED && after !== UNSPACED) continue;
      }
      const entry = probe(t, h1, h2);
      if (entry < 0) break;
      // form-table.ts `entryValueAt`.
      const value = (valueHigh[entry]! << 16) | valueLow[entry]!;
      const field = value >>> VALUE.entityShift;
      if (field !== 0) {
        const chosen = field === CHOOSY ? choose(t, entry, original, folded, s, k) : value;
        // Choices the table lacks: not a table a build makes (form-table-check.ts).
        if (chosen === NO_CHOICES) return null;
        if (chosen >= 0) {
          bestEnd = k;
          bestValue = chosen;
        }
      }
      // Not an edge prefix: no longer form goes on from here.
      if ((value & VALUE.flag) === 0) break;
    }
    if (bestEnd < 0) {
      s++;
      continue;
    }
    const entity = (bestValue >>> VALUE.entityShift) - 1;
    const kind = (bestValue >>> VALUE.kindShift) & VALUE.kindMask;
    // No entity of the table, or no kind: not a table a build makes either.
    if (!(entity >= 0 && entity < t.entities && kind < KINDS.length)) return null;
    out.push({
      start: originalStart(folded, s),
      end: originalEnd(folded, bestEnd - 1),
      entity,
      kind,
    });
    s = bestEnd;
  }
  return out;
}

const OTHER: number = CharClass.Other;
const UNSPACED: number = CharClass.Unspaced;

/** char-class.ts `classBefore`, from the classes `classesAt` wrote. */
function before(classes: Uint8Array, codes: Uint16Array, i: number): number {
  if (i <= 0) return OTHER;
  const c = codes[i - 1]!;
  // A surrogate pair's class is at its high half; a high half alone is Other.
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2 && codes[i - 2]! >= 0xd800 && codes[i - 2]! <= 0xdbff) {
    return classes[i - 2]!;
  }
  return c >= 0xd800 && c <= 0xdbff ? OTHER : classes[i - 1]!;
}

/** The entry whose key the lanes (h1, h2) finish to, or -1: a search by halves within its bucket. */
function probe(t: FormTable, h1: number, h2: number): number {
  // form-hash.ts `finishHi` and `finishLo`.
  const a = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  const lo =
    (Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35)) >>> 0;
  const hi = a >>> 0;
  const bits = t.bucketBits;
  const b = bits === 0 ? 0 : hi >>> (32 - bits);
  const { keyHi, keyLo } = t;
  const h = hi & 0xffff;
  let from = t.bucketStart[b]!;
  let to = t.bucketStart[b + 1]! - 1;
  while (from <= to) {
    const mid = (from + to) >>> 1;
    const mh = keyHi[mid]!;
    const ml = keyLo[mid]!;
    if (mh === h && ml === lo) return mid;
    if (mh < h || (mh === h && ml < lo)) from = mid + 1;
    else to = mid - 1;
  }
  return -1;
}

/** `choose`'s answer for an entry marked as having choices that the table does not list. */
const NO_CHOICES = -2;

/**
 * The value of the first of `entry`'s choices (in the automaton's order)
 * that matches folded [s, k) of the text with its case; -1 when none does
 * (every one keeps an exact case the text does not have).
 */
function choose(
  t: FormTable,
  entry: number,
  original: string,
  folded: FoldedCodes,
  s: number,
  k: number,
): number {
  const j = indexIn(t.choosyEntry, entry);
  if (j < 0) return NO_CHOICES;
  let key: [number, number] | null = null;
  for (let i = t.choiceStart[j]!; i < t.choiceStart[j + 1]!; i++) {
    const v = t.choiceValue[i]!;
    if ((v & VALUE.flag) === 0) return v;
    // As the automaton: exact case, but a soft hyphen or zero-width character inside does not count.
    key ??= hashText(
      withoutIgnored(original.slice(originalStart(folded, s), originalEnd(folded, k - 1))),
      t.seed,
    );
    if (t.choiceHash[2 * i] === key[0] && t.choiceHash[2 * i + 1] === key[1]) return v;
  }
  return -1;
}

/** Where `value` is in ascending `list`, or -1. */
function indexIn(list: Int32Array, value: number): number {
  let from = 0;
  let to = list.length - 1;
  while (from <= to) {
    const mid = (from + to) >>> 1;
    const v = list[mid]!;
    if (v === value) return mid;
    if (v < value) from = mid + 1;
    else to = mid - 1;
  }
  return -1;
}

/**
 * The automaton's matches (`scanFolded`) as a table's scan reports them,
 * for the tests and the bench that hold the two to each other: the kinds
 * are the entities' (`entityKinds`, as the build takes them).
 */
export const asTableMatches = (found: readonly Match[], entityKinds: Uint8Array): TableMatch[] =>
  found.map(({ start, end, entity }) => ({ start, end, entity, kind: entityKinds[entity]! }));
