/**
 * Whether a compiled matcher is safe to scan with: every index the scan
 * reads lies inside its array, every loop of the scan ends, and a match
 * never starts before the text. A compile always makes such a matcher; one
 * read back from IndexedDB is untrusted data (a corrupt record, a foreign
 * one) and is checked before use (stored-dictionary.ts).
 *
 * The proof rests on the trie's depths: the edges must form a tree whose
 * every edge leads to a later node (the compile numbers nodes in the order
 * it creates them, a child after its parent), so each node's depth is known
 * in one pass. Every transition (root row, edge, dense cell) then goes one
 * deeper, and every failure, dictionary and report link goes shallower, so
 * after i characters the state is at most i deep, the link loops end at the
 * root, and a pattern reported there, exactly as long as its node is deep,
 * starts inside the text.
 */
import type { CompiledMatcher } from './matcher';

/** The first problem found, or null when the scan can run on `m` safely. */
export function matcherProblem(m: CompiledMatcher, entities: number): string | null {
  const nodes = m.fail.length;
  if (nodes < 1) return 'no root';
  for (const [name, a, n] of [
    ['edgeStart', m.edgeStart, nodes + 1],
    ['outStart', m.outStart, nodes + 1],
    ['denseAt', m.denseAt, nodes],
    ['denseLast', m.denseLast, nodes],
    ['dictLink', m.dictLink, nodes],
    ['report', m.report, nodes],
    ['alphabet', m.alphabet, 0x10000],
    ['rootRow', m.rootRow, m.alphabetSize + 1],
    ['edgeTarget', m.edgeTarget, m.edgeLabel.length],
    ['patternEntity', m.patternEntity, m.patternLength.length],
    ['patternExact', m.patternExact, m.patternLength.length],
  ] as const) {
    if (a.length !== n) return `${name} has ${a.length} entries, not ${n}`;
  }
  if (!Number.isInteger(m.leftOutFrom) || m.leftOutFrom < -1) return 'leftOutFrom';
  const depth = treeDepths(m);
  if (typeof depth === 'string') return depth;
  return (
    alphabetProblem(m) ??
    rowsProblem(m, depth) ??
    linksProblem(m, depth) ??
    outputsProblem(m, depth, entities)
  );
}

/** Each node's depth, if the edges form a tree of the nodes whose edges lead to later nodes. */
function treeDepths(m: CompiledMatcher): Int32Array | string {
  const { edgeStart, edgeLabel, edgeTarget } = m;
  const nodes = m.fail.length;
  if (edgeStart[0] !== 0 || edgeStart[nodes] !== edgeLabel.length) return 'edgeStart bounds';
  if (edgeLabel.length !== nodes - 1) return 'not one edge into each node';
  const depth = new Int32Array(nodes);
  for (let u = 0; u < nodes; u++) {
    const from = edgeStart[u]!;
    const to = edgeStart[u + 1]!;
    if (to < from) return 'edgeStart decreases';
    for (let e = from; e < to; e++) {
      const v = edgeTarget[e]!;
      // Labels ascend within a node: the scan searches them by halves.
      if (e > from && edgeLabel[e]! <= edgeLabel[e - 1]!) return 'edge labels out of order';
      // A later node that no edge reached yet (depth 0 is the root's alone, then).
      if (!(v > u && v < nodes) || depth[v] !== 0) return 'edges are not a tree';
      depth[v] = depth[u]! + 1;
    }
  }
  // n - 1 edges, each to a distinct node after the root: every node is reached.
  return depth;
}

function alphabetProblem(m: CompiledMatcher): string | null {
  const { alphabet, alphabetSize } = m;
  for (let c = 0; c < alphabet.length; c++) {
    if (alphabet[c]! > alphabetSize) return 'alphabet index past the root row';
  }
  return null;
}

/** The root's row and the dense rows: each cell none, or a node one deeper. */
function rowsProblem(m: CompiledMatcher, depth: Int32Array): string | null {
  const { rootRow, denseAt, denseLast, dense } = m;
  const nodes = depth.length;
  for (let a = 0; a < rootRow.length; a++) {
    const v = rootRow[a]!;
    if (v !== 0 && !(v > 0 && v < nodes && depth[v] === 1)) return 'root row';
  }
  // Rows one after another, as the compile lays them: their cells are read once here.
  let free = 0;
  for (let n = 0; n < nodes; n++) {
    const at = denseAt[n]!;
    if (at === -1) continue;
    const last = denseLast[n]!;
    if (n === 0 || at < free || at + last >= dense.length) return 'dense row bounds';
    free = at + last + 1;
    for (let a = 1; a <= last; a++) {
      const v = dense[at + a]! - 1;
      if (v !== -1 && !(v > 0 && v < nodes && depth[v] === depth[n]! + 1)) return 'dense cell';
    }
  }
  return null;
}

/** Failure, dictionary and report links: each to a shallower node (or the node itself, for report). */
function linksProblem(m: CompiledMatcher, depth: Int32Array): string | null {
  const { fail, dictLink, report } = m;
  if (fail[0] !== 0 || dictLink[0] !== 0 || report[0] !== 0) return 'root links';
  const nodes = depth.length;
  const shallower = (v: number, n: number) => v >= 0 && v < nodes && depth[v]! < depth[n]!;
  for (let n = 1; n < nodes; n++) {
    if (!shallower(fail[n]!, n)) return 'failure link';
    if (!shallower(dictLink[n]!, n)) return 'dictionary link';
    if (report[n] !== n && !shallower(report[n]!, n)) return 'report link';
  }
  return null;
}

/** Each node's patterns: real patterns, of an entity listed, exactly as long as the node is deep. */
function outputsProblem(m: CompiledMatcher, depth: Int32Array, entities: number): string | null {
  const { outStart, outPattern, patternLength, patternEntity } = m;
  const nodes = depth.length;
  if (outStart[0] !== 0 || outStart[1] !== 0 || outStart[nodes] !== outPattern.length) {
    return 'outStart bounds';
  }
  for (let n = 1; n < nodes; n++) {
    const from = outStart[n]!;
    const to = outStart[n + 1]!;
    if (to < from) return 'outStart decreases';
    for (let k = from; k < to; k++) {
      const p = outPattern[k]!;
      if (!(p >= 0 && p < patternLength.length) || patternLength[p] !== depth[n]) {
        return 'pattern output';
      }
    }
  }
  for (let p = 0; p < patternEntity.length; p++) {
    const e = patternEntity[p]!;
    if (!(e >= 0 && e < entities)) return 'pattern entity';
  }
  return null;
}
