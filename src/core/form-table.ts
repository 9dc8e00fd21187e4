/**
 * The form table: a compact form of the compiled dictionary that a tab can
 * probe without the automaton (issue 14), built by the worker beside it
 * (form-table-build.ts), sent as its one ArrayBuffer in a message's
 * structured clone (form-table-codec.ts), checked on arrival in its header,
 * sizes and small arrays (form-table-check.ts) and scanned by
 * form-table-scan.ts, which checks the rest where it reads it and finds
 * exactly what the automaton finds.
 *
 * It holds no names: per distinct folded form, the 64-bit hash of its folded
 * code units (form-hash.ts) and its first pattern; per "edge prefix" (a
 * prefix of a form that ends where a word edge could hold, "hulusi" of
 * "hulusi akar"), the same hash and a flag, so a scan can extend a
 * candidate from word edge to word edge and stop at the first prefix no
 * form has; per pattern its entity; for exact-case patterns the hash of the
 * exact text; per entity its kind. All in one ArrayBuffer:
 *
 *   header        12 Int32 words (see HEADER)
 *   bucketStart   Uint32 × (2^bucketBits + 1): where each bucket's entries start
 *   keyLo         Uint32 × entries: the key's low word
 *   entryValue    Uint32 × entries: (first pattern + 1) × 2 + 1 if an edge prefix
 *   patternEntity Int32 × patterns
 *   exactPattern  Int32 × exact patterns, ascending
 *   exactHash     Uint32 × 2 × exact patterns: hi, lo of the exact text's key
 *   sharedFirst   Int32 × groups, ascending: the first pattern of a folded form
 *                 that several patterns share (exact-case variants, "US" and "us")
 *   sharedStart   Int32 × (groups + 1): each group's run in sharedPattern
 *   sharedPattern Int32: the group's patterns in the automaton's order
 *   firstUnits    Uint32 × 2048: bit set of the code units a form starts with
 *   formUnits     Uint32 × 2048: bit set of the code units any form holds
 *   keyHi         Uint16 × entries: the key's high word, low 16 bits
 *   entityKinds   Uint8 × entities: the kind's index in KINDS
 *
 * Entries are sorted by bucket (the key's top `bucketBits` bits), then by
 * (keyHi, keyLo): a probe reads two directory words and searches a run of
 * about four entries by halves.
 *
 * False positives. A probe compares 48 stored bits plus the bucketBits the
 * directory stands for. With N entries and bucketBits = floor(log2(N / 4))
 * (at most 16; 4 to 8 entries a bucket), a folded sequence that is no form matches one with
 * probability N / 2^(48 + bucketBits) < 8 / 2^48 ≈ 3e-14 (for N past 2^18,
 * N / 2^64 < 3e-14 again up to the 500,000 forms of DICTIONARY_LIMITS). A
 * page probes about once per word that starts like a form: 100,000 probes
 * give a wrong mark with probability under 3e-9, and only if the entry hit
 * is a whole form. Two forms of one dictionary never share a key: the
 * build tries another seed if they would.
 */
import { LIMITS } from './limits';

export interface FormTable {
  /** The one buffer every array below is a view of. */
  buffer: ArrayBuffer;
  seed: number;
  bucketBits: number;
  /** The longest pattern, in folded units: no candidate is extended further. */
  maxLength: number;
  /** As CompiledMatcher.leftOutFrom: the first entity left out past the limits, or -1. */
  leftOutFrom: number;
  bucketStart: Uint32Array;
  keyLo: Uint32Array;
  entryValue: Uint32Array;
  patternEntity: Int32Array;
  exactPattern: Int32Array;
  exactHash: Uint32Array;
  sharedFirst: Int32Array;
  sharedStart: Int32Array;
  sharedPattern: Int32Array;
  firstUnits: Uint32Array;
  formUnits: Uint32Array;
  keyHi: Uint16Array;
  entityKinds: Uint8Array;
}

/**
 * The longest form a table holds, in folded units: a note's name or alias
 * is at most 200 characters (LIMITS), and one character folds to at most 3
 * units (ß to ss; the Kannada vowel sign U+0CCB decomposes into three). A
 * scan extends a candidate no further, whatever a table says.
 */
export const MAX_FORM_UNITS = Math.max(LIMITS.name, LIMITS.alias) * 3;

/** "BSFT": a buffer that does not start so is not a form table. */
export const MAGIC = 0x54465342;
/** Raised when the layout changes: a tab refuses another shape. */
export const SHAPE = 1;
/** Words of the bit sets of code units (65,536 bits). */
export const UNIT_WORDS = 0x10000 / 32;

/** The header's words, in order. */
export const HEADER = [
  'magic',
  'shape',
  'seed',
  'bucketBits',
  'maxLength',
  'leftOutFrom',
  'entries',
  'patterns',
  'exact',
  'groups',
  'shared',
  'entities',
] as const;
export type Header = Record<(typeof HEADER)[number], number>;
export const HEADER_BYTES = HEADER.length * 4;

type ArrayName = Exclude<
  keyof FormTable,
  'buffer' | 'seed' | 'bucketBits' | 'maxLength' | 'leftOutFrom'
>;

/** The sections, 4-byte ones first so every one is aligned, with their lengths from the header. */
const SECTIONS: [
  ArrayName,
  typeof Uint32Array | typeof Int32Array | typeof Uint16Array | typeof Uint8Array,
  (h: Header) => number,
][] = [
  ['bucketStart', Uint32Array, (h) => 2 ** h.bucketBits + 1],
  ['keyLo', Uint32Array, (h) => h.entries],
  ['entryValue', Uint32Array, (h) => h.entries],
  ['patternEntity', Int32Array, (h) => h.patterns],
  ['exactPattern', Int32Array, (h) => h.exact],
  ['exactHash', Uint32Array, (h) => 2 * h.exact],
  ['sharedFirst', Int32Array, (h) => h.groups],
  ['sharedStart', Int32Array, (h) => h.groups + 1],
  ['sharedPattern', Int32Array, (h) => h.shared],
  ['firstUnits', Uint32Array, () => UNIT_WORDS],
  ['formUnits', Uint32Array, () => UNIT_WORDS],
  ['keyHi', Uint16Array, (h) => h.entries],
  ['entityKinds', Uint8Array, (h) => h.entities],
];

/** The buffer's size for `header`, or NaN when a count is not a small enough whole number. */
export function tableBytes(h: Header): number {
  if (!(h.bucketBits >= 0 && h.bucketBits <= 16)) return NaN;
  let bytes = HEADER_BYTES;
  for (const [, View, length] of SECTIONS) {
    const n = length(h);
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 28) return NaN;
    bytes += n * View.BYTES_PER_ELEMENT;
  }
  return bytes;
}

/**
 * The table over `buffer`, whose header must be `h` and its size
 * `tableBytes(h)` (checked by the caller). Views only: nothing is copied,
 * nothing checked but the sizes.
 */
export function tableViews(buffer: ArrayBuffer, h: Header): FormTable {
  const views: Partial<Record<ArrayName, unknown>> = {};
  let at = HEADER_BYTES;
  for (const [name, View, length] of SECTIONS) {
    const n = length(h);
    views[name] = new View(buffer, at, n);
    at += n * View.BYTES_PER_ELEMENT;
  }
  return {
    buffer,
    seed: h.seed,
    bucketBits: h.bucketBits,
    maxLength: h.maxLength,
    leftOutFrom: h.leftOutFrom,
    ...(views as Pick<FormTable, ArrayName>),
  };
}

/** A zeroed buffer for `h`, with its header written, and its views. */
export function allocateTable(h: Header): FormTable {
  const buffer = new ArrayBuffer(tableBytes(h));
  new Int32Array(buffer, 0, HEADER.length).set(HEADER.map((name) => h[name]));
  return tableViews(buffer, h);
}

/** The header of `buffer`, read as written (unchecked), or null when it is too short to hold one. */
export function readHeader(buffer: ArrayBuffer): Header | null {
  if (buffer.byteLength < HEADER_BYTES) return null;
  const words = new Int32Array(buffer, 0, HEADER.length);
  return Object.fromEntries(HEADER.map((name, i) => [name, words[i]!])) as Header;
}

/**
 * The directory's bucket of a key whose high word is `hi`: its top
 * `bucketBits` bits (form-table-scan.ts's probe computes it inline).
 */
export function bucketOf(hi: number, bucketBits: number): number {
  // `>>> 32` would shift by nothing: one bucket takes every key.
  return bucketBits === 0 ? 0 : hi >>> (32 - bucketBits);
}

/**
 * An entry's value: its first pattern, or -1 for none, and whether it is an
 * edge prefix, which longer forms go on past (the scan reads it inline).
 */
export const entryValueOf = (pattern: number, edgePrefix: boolean): number =>
  (pattern + 1) * 2 + (edgePrefix ? 1 : 0);

/** The table's bytes beside its forms, for the bench and the tests. */
export function tableSize(t: FormTable): { bytes: number; entries: number; patterns: number } {
  return { bytes: t.buffer.byteLength, entries: t.keyLo.length, patterns: t.patternEntity.length };
}
