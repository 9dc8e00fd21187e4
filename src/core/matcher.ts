/**
 * The matcher: every surface form compiled into one Aho-Corasick automaton
 * over folded UTF-16 code units (matcher-compile.ts), stored in typed arrays
 * so it is compact, fast to scan and cheap to store and reload (structured
 * clone), and of a size linear in the forms.
 *
 * Rules implemented here (DESIGN.md section 4): folding (via fold.ts), the
 * capitals rule, word edges, leftmost-longest without overlaps.
 */
import { classAt, classBefore, edgeHolds } from './char-class';
import { foldCodes, originalEnd, originalStart, withoutIgnored, type FoldedCodes } from './fold';

export interface FormInput {
  /** The surface form as the user wrote it. */
  text: string;
  /** Index of the entity this form names, in the caller's entity list. */
  entity: number;
  /** Overrides the capitals rule: true = exact case only, false = any case. */
  caseSensitive?: boolean;
}

export interface CompiledMatcher {
  /** Per node: index of its first edge; node n's edges are [edgeStart[n], edgeStart[n+1]). */
  edgeStart: Int32Array;
  /** Edge labels (folded code units), ascending within each node. */
  edgeLabel: Uint16Array;
  /** Edge targets. */
  edgeTarget: Int32Array;
  /**
   * Per code unit: its index in the patterns' alphabet, 1-based, the most
   * frequent labels first; 0 = in no pattern. The one table of fixed size.
   */
  alphabet: Uint16Array;
  alphabetSize: number;
  /** The root's transitions by alphabet index (0 = stay at root). */
  rootRow: Int32Array;
  /**
   * Per node: where its transition row starts in `dense`, or -1 when its
   * edges are searched in `edgeLabel` instead.
   */
  denseAt: Int32Array;
  /** Per node with a row: the last alphabet index its row holds (its highest edge label). */
  denseLast: Uint16Array;
  /** The rows: by alphabet index 0..denseLast, target + 1 (0 = none). */
  dense: Int32Array;
  /** Failure link of each node. */
  fail: Int32Array;
  /** Nearest node on the failure chain that ends a pattern (0 = none). */
  dictLink: Int32Array;
  /** The node itself if it ends a pattern, else its dictLink: the first node to report (0 = none). */
  report: Int32Array;
  /** Per node: first pattern it ends; patterns of node n are [outStart[n], outStart[n+1]). */
  outStart: Int32Array;
  outPattern: Int32Array;
  /** Per pattern: entity index, folded length, and exact text when case-sensitive ('' if not). */
  patternEntity: Int32Array;
  patternLength: Int32Array;
  patternExact: string[];
  /**
   * The first entity whose forms would have passed the compile's limits: it
   * and every later entity have no pattern here. -1 when every form fits.
   */
  leftOutFrom: number;
}

export interface Match {
  /** Offsets in the original (unfolded) text. */
  start: number;
  end: number;
  entity: number;
  /** The form that matched, as written in the dictionary. */
  pattern: number;
}

export {
  compile,
  compiledBytesBound,
  compileSteps,
  DENSE_CELLS_PER_EDGE,
  isCapitalsForm,
  runToEnd,
} from './matcher-compile';
export type { CompileLimits } from './matcher-compile';

/**
 * Finds the mentions in `original`, already folded as `folded`: leftmost,
 * then longest, never overlapping, each with word edges and case checked.
 * This is the hot loop of the whole extension: transitions are inlined, and
 * the root's transitions are one table look-up.
 */
export function scanFolded(m: CompiledMatcher, original: string, folded: FoldedCodes): Match[] {
  const { codes, length } = folded;
  const { fail, dictLink, report, outStart, outPattern, patternLength, patternExact } = m;
  const { edgeStart, edgeLabel, edgeTarget, alphabet, rootRow, denseAt, denseLast, dense } = m;
  // Candidates as flat triples (start, end, pattern) in folded offsets.
  const cand: number[] = [];
  let state = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    const a = alphabet[c]!;
    if (a === 0) {
      // No pattern contains this character: nothing matches across it.
      state = 0;
      continue;
    }
    let next = 0;
    for (;;) {
      if (state === 0) {
        next = rootRow[a]!;
        break;
      }
      const at = denseAt[state]!;
      if (at >= 0) {
        // Past the row's end: no edge on this character.
        next = a <= denseLast[state]! ? dense[at + a]! - 1 : -1;
        if (next >= 0) break;
        state = fail[state]!;
        continue;
      }
      let lo = edgeStart[state]!;
      let hi = edgeStart[state + 1]! - 1;
      next = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const l = edgeLabel[mid]!;
        if (l === c) {
          next = edgeTarget[mid]!;
          break;
        }
        if (l < c) lo = mid + 1;
        else hi = mid - 1;
      }
      if (next >= 0) break;
      state = fail[state]!;
    }
    state = next;
    let t = report[state]!;
    while (t !== 0) {
      for (let k = outStart[t]!; k < outStart[t + 1]!; k++) {
        const p = outPattern[k]!;
        const end = i + 1;
        const start = end - patternLength[p]!;
        if (!edgesHold(codes, length, start, end)) continue;
        const exact = patternExact[p]!;
        if (
          exact &&
          // Exact case, but a soft hyphen or zero-width character inside still does not count.
          withoutIgnored(
            original.slice(originalStart(folded, start), originalEnd(folded, end - 1)),
          ) !== exact
        ) {
          continue;
        }
        cand.push(start, end, p);
      }
      t = dictLink[t]!;
    }
  }
  return selectLeftmostLongest(m, cand, folded);
}

function edgesHold(codes: Uint16Array, length: number, start: number, end: number): boolean {
  return (
    edgeHolds(classAt(codes, length, start), classBefore(codes, length, start)) &&
    edgeHolds(classBefore(codes, length, end), classAt(codes, length, end))
  );
}

function selectLeftmostLongest(m: CompiledMatcher, cand: number[], folded: FoldedCodes): Match[] {
  const count = cand.length / 3;
  const idx = Array.from({ length: count }, (_, i) => i * 3);
  idx.sort((a, b) => cand[a]! - cand[b]! || cand[b + 1]! - cand[a + 1]!);
  const out: Match[] = [];
  let lastEnd = -1;
  for (const k of idx) {
    const start = cand[k]!;
    if (start < lastEnd) continue;
    const end = cand[k + 1]!;
    const pattern = cand[k + 2]!;
    lastEnd = end;
    out.push({
      start: originalStart(folded, start),
      end: originalEnd(folded, end - 1),
      entity: m.patternEntity[pattern]!,
      pattern,
    });
  }
  return out;
}

/** Folds and scans `text` in one call. */
export function scan(m: CompiledMatcher, text: string): Match[] {
  return scanFolded(m, text, foldCodes(text));
}

/**
 * Whether `folded` (fold.ts's `foldForm` of a name) is, whole, one of the
 * compiled surface forms, whatever their case rules: the reader has a note
 * by that name. Follows the trie's own edges from the root, never a
 * failure link, so a form that only ends the text ("Akar" in "Hulusi
 * Akar") does not count; one look-up per code unit.
 */
export function hasForm(m: CompiledMatcher, folded: string): boolean {
  if (!folded) return false;
  let node = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (node === 0) {
      const a = m.alphabet[c]!;
      // rootRow[0] is the root itself: a code unit in no form.
      node = a === 0 ? 0 : m.rootRow[a]!;
      if (node === 0) return false;
      continue;
    }
    let lo = m.edgeStart[node]!;
    let hi = m.edgeStart[node + 1]! - 1;
    let next = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const label = m.edgeLabel[mid]!;
      if (label === c) {
        next = m.edgeTarget[mid]!;
        break;
      }
      if (label < c) lo = mid + 1;
      else hi = mid - 1;
    }
    if (next < 0) return false;
    node = next;
  }
  return m.outStart[node + 1]! > m.outStart[node]!;
}
