/**
 * The strings of a stored dictionary (stored-dictionary.ts): the entities'
 * ids, the ids left out and the exact texts, as one run of UTF-8 and the
 * end of each, decoded one at a time when asked for; and the entities as
 * columns (their kinds, and those ids), an entity made only when asked for.
 */
import { KINDS } from './entity';
import type { EntityList, MatchableEntity } from './page-match';

/**
 * The strings as UTF-8, each one's end in bytes; as UTF-16 code units when
 * one of them holds a lone surrogate, which UTF-8 cannot carry (an id may).
 */
export function encodeStrings(texts: string[]): {
  strings: Uint8Array;
  stringEnds: Int32Array;
  utf16: boolean;
} {
  const stringEnds = new Int32Array(texts.length);
  let units = 0;
  for (const t of texts) units += t.length;
  if (texts.every((t) => t.isWellFormed())) {
    // At most 3 bytes per UTF-16 unit.
    const out = new Uint8Array(units * 3);
    const encoder = new TextEncoder();
    let at = 0;
    texts.forEach((t, i) => {
      at += encoder.encodeInto(t, out.subarray(at)).written;
      stringEnds[i] = at;
    });
    return { strings: out.subarray(0, at), stringEnds, utf16: false };
  }
  const out = new Uint16Array(units);
  let at = 0;
  texts.forEach((t, i) => {
    for (let k = 0; k < t.length; k++) out[at++] = t.charCodeAt(k);
    stringEnds[i] = at * 2;
  });
  return { strings: new Uint8Array(out.buffer), stringEnds, utf16: true };
}

/** ignoreBOM: an id may begin with U+FEFF, which must not be taken for a byte order mark. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The stored strings, each decoded when asked for. */
export class StringColumn {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly ends: Int32Array,
    private readonly utf16: boolean,
  ) {}

  get(i: number): string {
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    if (!this.utf16) return utf8.decode(this.bytes.subarray(start, end));
    const units = new Uint16Array(
      this.bytes.buffer,
      this.bytes.byteOffset + start,
      (end - start) / 2,
    );
    let out = '';
    // In pieces: a call's arguments are limited.
    for (let k = 0; k < units.length; k += 8192) {
      out += String.fromCharCode(...units.subarray(k, k + 8192));
    }
    return out;
  }
}

/** A stored dictionary's entities as columns: an entity is made when asked for (a match names it). */
export class StoredEntities implements EntityList {
  constructor(
    private readonly kinds: Uint8Array,
    private readonly ids: StringColumn,
  ) {}

  get length(): number {
    return this.kinds.length;
  }

  at(index: number): MatchableEntity | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.kinds.length) return undefined;
    return { id: this.ids.get(index), kind: KINDS[this.kinds[index]!]! };
  }

  *[Symbol.iterator](): Iterator<MatchableEntity> {
    for (let i = 0; i < this.kinds.length; i++) yield this.at(i)!;
  }
}

/** String ends: from 0, never back, within the bytes; whole code units for UTF-16. */
export function stringEndsHold(ends: Int32Array, bytes: number, utf16: boolean): boolean {
  let before = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    if (end < before || end > bytes || (utf16 && end % 2 !== 0)) return false;
    before = end;
  }
  return true;
}
