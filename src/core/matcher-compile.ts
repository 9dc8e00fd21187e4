/**
 * The matcher's compile: surface forms folded, the trie built from them in
 * sorted order, its edges in typed arrays, an alphabet and transition rows
 * for busy nodes, and the failure links (Aho-Corasick). The types and the
 * scan are in matcher.ts, which exports all of this again.
 */
import { foldForm } from './fold';
import { DICTIONARY_LIMITS } from './limits';
import type { CompiledMatcher, FormInput } from './matcher';

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
  // Each phase is a function of its own, so what only it needs (the forms'
  // keys, the trie's parent list, the queue) is let go when it returns: a
  // generator's own locals live until it ends.
  const { patterns, units, leftOutFrom } = yield* patternsOf(forms, limits);
  yield;
  const order = patterns.map((_, i) => i);
  order.sort((a, b) => {
    const x = patterns[a]!.folded;
    const y = patterns[b]!.folded;
    return x < y ? -1 : x > y ? 1 : 0;
  });

  yield;
  const { edgeStart, edgeLabel, edgeTarget, endNode } = yield* trieOf(patterns, order, units);
  const nodeCount = edgeStart.length - 1;
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
  groupOutputs(matcher, order, endNode);
  yield;
  linkFailures(matcher);
  return matcher;
}

/**
 * The distinct folded forms, in the order given, while they stay within
 * `limits` (see `compileSteps`).
 */
function* patternsOf(
  forms: readonly FormInput[],
  limits: CompileLimits,
): Generator<void, { patterns: Pattern[]; units: number; leftOutFrom: number }> {
  const patterns: Pattern[] = [];
  const seen = new Set<string>();
  let seenForms = 0;
  let units = 0;
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
      // The rest of this entity's forms, taken already, go with it.
      const leftOutFrom = form.entity;
      while (patterns.length && patterns[patterns.length - 1]!.entity >= leftOutFrom) {
        units -= patterns.pop()!.folded.length;
      }
      return { patterns, units, leftOutFrom };
    }
    seen.add(key);
    units += folded.length;
    patterns.push({ folded, entity: form.entity, exact });
  }
  return { patterns, units, leftOutFrom: -1 };
}

/**
 * The trie of the sorted patterns, its edges in CSR form, and the node where
 * each pattern ends. Each pattern shares its prefix with the one before it,
 * so only the path stack is needed, and every node's children are created in
 * ascending label order.
 */
function* trieOf(
  patterns: readonly Pattern[],
  order: readonly number[],
  units: number,
): Generator<
  void,
  { edgeStart: Int32Array; edgeLabel: Uint16Array; edgeTarget: Int32Array; endNode: Int32Array }
> {
  // At most one node per folded unit, plus the root: typed arrays of that
  // size hold less than growing lists of numbers.
  const parentOf = new Int32Array(units + 1);
  const labelOf = new Uint16Array(units + 1);
  let nodeCount = 1;
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
      const node = nodeCount++;
      parentOf[node] = path[i]!;
      labelOf[node] = p.charCodeAt(i);
      path.push(node);
    }
    endNode[pi] = path[p.length]!;
    prev = p;
  }

  yield;
  // Edges grouped by parent (a counting sort keeps the label order).
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
  return { edgeStart, edgeLabel, edgeTarget, endNode };
}

/** Patterns grouped by end node (a counting sort, in the trie's pattern order). */
function groupOutputs(m: CompiledMatcher, order: readonly number[], endNode: Int32Array): void {
  const { outStart, outPattern } = m;
  const nodeCount = outStart.length - 1;
  for (const pi of order) outStart[endNode[pi]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) outStart[n + 1]! += outStart[n]!;
  const outFill = outStart.slice(0, nodeCount);
  for (const pi of order) outPattern[outFill[endNode[pi]!]!++] = pi;
}

/** Failure and dictionary links, breadth first, and the first node each node reports. */
function linkFailures(m: CompiledMatcher): void {
  const { edgeStart, edgeLabel, edgeTarget, fail, dictLink, outStart, report } = m;
  const nodeCount = fail.length;
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
      let next = step(m, f, c);
      while (next < 0 && f !== 0) {
        f = fail[f]!;
        next = step(m, f, c);
      }
      const target = next < 0 ? 0 : next;
      fail[v] = target;
      dictLink[v] = outStart[target + 1]! > outStart[target]! ? target : dictLink[target]!;
      queue[tail++] = v;
    }
  }
  for (let n = 1; n < nodeCount; n++) {
    report[n] = outStart[n + 1]! > outStart[n]! ? n : dictLink[n]!;
  }
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
