/**
 * Reads a pack file a slice at a time, as the import channel receives it,
 * so a file of any size is never one string: joining 230 million characters
 * and parsing them in one go held Firefox's extension process for over 30
 * seconds, after which Firefox stopped the background (an event page idle
 * that long is stopped) and the import was lost. Each slice is parsed when
 * it arrives, in its own task; the result is the document JSON.parse would
 * give (checked against it in pack-stream.test.ts), then checked as any pack.
 *
 * The parser is @streamparser/json (https://github.com/juanjoDiaz/streamparser-json),
 * iterative, so a hostile nesting depth cannot overflow the stack here. It
 * reads text through UTF-8 bytes, which loses two things JSON.parse keeps:
 * a U+FEFF at the start of a string (its decoder takes it for a byte order
 * mark) and lone surrogates (encoded as U+FFFD). Both are written to it as
 * `\uXXXX` escapes instead, which mean the same inside a string and are as
 * invalid as the character itself outside one. Found by the fuzz tests.
 */
import { JSONParser } from '@streamparser/json';
import { checkPack, notJson, type PackParseResult } from './pack';

/** Half of a surrogate pair without its other half; a U+FEFF, or the mark that guards one. */
const LOST_IN_UTF8 =
  /[\uFEFF\uFDD0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const GUARD = '\uFDD0';
const GUARDED = /\uFDD0([\uFDD0\uFEFF])/g;

const escapeOf = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `value` with the guards written before U+FEFF and U+FDD0 taken out again, keys too. */
function mended(value: unknown): unknown {
  const fix = (text: string) => (text.includes(GUARD) ? text.replace(GUARDED, '$1') : text);
  if (typeof value === 'string') return fix(value);
  // Iterative: a hostile file may nest deeper than the stack goes.
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    /*
     * A key taken out and put back goes last, so when one is mended all are
     * put back in turn: the keys keep the file's order, as JSON.parse makes
     * it, and JSON.stringify writes them in that order (a pack's sha256 is
     * of that text: pack-hash.ts).
     */
    const renamed = keys.some((key) => fix(key) !== key);
    for (const key of keys) {
      const child = record[key];
      const fixedKey = fix(key);
      if (renamed) {
        delete record[key];
        // defineProperty: a key "__proto__" stays a key, as JSON.parse makes it.
        Object.defineProperty(record, fixedKey, {
          value: child,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      if (typeof child === 'string') {
        const fixed = fix(child);
        if (fixed !== child) Object.defineProperty(record, fixedKey, { value: fixed });
      } else stack.push(child);
    }
  }
  return value;
}

export class PackStream {
  private readonly parser = new JSONParser({ paths: ['$'], keepStack: false });
  private doc: unknown;
  private done = false;
  private error: string | null = null;
  /** A high surrogate that ended the last slice: its low half may start the next. */
  private held = '';
  /** Backslashes that ended the last slice: an odd run escapes the next character. */
  private backslashes = 0;
  /** Whether any guard was written, so the document needs mending. */
  private guarded = false;
  /** The whole document, mended, once end() has read it as JSON. */
  private read: unknown;

  constructor() {
    this.parser.onValue = ({ value }) => {
      this.doc = value;
      this.done = true;
    };
    this.parser.onError = (error) => {
      this.error ??= error.message;
    };
  }

  /** The next piece of the file's text. */
  write(slice: string): void {
    if (this.error !== null || slice.length === 0) return;
    let text = this.held + slice;
    this.held = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.held = text[text.length - 1]!;
      text = text.slice(0, -1);
    }
    this.feed(this.escaped(text));
  }

  /** `text` with every character the parser would lose written as its escape. */
  private escaped(text: string): string {
    const carried = this.backslashes;
    let run = 0;
    while (run < text.length && text[text.length - 1 - run] === '\\') run++;
    this.backslashes = run === text.length ? carried + run : run;
    return text.replace(LOST_IN_UTF8, (c, at: number) => {
      if (c === '\uFEFF' || c === GUARD) {
        this.guarded = true;
        return GUARD + c;
      }
      let before = 0;
      while (before < at && text[at - 1 - before] === '\\') before++;
      if (before === at) before += carried;
      // After an escaping backslash the character is a bad escape: JSON.parse refuses it.
      if (before % 2 === 1) this.error ??= `Bad escaped character at position ${at}`;
      return escapeOf(c);
    });
  }

  private feed(text: string): void {
    if (this.error !== null || text.length === 0) return;
    try {
      this.parser.write(text);
    } catch (error) {
      this.error ??= (error as Error).message;
    }
  }

  /** The file as a pack, once all its text was written. */
  end(): PackParseResult {
    if (this.held) {
      this.feed(this.escaped(this.held));
      this.held = '';
    }
    if (this.error === null && !this.parser.isEnded) {
      try {
        this.parser.end();
      } catch (error) {
        this.error ??= (error as Error).message;
      }
    }
    if (this.error !== null) return notJson(this.error);
    if (!this.done) return notJson('the file is empty');
    this.read ??= this.guarded ? mended(this.doc) : this.doc;
    return checkPack(this.read);
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
