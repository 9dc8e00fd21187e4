/**
 * Builds the form table (form-table.ts) from a compiled matcher: the worker
 * holds one already, fresh or reloaded from IndexedDB, so the table needs
 * neither the forms nor the entities' names. One walk of the trie, depth
 * first, extends the hash by each edge's label, so every node's key costs
 * two multiplies; a node becomes an entry when a pattern ends there or when
 * it is an edge prefix. An entry keeps what its match marks (the pattern's
 * entity and kind), or, when several patterns end there or its one pattern
 * keeps an exact case, the patterns as choices (form-table.ts).
 */
import { classAt, classBefore, edgeHolds } from './char-class';
import { finishHi, finishLo, hashText, laneStart1, laneStart2, step1, step2 } from './form-hash';
import {
  allocateTable,
  bucketOf,
  CHOOSY,
  MAGIC,
  MAX_FORM_UNITS,
  MAX_TABLE_ENTITIES,
  SHAPE,
  tableBytes,
  type FormTable,
  type Header,
  valueOf,
  VALUE,
} from './form-table';
import { KINDS } from './entity';
import { runToEnd, type CompiledMatcher } from './matcher';
import type { EntityList } from './page-match';

/** Seeds tried before giving up on keys that collide (each try fails with probability ~1e-9). */
const SEEDS = 8;
/** Trie nodes walked between two pauses of a step-wise build. */
const NODES_PER_STEP = 32_768;

/**
 * The table of `matcher`, whose entities have the kinds `entityKinds` (an
 * index in KINDS each); null when a form is longer than MAX_FORM_UNITS (no
 * note's form is: see there), when there are more entities than a table
 * can name (MAX_TABLE_ENTITIES) or the table would take more than
 * `maxBytes`, so the dictionary stays matched in the worker.
 */
export function buildFormTable(
  matcher: CompiledMatcher,
  entityKinds: Uint8Array,
  maxBytes = Infinity,
): FormTable | null {
  return runToEnd(buildFormTableSteps(matcher, entityKinds, maxBytes));
}

/**
 * The same, pausing (`yield`) every NODES_PER_STEP nodes of the trie and
 * between phases, as `compileSteps` does, so the worker can build it in
 * slices beside the automaton's compile (100,000 entities: about 100 ms
 * in all on the project's machine).
 */
export function* buildFormTableSteps(
  matcher: CompiledMatcher,
  entityKinds: Uint8Array,
  maxBytes = Infinity,
): Generator<void, FormTable | null> {
  let maxLength = 0;
  for (const n of matcher.patternLength) maxLength = Math.max(maxLength, n);
  if (maxLength > MAX_FORM_UNITS || entityKinds.length > MAX_TABLE_ENTITIES) return null;
  for (const e of matcher.patternEntity) {
    if (!(e >= 0 && e < entityKinds.length)) throw new RangeError(`no kind for entity ${e}`);
  }
  for (let seed = 0; seed < SEEDS; seed++) {
    const table = yield* withSeed(matcher, entityKinds, maxLength, seed, maxBytes);
    if (table !== 'collision') return table;
  }
  throw new Error(`form table: two forms share a key under ${SEEDS} seeds`);
}

interface Entries {
  hi: number[];
  lo: number[];
  value: number[];
  /** The entries (by their index here) with choices, and each one's patterns, in the automaton's order. */
  choosy: number[];
  choices: number[][];
}

/**
 * The table with keys from `seed`; 'collision' when two entries' keys
 * collide; null when it would take more than `maxBytes`.
 */
function* withSeed(
  m: CompiledMatcher,
  entityKinds: Uint8Array,
  maxLength: number,
  seed: number,
  maxBytes: number,
): Generator<void, FormTable | 'collision' | null> {
  const { hi, lo, value, choosy, choices } = yield* trieEntries(m, entityKinds, maxLength, seed);
  const entries = hi.length;
  let bucketBits = 0;
  while (bucketBits < 16 && 2 ** (bucketBits + 1) * 4 <= entries) bucketBits++;
  const header: Header = {
    magic: MAGIC,
    shape: SHAPE,
    seed,
    bucketBits,
    maxLength,
    leftOutFrom: m.leftOutFrom,
    entries,
    choosy: choosy.length,
    choices: choices.reduce((n, c) => n + c.length, 0),
    entities: entityKinds.length,
  };
  if (tableBytes(header) > maxBytes) return null;
  const t = allocateTable(header);
  yield;
  const position = sortEntries(t, hi, lo, value);
  if (!position) return 'collision';
  yield;
  // The entries with choices, in their sorted order, each with its patterns.
  const order = choosy
    .map((_, j) => j)
    .sort((x, y) => position[choosy[x]!]! - position[choosy[y]!]!);
  let at = 0;
  order.forEach((j, i) => {
    t.choosyEntry[i] = position[choosy[j]!]!;
    t.choiceStart[i] = at;
    for (const p of choices[j]!) {
      const exact = m.patternExact[p]!;
      const entity = m.patternEntity[p]!;
      t.choiceValue[at] = valueOf(entity, entityKinds[entity]!, exact !== '');
      if (exact) t.choiceHash.set(hashText(exact, seed), 2 * at);
      at++;
    }
  });
  t.choiceStart[choosy.length] = at;
  const { edgeStart, edgeLabel } = m;
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) setUnit(t.firstUnits, edgeLabel[e]!);
  for (let e = 0; e < edgeLabel.length; e++) setUnit(t.formUnits, edgeLabel[e]!);
  return t;
}

const setUnit = (bits: Uint32Array, c: number) => {
  bits[c >>> 5]! |= 1 << (c & 31);
};

/**
 * Every node of the trie that ends a pattern or is an edge prefix, with its
 * key: a walk depth first, with the path's labels and the hash lanes of
 * each depth on a stack.
 */
function* trieEntries(
  m: CompiledMatcher,
  entityKinds: Uint8Array,
  maxLength: number,
  seed: number,
): Generator<void, Entries> {
  const { edgeStart, edgeLabel, edgeTarget, outStart, outPattern, patternEntity } = m;
  const out: Entries = { hi: [], lo: [], value: [], choosy: [], choices: [] };
  const path = new Uint16Array(maxLength + 1);
  const lane1 = new Int32Array(maxLength + 1);
  const lane2 = new Int32Array(maxLength + 1);
  const node = new Int32Array(maxLength + 1);
  const nextEdge = new Int32Array(maxLength + 1);
  lane1[0] = laneStart1(seed);
  lane2[0] = laneStart2(seed);
  nextEdge[0] = edgeStart[0]!;
  const unit = new Uint16Array(1);
  let depth = 0;
  let walked = 0;
  while (depth >= 0) {
    if (++walked % NODES_PER_STEP === 0) yield;
    const u = node[depth]!;
    const e = nextEdge[depth]!;
    // A node deeper than the longest pattern leads to none: a compile makes no such node.
    if (e >= edgeStart[u + 1]! || depth === maxLength) {
      depth--;
      continue;
    }
    nextEdge[depth] = e + 1;
    const v = edgeTarget[e]!;
    const c = edgeLabel[e]!;
    const d = depth + 1;
    path[depth] = c;
    lane1[d] = step1(lane1[depth]!, c);
    lane2[d] = step2(lane2[depth]!, c);
    node[d] = v;
    nextEdge[d] = edgeStart[v]!;
    depth = d;

    const ends = outStart[v + 1]! - outStart[v]!;
    const prefix = isEdgePrefix(m, v, path, d, unit);
    if (ends === 0 && !prefix) continue;
    const first = ends > 0 ? outPattern[outStart[v]!]! : -1;
    if (ends > 1 || (ends === 1 && m.patternExact[first])) {
      out.choosy.push(out.hi.length);
      out.choices.push(Array.from(outPattern.subarray(outStart[v], outStart[v + 1])));
      out.value.push((CHOOSY << VALUE.entityShift) | (prefix ? VALUE.flag : 0));
    } else {
      const entity = first < 0 ? -1 : patternEntity[first]!;
      out.value.push(valueOf(entity, entity < 0 ? 0 : entityKinds[entity]!, prefix));
    }
    out.hi.push(finishHi(lane1[d], lane2[d]));
    out.lo.push(finishLo(lane1[d], lane2[d]));
  }
  return out;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Whether a scan may find a word edge after node `v` (at depth `d`, reached
 * by `path`) inside a longer form: the class of the path's last character
 * and of some child's label let an end edge hold (char-class.ts). A scan
 * probes the table at every such edge and stops at the first prefix it
 * lacks, so this must hold wherever the text could give an edge there, and
 * the text's classes are the form's but for surrogate halves at the ends:
 * - a child's label alone: a high half followed by its low half is one
 *   character in the text, but alone its class is Other, which lets an end
 *   edge hold beside any character: a superset;
 * - a form that starts with a low half: in the text a high half before the
 *   start may pair with it (the scan may start between the halves), and the
 *   pair's class, not Other, is then the class before the next unit. That
 *   prefix counts as an edge prefix, whatever follows.
 * A prefix too many costs a probe; one too few would lose a match.
 */
function isEdgePrefix(
  m: CompiledMatcher,
  v: number,
  path: Uint16Array,
  d: number,
  unit: Uint16Array,
): boolean {
  const from = m.edgeStart[v]!;
  const to = m.edgeStart[v + 1]!;
  if (from === to) return false;
  if (d === 1 && isLow(path[0]!)) return true;
  const before = classBefore(path, d, d);
  for (let e = from; e < to; e++) {
    unit[0] = m.edgeLabel[e]!;
    if (edgeHolds(before, classAt(unit, 1, 0))) return true;
  }
  return false;
}

/**
 * Writes the entries into `t`, in bucket order (a counting sort), each
 * bucket by (keyHi, keyLo); answers where each entry went, or null when two
 * keys agree in every bit kept.
 */
function sortEntries(t: FormTable, hi: number[], lo: number[], value: number[]): Int32Array | null {
  const { bucketStart, keyLo, keyHi, valueLow, valueHigh, bucketBits } = t;
  const n = hi.length;
  const bucket = new Uint32Array(n);
  // The bits kept besides the bucket's, as one number (48 bits: exact in a double).
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    bucket[i] = bucketOf(hi[i]!, bucketBits);
    key[i] = (hi[i]! & 0xffff) * 2 ** 32 + lo[i]!;
    bucketStart[bucket[i]! + 1]!++;
  }
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1]!;
  const fill = bucketStart.slice(0, -1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]!]!++] = i;
  // Each bucket holds a handful of entries: an insertion sort.
  for (let b = 0; b + 1 < bucketStart.length; b++) {
    const from = bucketStart[b]!;
    const end = bucketStart[b + 1]!;
    for (let i = from + 1; i < end; i++) {
      const e = order[i]!;
      let j = i - 1;
      while (j >= from && key[order[j]!]! > key[e]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      if (j >= from && key[order[j]!] === key[e]) return null;
      order[j + 1] = e;
    }
  }
  const position = new Int32Array(n);
  for (let at = 0; at < n; at++) {
    const i = order[at]!;
    position[i] = at;
    keyLo[at] = lo[i]!;
    keyHi[at] = hi[i]! & 0xffff;
    valueLow[at] = value[i]! & 0xffff;
    valueHigh[at] = value[i]! >>> 16;
  }
  return position;
}

/** Each entity's kind as its index in KINDS, as `buildFormTable` takes them. */
export function entityKindCodes(entities: EntityList): Uint8Array {
  const out = new Uint8Array(entities.length);
  let i = 0;
  for (const e of entities) out[i++] = KINDS.indexOf(e.kind);
  return out;
}
