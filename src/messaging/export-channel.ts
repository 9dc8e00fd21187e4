/**
 * The export channel: the background writes an export (a backup, a pack of
 * the matching notes, or CSV) a page of notes at a time and sends each
 * piece over one `runtime.Port` to the manager, which keeps the pieces and
 * saves them as one file. A port rather than one message: Chrome refuses a
 * message over 64 MiB ("Message exceeded maximum allowed size of 64MiB";
 * see https://github.com/FooSoft/yomichan/issues/586), which 100,000 notes of
 * ordinary length pass, and one message could show no progress or be
 * cancelled.
 *
 * The manager asks for each piece after the last one arrived, so pieces
 * never pile up in either end; it may cancel at any time, and tells the
 * background when the file was handed to the browser (only then does a
 * backup count as the last export).
 */
import * as v from 'valibot';
import { QuerySchema } from './protocol';

export const EXPORT_PORT = 'backstory-export';

/** Notes read from the database at a time. */
export const EXPORT_PAGE = 500;

/**
 * A piece holds at most this many characters (the last, up to the file's
 * end). The manager reads each message in one task, before any of its code
 * runs: a piece of a million characters took 45 to 200 ms there on a loaded
 * 2-core machine, one of 100,000 a few ms.
 */
export const EXPORT_PIECE_CHARS = 100_000;

export const EXPORT_FORMATS = ['pack', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the manager may send; the background validates every message against it. */
export const ExportUpSchema = v.variant('kind', [
  v.object({
    kind: v.literal('start'),
    format: v.picklist(EXPORT_FORMATS),
    /** Only the notes this query matches; without one, the whole collection (a backup, as a pack). */
    query: v.optional(QuerySchema),
  }),
  /** The last piece arrived: send the next. */
  v.object({ kind: v.literal('next') }),
  /** The whole file was handed to the browser's download. */
  v.object({ kind: v.literal('saved') }),
  v.object({ kind: v.literal('cancel') }),
]);
export type ExportUp = v.InferInput<typeof ExportUpSchema>;

export type ExportDown =
  /**
   * The next piece of the file; `done` of `total` notes written so far. The
   * manager asks for the next one unless this is the last (`end` follows it).
   */
  | { kind: 'piece'; text: string; done: number; total: number; last: boolean }
  /** The file is complete: `count` notes in `chars` characters (the pieces' lengths added up). */
  | { kind: 'end'; count: number; chars: number }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };
