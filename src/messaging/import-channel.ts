/**
 * The import channel: a pack file goes from the manager to the background
 * over one `runtime.Port`, and progress comes back over the same port. The
 * file goes as a File, which the background reads itself; where messages
 * are JSON (Chrome before 148), its text goes in slices. Posting 40 MB of
 * text from the manager took 3.4 s of its main thread, in 41 tasks, and
 * more than half of the preview's time (`npm run bench -- --import`);
 * posting the File takes a handle's worth.
 *
 * After the last slice the background answers with a preview (what is new,
 * changed, unchanged, in conflict, and what is invalid) and waits: the
 * manager accepts (saying which conflicts take the file's version) or
 * cancels. Closing the manager before accepting writes nothing.
 */
import type { PlanCounts } from '../core/import-plan';
import type { Entity } from '../core/entity';
import type { FileEncoding } from '../core/encoding';
import type { PackIssue } from '../core/pack';

export const IMPORT_PORT = 'backstory-import';

/** Text slice size: small enough that posting one never blocks the page for long. */
export const IMPORT_SLICE_CHARS = 1_000_000;

/**
 * Slices sent before the background has said it received the first: the
 * manager reads and posts the next while the background parses one, instead
 * of each side waiting for the other (41 slices of a 40 MB file, one at a
 * time, spent more than half of the preview's time between the two). The
 * background holds at most this many slices' text it has not yet read.
 */
export const IMPORT_SLICES_IN_FLIGHT = 3;

/**
 * Larger files are refused before anything more is read into the background.
 * A backup of 100,000 notes of 2,000 characters is about 240 million; the
 * file is parsed as one string, and V8 (Chrome) allows at most 2^29 - 24
 * characters in one (https://v8.dev/blog/v8-release-62: "~512 MiB"), so the
 * limit stays under that with room for the slices' join.
 */
export const MAX_PACK_CHARS = 500_000_000;

export const IMPORT_FORMATS = ['pack', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportUp =
  /**
   * The file itself, which the background reads: a File is a Blob, which
   * structured clone carries (Firefox always; Chrome from 148, with the
   * manifest's `message_serialization`) as a handle, without its bytes. An
   * older Chrome sends it as JSON, `{}`: the background answers `sendText`
   * and the slices follow.
   */
  | { kind: 'file'; file: Blob; format: ImportFormat; name: string; encoding: FileEncoding }
  /**
   * The next piece of the file's text. Every slice names the file's format:
   * a pack is parsed as its slices arrive (core/pack-stream.ts), never joined.
   */
  | { kind: 'slice'; text: string; format: ImportFormat }
  /**
   * The whole file was sent; `chars` lets the background check nothing was
   * lost. `name` (the file's) names the origin of a file without a title.
   */
  | { kind: 'end'; chars: number; format: ImportFormat; name: string }
  /**
   * Write the valid part. For the conflicts the preview found, `all` says
   * whose version wins and `except` lists the conflicts (by stored id)
   * decided the other way. A conflict that arose after the preview keeps
   * the reader's version.
   */
  | { kind: 'accept'; all: 'mine' | 'theirs'; except: string[] }
  | { kind: 'cancel' }
  /**
   * Instead of a file's slices: fetch the pack at `url` and preview it as a
   * subscription (core/subscription.ts). The manager asked the reader for
   * the origin's permission first; the accept subscribes and imports at once.
   */
  | { kind: 'subscribe'; url: string }
  /** Sent while the reader studies the preview: Chrome stops an idle worker after 30 s. */
  | { kind: 'ping' };

/** One conflict as the preview shows it: the reader's version beside the file's. */
export interface ConflictView {
  id: string;
  mine: Pick<Entity, 'name' | 'kind' | 'aliases' | 'tags' | 'note' | 'updatedAt' | 'origin'>;
  theirs: Pick<Entity, 'name' | 'kind' | 'aliases' | 'tags' | 'note'>;
}

/** `reading`: the background reads the file (`done` and `total` in bytes). */
export type ImportPhase = 'fetching' | 'reading' | 'checking' | 'writing';

/** What the subscribe preview says of the pack besides its notes. */
export interface FeedView {
  url: string;
  title: string;
  description: string;
  homepage?: string;
  license?: string;
  revision?: string;
  entries: number;
}

export type ImportDown =
  /** A slice arrived; the client sends one more then, so slices never pile up. */
  | { kind: 'received'; chars: number }
  /** The file came without its contents (JSON serialization): send its text in slices. */
  | { kind: 'sendText' }
  | { kind: 'progress'; phase: ImportPhase; done: number; total: number }
  /** Nothing in the file can be imported. */
  | { kind: 'invalid'; format: ImportFormat; issues: PackIssue[]; total: number }
  | {
      kind: 'preview';
      format: ImportFormat;
      /** What the imported entities' origin will be (the file's title, or its name). */
      origin: string;
      counts: PlanCounts;
      conflicts: ConflictView[];
      /** Problems in single entries: those entries are left out. */
      issues: PackIssue[];
      issueTotal: number;
      /** A subscription's pack: where it comes from, its licence and size. */
      feed?: FeedView;
    }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'done'; added: number; updated: number; kept: number; addedNames: string[] };

/** How many added names the result lists; the rest are counted. */
export const ADDED_NAMES_SHOWN = 200;
/** How many validation issues travel back; the count says how many there were. */
export const ISSUES_SENT = 100;
/** How many conflicts the preview shows one by one; the rest follow the choice for all. */
export const CONFLICTS_SENT = 100;
