/**
 * The import channel: a pack file travels from the manager to the background
 * over one `runtime.Port`, in slices of text, and progress comes back over the
 * same port. A port rather than one message because a 100,000-entity pack is
 * tens of megabytes: one message would stall the manager's main thread while
 * it is serialised, and could show no progress.
 *
 * After the last slice the background answers with a preview (what is new,
 * changed, unchanged, in conflict, and what is invalid) and waits: the
 * manager accepts (saying which conflicts take the file's version) or
 * cancels. Closing the manager before accepting writes nothing.
 */
import type { PlanCounts } from '../core/import-plan';
import type { Entity } from '../core/entity';
import type { PackIssue } from '../core/pack';

export const IMPORT_PORT = 'backstory-import';

/** Text slice size: small enough that posting one never blocks the page for long. */
export const IMPORT_SLICE_CHARS = 1_000_000;

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

export type ImportPhase = 'fetching' | 'checking' | 'writing';

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
  /** A slice arrived; the client sends the next one only then, so slices never pile up. */
  | { kind: 'received'; chars: number }
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
