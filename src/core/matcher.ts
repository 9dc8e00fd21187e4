/**
 * The matcher: every surface form compiled into one Aho-Corasick automaton
 * over folded UTF-16 code units, stored in typed arrays so it is compact,
 * fast to scan and cheap to store and reload (structured clone).
 *
 * Rules implemented here (DESIGN.md section 4): folding (via fold.ts), the
 * capitals rule, word edges, leftmost-longest without overlaps.
 */
import { classAt, classBefore, edgeHolds } from './char-class';
import { DICTIONARY_LIMITS } from './limits';
import {
  foldCodes,
  foldForm,
  originalEnd,
  originalStart,
  withoutIgnored,
  type FoldedCodes,
} from './fold';

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

/** The capitals rule: 2 to 5 capital letters match their exact case only. */
export function isCapitalsForm(text: string): boolean {
  return /^\p{Lu}{2,5}$/u.test(text);
}

/** Nodes with at least this many edges may get a dense transition row. */
const DENSE_MIN_EDGES = 4;
/**
 * A row may hold at most this many cells per edge of its node, so the rows
 * together stay within this many cells per edge of the trie: the compiled
 * size is linear in the forms, whatever their alphabet (issue 12: with one
 * full-alphabet row per busy node, 28,000 short forms over a wide alphabet
 * took 160 MB, and CJK forms gigabytes). Measured on the benchmark's
 * dictionaries, 8 keeps every row the full-alphabet rule gave Latin names
 * (their letters come first in the alphabet), and the scan's speed with it.
 */
export const DENSE_CELLS_PER_EDGE = 8;

/**
 * The most bytes a compiled matcher's typed arrays take for forms whose
 * folded lengths add up to `units`: the alphabet's table of 65,536 entries;
 * per trie node (at most one per folded unit, plus the root) its edge,
 * links and row start (32 bytes), a cell of the root's row (4) and at most
 * DENSE_CELLS_PER_EDGE cells of 4 bytes; per form, 12 bytes. Held by the
 * tests on adversarial inputs.
 */
export function compiledBytesBound(units: number, forms: number): number {
  return 0x10000 * 2 + (units + 1) * (32 + 4 + DENSE_CELLS_PER_EDGE * 4) + forms * 12;
}

interface Pattern {
  folded: string;
  entity: number;
  exact: string;
}

/** How much one compile takes in: folded code units and distinct forms (see limits.ts). */
export interface CompileLimits {
  units: number;
  forms: number;
}

/** Compiles `forms` in one go (the background, tests). */
export function compile(
  forms: readonly FormInput[],
  limits: CompileLimits = DICTIONARY_LIMITS,
): CompiledMatcher {
  return runToEnd(compileSteps(forms, limits));
}

/** Runs a step-wise computation to its end. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Forms folded between two pauses of a step-wise compile. */
const FORMS_PER_STEP = 256;

/**
 * The compile, pausing (`yield`) between its phases and every few hundred
 * forms, so a page can compile a small dictionary in slices of a few
 * milliseconds instead of one long task (see content/matching.ts).
 *
 * `forms` come in ascending entity order, an entity's forms together. The
 * compile takes them in that order while their distinct folded forms stay
 * within `limits`; the entity whose form would pass a limit, and every
 * entity after it, are left out whole (`leftOutFrom`), so the automaton's
 * size has a bound whatever the input.
 */
export function* compileSteps(
  forms: readonly FormInput[],
  limits: CompileLimits = DICTIONARY_LIMITS,
): Generator<void, CompiledMatcher> {
  const patterns: Pattern[] = [];
  const seen = new Set<string>();
  let seenForms = 0;
  let units = 0;
  let leftOutFrom = -1;
  for (const form of forms) {
    if (++seenForms % FORMS_PER_STEP === 0) yield;
    const text = form.text.trim();
    const folded = foldForm(text);
    if (!folded) continue;
    const exact = (form.caseSensitive ?? isCapitalsForm(text)) ? text : '';
    // The first entity to claim a form keeps it; later duplicates add nothing.
    const key = `${exact ? 'E' : 'F'}${exact || folded}`;
    if (seen.has(key)) continue;
    if (units + folded.length > limits.units || patterns.length >= limits.forms) {
      leftOutFrom = form.entity;
      // The rest of this entity's forms, taken already, go with it.
      while (patterns.length && patterns[patterns.length - 1]!.entity >= leftOutFrom) {
        patterns.pop();
      }
      break;
    }
    seen.add(key);
    units += folded.length;
    patterns.push({ folded, entity: form.entity, exact });
  }
  yield;
  const order = patterns.map((_, i) => i);
  order.sort((a, b) => {
    const x = patterns[a]!.folded;
    const y = patterns[b]!.folded;
    return x < y ? -1 : x > y ? 1 : 0;
  });

  yield;
  // Build the trie from sorted patterns: each pattern shares its prefix with
  // the one before it, so only the path stack is needed, and every node's
  // children are created in ascending label order.
  const parentOf: number[] = [0];
  const labelOf: number[] = [0];
  // The node where each pattern ends (one number per pattern, not a list per node).
  const endNode = new Int32Array(patterns.length);
  const path: number[] = [0];
  let prev = '';
  for (const pi of order) {
    const p = patterns[pi]!.folded;
    let lcp = 0;
    const max = Math.min(p.length, prev.length);
    while (lcp < max && p.charCodeAt(lcp) === prev.charCodeAt(lcp)) lcp++;
    path.length = lcp + 1;
    for (let i = lcp; i < p.length; i++) {
      const node = parentOf.length;
      parentOf.push(path[i]!);
      labelOf.push(p.charCodeAt(i));
      path.push(node);
    }
    endNode[pi] = path[p.length]!;
    prev = p;
  }

  yield;
  const nodeCount = parentOf.length;
  // Edges in CSR form, grouped by parent (counting sort keeps label order).
  const edgeStart = new Int32Array(nodeCount + 1);
  for (let n = 1; n < nodeCount; n++) edgeStart[parentOf[n]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) edgeStart[n + 1]! += edgeStart[n]!;
  const fillAt = edgeStart.slice(0, nodeCount);
  const edgeLabel = new Uint16Array(nodeCount - 1);
  const edgeTarget = new Int32Array(nodeCount - 1);
  for (let n = 1; n < nodeCount; n++) {
    const at = fillAt[parentOf[n]!]!++;
    edgeLabel[at] = labelOf[n]!;
    edgeTarget[at] = n;
  }
  const { alphabet, alphabetSize } = alphabetOf(edgeLabel);
  const rootRow = new Int32Array(alphabetSize + 1);
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) {
    rootRow[alphabet[edgeLabel[e]!]!] = edgeTarget[e]!;
  }
  const { denseAt, denseLast, dense } = denseRows(edgeStart, edgeLabel, edgeTarget, alphabet);

  const matcher: CompiledMatcher = {
    edgeStart,
    edgeLabel,
    edgeTarget,
    alphabet,
    alphabetSize,
    rootRow,
    denseAt,
    denseLast,
    dense,
    fail: new Int32Array(nodeCount),
    dictLink: new Int32Array(nodeCount),
    report: new Int32Array(nodeCount),
    outStart: new Int32Array(nodeCount + 1),
    outPattern: new Int32Array(patterns.length),
    patternEntity: Int32Array.from(patterns, (p) => p.entity),
    patternLength: Int32Array.from(patterns, (p) => p.folded.length),
    patternExact: patterns.map((p) => p.exact),
    leftOutFrom,
  };

  // Patterns grouped by end node (counting sort, in the trie's pattern order).
  for (const pi of order) matcher.outStart[endNode[pi]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) matcher.outStart[n + 1]! += matcher.outStart[n]!;
  const outFill = matcher.outStart.slice(0, nodeCount);
  for (const pi of order) matcher.outPattern[outFill[endNode[pi]!]!++] = pi;

  yield;
  // Failure and dictionary links, breadth first.
  const { fail, dictLink, outStart } = matcher;
  const queue = new Int32Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) queue[tail++] = edgeTarget[e]!;
  while (head < tail) {
    const u = queue[head++]!;
    for (let e = edgeStart[u]!; e < edgeStart[u + 1]!; e++) {
      const v = edgeTarget[e]!;
      const c = edgeLabel[e]!;
      let f = fail[u]!;
      let next = step(matcher, f, c);
      while (next < 0 && f !== 0) {
        f = fail[f]!;
        next = step(matcher, f, c);
      }
      const target = next < 0 ? 0 : next;
      fail[v] = target;
      dictLink[v] = outStart[target + 1]! > outStart[target]! ? target : dictLink[target]!;
      queue[tail++] = v;
    }
  }
  for (let n = 1; n < nodeCount; n++) {
    matcher.report[n] = outStart[n + 1]! > outStart[n]! ? n : dictLink[n]!;
  }
  return matcher;
}

/** Transition from `node` on code unit `c`, or -1 when there is none (root: 0). */
function step(m: CompiledMatcher, node: number, c: number): number {
  if (node === 0) return m.rootRow[m.alphabet[c]!]!;
  let lo = m.edgeStart[node]!;
  let hi = m.edgeStart[node + 1]! - 1;
  const labels = m.edgeLabel;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = labels[mid]!;
    if (l === c) return m.edgeTarget[mid]!;
    if (l < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The alphabet of the edge labels, numbered from 1 by how many edges carry
 * each label, most first: the letters most forms are made of get small
 * numbers, so a busy node's row (which runs from 0 to its highest label's
 * number) stays short even when a few forms bring thousands of rare
 * characters.
 */
function alphabetOf(edgeLabel: Uint16Array): { alphabet: Uint16Array; alphabetSize: number } {
  const count = new Int32Array(0x10000);
  for (let e = 0; e < edgeLabel.length; e++) count[edgeLabel[e]!]!++;
  const labels: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (count[c]! > 0) labels.push(c);
  labels.sort((x, y) => count[y]! - count[x]! || x - y);
  const alphabet = new Uint16Array(0x10000);
  labels.forEach((c, i) => (alphabet[c] = i + 1));
  return { alphabet, alphabetSize: labels.length };
}

/**
 * Dense rows for the nodes with many edges (the top of the trie, where
 * scanning spends most of its time): a node gets one when it has at least
 * DENSE_MIN_EDGES edges and its row, up to its highest alphabet number, holds
 * at most DENSE_CELLS_PER_EDGE cells per edge. Other nodes' edges are
 * searched by binary search.
 */
function denseRows(
  edgeStart: Int32Array,
  edgeLabel: Uint16Array,
  edgeTarget: Int32Array,
  alphabet: Uint16Array,
): { denseAt: Int32Array; denseLast: Uint16Array; dense: Int32Array } {
  const nodeCount = edgeStart.length - 1;
  const denseAt = new Int32Array(nodeCount).fill(-1);
  const denseLast = new Uint16Array(nodeCount);
  let cells = 0;
  for (let n = 1; n < nodeCount; n++) {
    const edges = edgeStart[n + 1]! - edgeStart[n]!;
    if (edges < DENSE_MIN_EDGES) continue;
    let last = 0;
    for (let e = edgeStart[n]!; e < edgeStart[n + 1]!; e++) {
      last = Math.max(last, alphabet[edgeLabel[e]!]!);
    }
    if (last + 1 > edges * DENSE_CELLS_PER_EDGE) continue;
    denseAt[n] = cells;
    denseLast[n] = last;
    cells += last + 1;
  }
  const dense = new Int32Array(cells);
  for (let n = 1; n < nodeCount; n++) {
    const at = denseAt[n]!;
    if (at < 0) continue;
    for (let e = edgeStart[n]!; e < edgeStart[n + 1]!; e++) {
      dense[at + alphabet[edgeLabel[e]!]!] = edgeTarget[e]! + 1;
    }
  }
  return { denseAt, denseLast, dense };
}

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
