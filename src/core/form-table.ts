/**
 * The form table: a compact form of the compiled dictionary that a tab can
 * probe without the automaton (issue 14), built by the worker beside it
 * (form-table-build.ts), sent as its one ArrayBuffer in a message's
 * structured clone (form-table-codec.ts), checked on arrival in its header,
 * sizes and small arrays (form-table-check.ts) and scanned by
 * form-table-scan.ts, which checks the rest where it reads it and finds
 * exactly the marks the automaton finds.
 *
 * It holds no names: per distinct folded form, the 64-bit hash of its folded
 * code units (form-hash.ts) and what a match of it marks: the entity and
 * its kind; per "edge prefix" (a prefix of a form that ends where a word
 * edge could hold, "hulusi" of "hulusi akar"), the same hash and a flag, so
 * a scan can extend a candidate from word edge to word edge and stop at the
 * first prefix no form has. A form that several patterns share (exact-case
 * variants, "US" and "us"), or whose one pattern keeps an exact case, has
 * its patterns as "choices", in the automaton's order, each with the hash
 * of its exact text. All in one ArrayBuffer:
 *
 *   header        10 Int32 words (see HEADER)
 *   bucketStart   Uint32 × (2^bucketBits + 1): where each bucket's entries start
 *   keyLo         Uint32 × entries: the key's low word
 *   choosyEntry   Int32 × choosy entries, ascending: the entries with choices
 *   choiceStart   Int32 × (choosy entries + 1): each one's run of choices
 *   choiceValue   Uint32 × choices: a pattern's mark (see VALUE) and 1 if it keeps an exact case
 *   choiceHash    Uint32 × 2 × choices: hi, lo of the exact text's key (0 for any case)
 *   firstUnits    Uint32 × 2048: bit set of the code units a form starts with
 *   formUnits     Uint32 × 2048: bit set of the code units any form holds
 *   keyHi         Uint16 × entries: the key's high word, low 16 bits
 *   valueLow      Uint16 × entries: an entry's value (VALUE), low 16 bits
 *   valueHigh     Uint8 × entries: the same, bits 16 to 23
 *
 * Nine bytes an entry, and four a bucket: 0.81 MB for the bench's 100,000
 * entities (80,326 entries, 16,384 buckets). The shape before (SHAPE 1)
 * kept each entry's first pattern, and per pattern its entity, per entity
 * its kind: 1.30 MB for the same (the browser bench reported 1.27 MB for
 * its dictionary, and 0.81 for shape 2). Its size is what a loading page
 * waits for (ARCHITECTURE.md, "the table's way to a loading page"), and the tab
 * never needed the pattern, only what a match marks.
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
  /** The dictionary's entities: every mark's entity is below it. */
  entities: number;
  bucketStart: Uint32Array;
  keyLo: Uint32Array;
  choosyEntry: Int32Array;
  choiceStart: Int32Array;
  choiceValue: Uint32Array;
  choiceHash: Uint32Array;
  firstUnits: Uint32Array;
  formUnits: Uint32Array;
  keyHi: Uint16Array;
  valueLow: Uint16Array;
  valueHigh: Uint8Array;
}

/**
 * An entry's value, 24 bits: bit 0, an edge prefix (longer forms go on
 * past it); bits 1 to 3, the kind's index in KINDS; bits 4 to 23, the
 * entity + 1, or 0 when no pattern ends here, or CHOOSY when the entry's
 * choices say. A choice's value is laid out alike, bit 0 saying whether it
 * keeps an exact case.
 */
export const VALUE = { flag: 1, kindShift: 1, kindMask: 7, entityShift: 4 } as const;
/** The entity field of an entry with choices. */
export const CHOOSY = 0xfffff;
/** Entities a table can name: more, and the dictionary is matched in the worker. */
export const MAX_TABLE_ENTITIES = CHOOSY - 1;

/** A value naming `entity` (or -1, none) of kind `kind`, with its flag. */
export const valueOf = (entity: number, kind: number, flag: boolean): number =>
  ((entity + 1) << VALUE.entityShift) | (kind << VALUE.kindShift) | (flag ? VALUE.flag : 0);

/** An entry's value (24 bits), from its two parts. */
export const entryValueAt = (t: FormTable, entry: number): number =>
  (t.valueHigh[entry]! << 16) | t.valueLow[entry]!;

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
export const SHAPE = 2;
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
  'choosy',
  'choices',
  'entities',
] as const;
export type Header = Record<(typeof HEADER)[number], number>;
export const HEADER_BYTES = HEADER.length * 4;

type ArrayName = Exclude<
  keyof FormTable,
  'buffer' | 'seed' | 'bucketBits' | 'maxLength' | 'leftOutFrom' | 'entities'
>;

/** The sections, 4-byte ones first so every one is aligned, with their lengths from the header. */
const SECTIONS: [
  ArrayName,
  typeof Uint32Array | typeof Int32Array | typeof Uint16Array | typeof Uint8Array,
  (h: Header) => number,
][] = [
  ['bucketStart', Uint32Array, (h) => 2 ** h.bucketBits + 1],
  ['keyLo', Uint32Array, (h) => h.entries],
  ['choosyEntry', Int32Array, (h) => h.choosy],
  ['choiceStart', Int32Array, (h) => h.choosy + 1],
  ['choiceValue', Uint32Array, (h) => h.choices],
  ['choiceHash', Uint32Array, (h) => 2 * h.choices],
  ['firstUnits', Uint32Array, () => UNIT_WORDS],
  ['formUnits', Uint32Array, () => UNIT_WORDS],
  ['keyHi', Uint16Array, (h) => h.entries],
  ['valueLow', Uint16Array, (h) => h.entries],
  ['valueHigh', Uint8Array, (h) => h.entries],
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
    entities: h.entities,
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

/** The table's bytes beside its forms, for the bench and the tests. */
export function tableSize(t: FormTable): { bytes: number; entries: number; choices: number } {
  return { bytes: t.buffer.byteLength, entries: t.keyLo.length, choices: t.choiceValue.length };
}
