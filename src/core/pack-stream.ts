/**
 * Reads a pack file a slice at a time, as the import channel receives it,
 * so a file of any size is never one string: joining 230 million characters
 * and parsing them in one go held Firefox's extension process for over 30
 * seconds, after which Firefox stopped the background (an event page idle
 * that long is stopped) and the import was lost. Each slice is parsed when
 * it arrives, in its own task; the result is the document JSON.parse would
 * give (checked with it in pack-stream.test.ts), then checked as any pack.
 *
 * The parser is @streamparser/json (https://github.com/juanjoDiaz/streamparser-json),
 * iterative, so a hostile nesting depth cannot overflow the stack here.
 */
import { JSONParser } from '@streamparser/json';
import { checkPack, notJson, type PackParseResult } from './pack';

export class PackStream {
  private readonly parser = new JSONParser({ paths: ['$'], keepStack: false });
  private doc: unknown;
  private done = false;
  private error: string | null = null;

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
  write(text: string): void {
    if (this.error !== null || text.length === 0) return;
    try {
      this.parser.write(text);
    } catch (error) {
      this.error ??= (error as Error).message;
    }
  }

  /** The file as a pack, once all its text was written. */
  end(): PackParseResult {
    if (this.error === null && !this.parser.isEnded) {
      try {
        this.parser.end();
      } catch (error) {
        this.error ??= (error as Error).message;
      }
    }
    if (this.error !== null) return notJson(this.error);
    if (!this.done) return notJson('the file is empty');
    return checkPack(this.doc);
  }
}
