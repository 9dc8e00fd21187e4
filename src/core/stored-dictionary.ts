/**
 * The compiled dictionary as IndexedDB keeps it: one buffer holding every
 * typed array of the matcher, the entities' kinds, and their ids and the
 * other strings as UTF-8, each section where a small header says; stored
 * as a Blob. The rebuild copies nothing: the matcher's arrays are views
 * over the buffer, and an entity's id is decoded only when a match names
 * it. Before this, the ids were one JSON text, and parsing it into 100,000
 * strings and objects took a tenth of the reload.
 *
 * Why a Blob: IndexedDB hands back a stored ArrayBuffer as a structured
 * clone, which both browsers make at about a third of the speed of reading
 * the same bytes from a stored Blob (14 MB: 200 against 80 ms in Chromium,
 * 500 against 300 in Firefox, on the project's loaded 2-core machine).
 * `npm run bench -- --reload` times the reload beside both.
 *
 * The record read back is untrusted (corrupt, cut short, its file gone, or
 * an older build's): `fromStored` checks the header, every section's
 * bounds, the strings' offsets and the automaton (matcher-check.ts), and
 * answers null, never throws, so the background compiles again.
 */
import type { CompiledDictionary } from './dictionary';
import { KINDS } from './entity';
import type { CompiledMatcher } from './matcher';
import { matcherProblem } from './matcher-check';
import { encodeStrings, StoredEntities, StringColumn, stringEndsHold } from './stored-strings';

export interface StoredDictionary {
  /** The shape of this record: another one (an older build's) is compiled again. */
  shape: typeof STORED_SHAPE;
  /** The dictionary version it was compiled from. */
  version: number;
  /** The buffer (`packDictionary`). */
  bytes: Blob;
}

/**
 * Raised when the stored shape changes (2: rows per node up to its last
 * label; 3: entities left out; 4: one buffer, in a Blob).
 */
export const STORED_SHAPE = 4;

/** The sections of the buffer, in order: the matcher's typed arrays, then the entities and strings. */
const SECTIONS = {
  edgeStart: Int32Array,
  edgeLabel: Uint16Array,
  edgeTarget: Int32Array,
  alphabet: Uint16Array,
  rootRow: Int32Array,
  denseAt: Int32Array,
  denseLast: Uint16Array,
  dense: Int32Array,
  fail: Int32Array,
  dictLink: Int32Array,
  report: Int32Array,
  outStart: Int32Array,
  outPattern: Int32Array,
  patternEntity: Int32Array,
  patternLength: Int32Array,
  /** The case-sensitive patterns, ascending; their exact texts are the last strings. */
  exactPatterns: Int32Array,
  /** Where each string ends in `strings`, in bytes: the entities' ids, the ids left out, the exact texts. */
  stringEnds: Int32Array,
  /** Each entity's kind, as its index in KINDS. */
  entityKinds: Uint8Array,
  strings: Uint8Array,
};
type SectionName = keyof typeof SECTIONS;
type Sections = {
  [K in SectionName]: (typeof SECTIONS)[K] extends Int32ArrayConstructor
    ? Int32Array
    : (typeof SECTIONS)[K] extends Uint16ArrayConstructor
      ? Uint16Array
      : Uint8Array;
};
type MatcherArrays = Omit<Sections, 'exactPatterns' | 'stringEnds' | 'entityKinds' | 'strings'>;
const NAMES = Object.keys(SECTIONS) as SectionName[];

/** "BSD4": a buffer that does not start so is not one of ours. */
const MAGIC = 0x34445342;
/** Header words: magic, leftOutFrom, whether the strings are UTF-16, section count, then offset and length of each. */
const HEADER_WORDS = 4 + 2 * NAMES.length;
const HEADER_BYTES = HEADER_WORDS * 4;

const align4 = (n: number) => (n + 3) & ~3;

export function toStored(compiled: CompiledDictionary): StoredDictionary {
  const bytes = new Blob([packDictionary(compiled)]);
  return { shape: STORED_SHAPE, version: compiled.version, bytes };
}

/**
 * The compiled dictionary from a value read back from the cache, or null
 * when it is not a sound stored dictionary of this shape (then it is
 * compiled again). Never rejects, whatever `value` is.
 */
export async function fromStored(value: unknown): Promise<CompiledDictionary | null> {
  const bytes = await storedBytes(value);
  return bytes && unpackDictionary(bytes, (value as StoredDictionary).version);
}

/** The buffer of a record of this shape, or null when it is none or its Blob cannot be read. */
export async function storedBytes(value: unknown): Promise<ArrayBuffer | null> {
  if (typeof value !== 'object' || value === null) return null;
  const { shape, version, bytes } = value as Partial<StoredDictionary>;
  if (shape !== STORED_SHAPE || !Number.isSafeInteger(version) || !(bytes instanceof Blob)) {
    return null;
  }
  try {
    return await bytes.arrayBuffer();
  } catch {
    // The Blob's file is gone or unreadable: compiled again, like any unsound record.
    return null;
  }
}

/** The dictionary in one buffer: a header, then each section, aligned to 4 bytes. */
export function packDictionary({
  matcher,
  entities,
  leftOut,
}: Omit<CompiledDictionary, 'version'>): ArrayBuffer {
  const exact: number[] = [];
  matcher.patternExact.forEach((text, p) => {
    if (text) exact.push(p);
  });
  const texts: string[] = [];
  const entityKinds = new Uint8Array(entities.length);
  for (let i = 0; i < entities.length; i++) {
    const e = entities.at(i)!;
    texts.push(e.id);
    entityKinds[i] = KINDS.indexOf(e.kind);
  }
  for (const id of leftOut) texts.push(id);
  for (const p of exact) texts.push(matcher.patternExact[p]!);
  const { strings, stringEnds, utf16 } = encodeStrings(texts);
  const sections: Sections = {
    ...pick(matcher),
    exactPatterns: Int32Array.from(exact),
    stringEnds,
    entityKinds,
    strings,
  };

  const offsets: number[] = [];
  let at = HEADER_BYTES;
  for (const name of NAMES) {
    at = align4(at);
    offsets.push(at);
    at += sections[name].byteLength;
  }
  // Not padded at the end: a buffer cut short loses some of its last section.
  const bytes = new ArrayBuffer(at);
  const head = new Int32Array(bytes, 0, HEADER_WORDS);
  head.set([MAGIC, matcher.leftOutFrom, utf16 ? 1 : 0, NAMES.length]);
  NAMES.forEach((name, i) => {
    const view = sections[name];
    head[4 + 2 * i] = offsets[i]!;
    head[5 + 2 * i] = view.length;
    new Uint8Array(bytes, offsets[i], view.byteLength).set(
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
    );
  });
  return bytes;
}

/** The matcher's typed arrays (the sections it shares with the buffer). */
function pick(m: MatcherArrays): MatcherArrays {
  const { edgeStart, edgeLabel, edgeTarget, alphabet, rootRow, denseAt, denseLast, dense } = m;
  const { fail, dictLink, report, outStart, outPattern, patternEntity, patternLength } = m;
  return {
    edgeStart,
    edgeLabel,
    edgeTarget,
    alphabet,
    rootRow,
    denseAt,
    denseLast,
    dense,
    fail,
    dictLink,
    report,
    outStart,
    outPattern,
    patternEntity,
    patternLength,
  };
}

/**
 * The compiled dictionary of `version` from a buffer `packDictionary` made,
 * or null when the buffer is not a sound one. Never throws, whatever the bytes.
 */
export function unpackDictionary(bytes: ArrayBuffer, version: number): CompiledDictionary | null {
  if (bytes.byteLength < HEADER_BYTES) return null;
  const head = new Int32Array(bytes, 0, HEADER_WORDS);
  const [magic, leftOutFrom, utf16, count] = head;
  if (magic !== MAGIC || count !== NAMES.length || (utf16 !== 0 && utf16 !== 1)) return null;
  const s = sectionsOf(bytes, head);
  if (!s) return null;

  const n = s.entityKinds.length;
  const x = s.exactPatterns.length;
  const k = s.stringEnds.length - n - x;
  if (k < 0 || (leftOutFrom === -1 ? k !== 0 : leftOutFrom !== n || k === 0)) return null;
  if (!stringEndsHold(s.stringEnds, s.strings.length, utf16 === 1)) return null;
  for (let i = 0; i < n; i++) if (s.entityKinds[i]! >= KINDS.length) return null;
  const strings = new StringColumn(s.strings, s.stringEnds, utf16 === 1);

  const patterns = s.patternLength.length;
  const patternExact = new Array<string>(patterns).fill('');
  let last = -1;
  for (let j = 0; j < x; j++) {
    const p = s.exactPatterns[j]!;
    if (!(p > last && p < patterns)) return null;
    last = p;
    const text = strings.get(n + k + j);
    if (!text) return null;
    patternExact[p] = text;
  }
  const matcher: CompiledMatcher = {
    ...pick(s),
    alphabetSize: s.rootRow.length - 1,
    patternExact,
    leftOutFrom: leftOutFrom!,
  };
  if (matcherProblem(matcher, n) !== null) return null;
  return {
    version,
    matcher,
    entities: new StoredEntities(s.entityKinds, strings),
    leftOut: Array.from({ length: k }, (_, i) => strings.get(n + i)),
  };
}

/** A view of one section of a stored buffer, unchecked (tests spoil one to see it refused). */
export function storedSection<K extends SectionName>(bytes: ArrayBuffer, name: K): Sections[K] {
  const i = NAMES.indexOf(name);
  const head = new Int32Array(bytes, 0, HEADER_WORDS);
  return new SECTIONS[name](bytes, head[4 + 2 * i], head[5 + 2 * i]) as Sections[K];
}

/** Views over each section, if every one lies in the buffer, aligned, after the one before. */
function sectionsOf(bytes: ArrayBuffer, head: Int32Array): Sections | null {
  const out: Partial<Record<SectionName, unknown>> = {};
  let end = HEADER_BYTES;
  for (const [i, name] of NAMES.entries()) {
    const View = SECTIONS[name];
    const offset = head[4 + 2 * i]!;
    const length = head[5 + 2 * i]!;
    if (offset % 4 !== 0 || offset < end || length < 0) return null;
    end = offset + length * View.BYTES_PER_ELEMENT;
    if (end > bytes.byteLength) return null;
    out[name] = new View(bytes, offset, length);
  }
  return out as Sections;
}
