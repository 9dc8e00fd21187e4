/**
 * The import channel: a pack file travels from the manager to the background
 * over one `runtime.Port`, in slices of text, and progress comes back over the
 * same port. A port rather than one message because a 100,000-entity pack is
 * tens of megabytes: one message would stall the manager's main thread while
 * it is serialised, and could show no progress. Closing the manager before
 * the `end` slice drops everything received: nothing is written.
 */
import type { PackIssue } from '../core/pack';

export const IMPORT_PORT = 'backstory-import';

/** Text slice size: small enough that posting one never blocks the page for long. */
export const IMPORT_SLICE_CHARS = 1_000_000;

/** Larger files are refused before anything is read into the background. */
export const MAX_PACK_CHARS = 200_000_000;

export type ImportUp =
  | { kind: 'slice'; text: string }
  /** The whole file was sent; `chars` lets the background check nothing was lost. */
  | { kind: 'end'; chars: number };

export type ImportPhase = 'checking' | 'writing';

export type ImportDown =
  /** A slice arrived; the client sends the next one only then, so slices never pile up. */
  | { kind: 'received'; chars: number }
  | { kind: 'progress'; phase: ImportPhase; done: number; total: number }
  | { kind: 'invalid'; issues: PackIssue[]; total: number }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; added: number; kept: number; addedNames: string[] };

/** How many added names the result lists; the rest are counted. */
export const ADDED_NAMES_SHOWN = 200;
/** How many validation issues travel back; the count says how many there were. */
export const ISSUES_SENT = 100;
