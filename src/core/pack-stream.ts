/**
 * Reads a pack file a slice at a time, as the import channel receives it,
 * so a file of any size is never one string: joining 230 million characters
 * and parsing them in one go held Firefox's extension process for over 30
 * seconds, after which Firefox stopped the background (an event page idle
 * that long is stopped) and the import was lost. Each slice is read when it
 * arrives, in its own task.
 *
 * How: a scanner follows the text's strings, escapes and brackets without
 * making any value, finds the top object's `entities` list, and cuts it
 * between elements. The whole elements of each slice go to `JSON.parse` as
 * one list; the rest of the document, with the list left empty, is parsed at
 * the end and the list put back. The pieces hold exactly the file's text, so
 * the document is the one `JSON.parse` makes of the whole file, and a file
 * it refuses is refused (pack-stream.test.ts holds the two equal). The
 * engine's own parser is what makes this fast: a parser written in
 * JavaScript (@streamparser/json, before) took about 4 times as long as
 * `JSON.parse` on the same 40 MB, and reading went through UTF-8, which
 * needed mending for U+FEFF and lone surrogates (`npm run bench -- --import`).
 *
 * Most slices are not scanned at all (`skim`): once the list's first
 * elements are read, a slice is cut where one element ends and the next
 * begins as the first one did (`},{"name":`), and `JSON.parse` of the
 * elements up to there says whether that place was one: a parse that
 * succeeds from a place between elements can only end between elements.
 * The scan's loop, cold in the worker at each import, cost a first import
 * about 250 ms of 40 MB (50 to 100 ms warm); `lastIndexOf` has no loop
 * of ours to warm.
 */
import { checkPack, EntryChecker, notJson, type PackParseResult } from './pack';

/**
 * The most text a file may hold outside its entities list. A pack's own
 * fields are short (LIMITS): past this it is not a pack, and the rest of the
 * document would be one `JSON.parse` of any size, in one task.
 */
export const MAX_HEADER_CHARS = 16_000_000;
/**
 * The most text one element of the entities list may hold. An entry the
 * limits allow (LIMITS: a note of 100,000 characters, its fields and
 * sources) is under a megabyte even with every character escaped; one
 * element of any size would be joined and parsed in one task.
 */
export const MAX_ENTRY_CHARS = 4_000_000;
/** "entities" written with every letter escaped, and its quotes: no longer key can be it. */
const MAX_KEY_CHARS = 8 * 6 + 2;

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Whether `text` is all JSON whitespace; a loop, as a regular expression anchored at both ends reads a megabyte whatever its first character. */
function blank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A first element that is an object whose first key is plain text, up to that key's colon. */
const OPENER = /^\[([ \t\n\r]*\{[ \t\n\r]*"[^"\\]{1,64}"[ \t\n\r]*:)/;

/** What stands between two elements of a list that begins as `text` does (see `between`). */
function betweenOf(text: string): string | null {
  const opener = OPENER.exec(text.slice(0, 100));
  return opener ? `},${opener[1]}` : null;
}

export class PackStream {
  /** Open brackets, outside strings. The top value is at depth 1; the list's elements at 2. */
  private depth = 0;
  private inString = false;
  /** A backslash in a string ended the last slice: the next slice's first character is escaped. */
  private escapeNext = false;
  private topIsObject = false;
  /** At depth 1 of the top object, whether the next string is a key. */
  private expectKey = false;
  /** The depth-1 key being read, in pieces of raw text; null when not reading one, or too long. */
  private key: string[] | null = null;
  private keyChars = 0;
  /** The key just read was "entities": its value is the list, if a `[` follows the colon. */
  private entitiesKey = false;
  private afterColon = false;
  private inList = false;
  /** The list's text since the last cut, from slices before this one, and its length. */
  private batch: string[] = [];
  private batchChars = 0;
  /** Whether the list's text read so far ended at a comma between elements. */
  private cutBefore = false;
  /**
   * Where one element ends and the next begins, as the list's first element
   * began: `},` and the text up to its first key's colon (`},{"name":`).
   * Its key's quote never stands unescaped in a string, so the text is found
   * only between values: between elements, or inside one (a list of objects
   * with the same first key), which the parse tells apart. Null until the
   * first elements are read, or for a list whose first element is not an
   * object with a plain key, or after a skim the parse refused.
   */
  private between: string | null = null;
  /** How many slices were skimmed, for the tests. */
  skimmed = 0;
  /**
   * The list being read, and the last one whole whose key no later "entities"
   * replaced; each with its entries checked as they arrive, so that the end
   * has only the rest of the document to check.
   */
  private list: unknown[] = [];
  private checker = new EntryChecker();
  private entities: { list: unknown[]; checker: EntryChecker } | null = null;
  /** Everything outside the lists, each list written as `[]`. */
  private header: string[] = [];
  private headerChars = 0;
  private refusal: PackParseResult | null = null;
  /** The whole document, once end() has read it, and its entities' check. */
  private read: unknown;
  private checked: EntryChecker | undefined;

  /** The next piece of the file's text. */
  write(text: string): void {
    if (this.refusal || text.length === 0) return;
    const slice = this.inList && this.between ? this.skim(text) : text;
    const n = slice.length;
    /** Where this slice's text not yet given to the header or the list starts. */
    let from = 0;
    /** The last comma between the list's elements in this slice, or -1. */
    let cut = -1;
    let keyFrom = 0;
    let i = 0;
    if (this.escapeNext) {
      this.escapeNext = false;
      i = 1;
    }
    /** The next backslash at or after `i` (n when none): strings are searched with indexOf. */
    let backslash = -1;
    while (i < n) {
      if (this.inString) {
        // Most of a pack is strings: the engine's indexOf finds their ends far quicker than a loop.
        if (backslash < i) {
          backslash = slice.indexOf('\\', i);
          if (backslash < 0) backslash = n;
        }
        const quote = slice.indexOf('"', i);
        if (backslash < n && (quote < 0 || backslash < quote)) {
          if (backslash + 1 === n) this.escapeNext = true;
          i = backslash + 2;
          continue;
        }
        if (quote < 0) break;
        this.inString = false;
        if (this.key) this.endKey(slice.slice(keyFrom, quote + 1));
        i = quote + 1;
        continue;
      }
      const c = slice.charCodeAt(i);
      if (this.afterColon) {
        if (isSpace(c)) {
          i++;
          continue;
        }
        this.afterColon = false;
        if (c === OPEN_BRACKET) {
          this.toHeader(`${slice.slice(from, i)}[]`);
          if (this.refusal) return;
          this.depth++;
          this.inList = true;
          this.list = [];
          this.checker = new EntryChecker();
          this.batch = [];
          this.batchChars = 0;
          this.cutBefore = false;
          cut = -1;
          from = ++i;
          continue;
        }
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.expectKey) {
            this.key = [];
            this.keyChars = 0;
            keyFrom = i;
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.depth === 0) this.topIsObject = c === OPEN_BRACE;
          this.depth++;
          if (this.depth === 1) this.expectKey = this.topIsObject;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (this.inList && this.depth === 2) {
            if (c === CLOSE_BRACE) return this.refuse(`Unexpected "}" closing the entities list`);
            if (!this.endBatch(slice.slice(from, i), true)) return;
            this.inList = false;
            this.entities = { list: this.list, checker: this.checker };
            from = i + 1;
          }
          if (--this.depth < 0) return this.refuse(`Unexpected "${slice[i]}" at the top`);
          break;
        case COMMA:
          if (this.inList && this.depth === 2) cut = i;
          else if (this.depth === 1) this.expectKey = this.topIsObject;
          break;
        case COLON:
          if (this.depth === 1 && !this.inList) {
            this.expectKey = false;
            this.afterColon = this.entitiesKey;
            this.entitiesKey = false;
          }
          break;
      }
      i++;
    }
    if (this.inString && this.key) this.keyPiece(slice.slice(keyFrom));
    if (!this.inList) {
      this.toHeader(slice.slice(from));
      return;
    }
    if (cut >= from) {
      if (!this.endBatch(slice.slice(from, cut), false)) return;
      from = cut + 1;
    }
    this.batch.push(slice.slice(from));
    this.batchChars += n - from;
    if (this.batchChars > MAX_ENTRY_CHARS) this.tooLarge(MAX_ENTRY_CHARS);
  }

  /**
   * The whole elements of the list up to the last place in `slice` where
   * one ends and the next begins (`between`), parsed without scanning, and
   * the scan's state set to that place; the rest of the slice, which is
   * scanned. The whole slice when there is no such place, or when the parse
   * refuses it: the scan then reads it, and no slice is ever parsed twice
   * but the one that turned the skim off.
   */
  private skim(slice: string): string {
    const at = slice.lastIndexOf(this.between!);
    if (at < 0) return slice;
    let values: unknown[];
    try {
      values = JSON.parse(['[', ...this.batch, slice.slice(0, at + 1), ']'].join('')) as unknown[];
    } catch {
      // Inside an element, or past the list, or not JSON: the scan reads it, and says why.
      this.between = null;
      return slice;
    }
    this.skimmed++;
    this.add(values);
    this.batch = [];
    this.batchChars = 0;
    this.cutBefore = true;
    this.depth = 2;
    this.inString = false;
    this.escapeNext = false;
    return slice.slice(at + 2);
  }

  private add(values: unknown[]): void {
    for (const value of values) {
      this.list.push(value);
      this.checker.add(value);
    }
  }

  private keyPiece(text: string): void {
    this.keyChars += text.length;
    if (this.keyChars > MAX_KEY_CHARS) this.key = null;
    else this.key!.push(text);
  }

  private endKey(last: string): void {
    this.keyPiece(last);
    const raw = this.key?.join('');
    this.key = null;
    this.expectKey = false;
    let name: unknown;
    try {
      name = raw === undefined ? undefined : JSON.parse(raw);
    } catch {
      // Not a string JSON reads: the document is refused at the end.
    }
    this.entitiesKey = name === 'entities';
    // The last "entities" wins, as in JSON.parse: an earlier list is no longer the document's.
    if (this.entitiesKey) this.entities = null;
  }

  /**
   * The list's text up to a comma between elements (`last` false) or to its
   * end: its elements parsed and added. Between two such commas there must
   * be a value, and after the last comma too, as JSON has it.
   */
  private endBatch(tail: string, last: boolean): boolean {
    const pieces = this.batch;
    pieces.push(tail);
    this.batch = [];
    this.batchChars = 0;
    const cutBefore = this.cutBefore;
    this.cutBefore = !last;
    // Checked piece by piece: joined first, the text would be copied once more.
    if (pieces.every(blank)) {
      if (!last || cutBefore) {
        this.refuse('A comma in the entities list stands where a value should');
        return false;
      }
      return true;
    }
    let values: unknown[];
    // One join makes one flat string, which JSON.parse reads without copying it again.
    const text = ['[', ...pieces, ']'].join('');
    try {
      values = JSON.parse(text) as unknown[];
    } catch (error) {
      this.refuse(`in the entities list, ${(error as Error).message}`);
      return false;
    }
    if (this.list.length === 0 && !last) this.between = betweenOf(text);
    this.add(values);
    return true;
  }

  private toHeader(text: string): void {
    this.headerChars += text.length;
    if (this.headerChars > MAX_HEADER_CHARS) this.tooLarge(MAX_HEADER_CHARS);
    else if (text) this.header.push(text);
  }

  /** A part of the file (its header, or one entry) larger than any pack's: nothing is read. */
  private tooLarge(limit: number): void {
    const max = limit.toLocaleString('en');
    this.stop({
      ok: false,
      issues: [
        {
          message: `One part of this file holds more than ${max} characters.`,
          code: 'partTooLarge',
          params: [max],
        },
      ],
      valid: [],
    });
  }

  private refuse(reason: string): void {
    this.stop(notJson(reason));
  }

  /** The first refusal stands; what was read is let go. */
  private stop(refusal: PackParseResult): void {
    this.refusal ??= refusal;
    this.header = [];
    this.batch = [];
    this.batchChars = 0;
    this.list = [];
    this.checker = new EntryChecker();
    this.entities = null;
  }

  /** The file as a pack, once all its text was written. */
  end(): PackParseResult {
    if (this.refusal) return this.refusal;
    const text = this.header.join('');
    if (blank(text) && !this.inList) return notJson('the file is empty');
    if (this.read === undefined) {
      // A file cut inside the list leaves the header cut too, which JSON.parse refuses.
      try {
        this.read = JSON.parse(text);
      } catch (error) {
        return notJson((error as Error).message);
      }
      this.header = [];
      if (this.entities && this.topIsObject) {
        (this.read as { entities: unknown[] }).entities = this.entities.list;
        this.checked = this.entities.checker;
      }
      this.entities = null;
    }
    return checkPack(this.read, this.checked);
  }

  /**
   * The file's `entities` list as JSON.parse would give it, before any
   * check: a pack's `sha256` field is the hash of exactly this
   * (entitiesSha256 in pack-hash.ts). Undefined before end(), and for a
   * file that is not JSON or has no such list.
   */
  rawEntities(): unknown[] | undefined {
    const doc = this.read;
    if (typeof doc !== 'object' || doc === null || !Object.hasOwn(doc, 'entities')) return;
    const { entities } = doc as { entities: unknown };
    return Array.isArray(entities) ? (entities as unknown[]) : undefined;
  }
}
