/**
 * The page's text for the popup's names without a note (tab-protocol.ts),
 * read only when the background asks, that is when the reader opens the
 * list: a reader who never does pays nothing for it. The same collector as
 * the marks' (text-index.ts), over the top document and its open shadow
 * roots, in slices, so a large page is read without a long task; the names
 * are then found in the background, off this thread.
 *
 * It is read again rather than kept from the last scan: keeping it would
 * hold up to a megabyte per frame in every tab for readers who never ask,
 * would be stale after a live page's changes, and a page with nothing to
 * mark (or no notes at all) has no scan to keep.
 */
import { NAMES_LIMITS } from '../core/limits';
import { SEPARATOR, TextCollector, type CollectOptions } from './text-index';
import { sliceTimer, yieldToMain } from './yield';

const SLICE_MS = 16;

export interface PageText {
  text: string;
  truncated: boolean;
}

/**
 * Line breaks in the page's source (`<p>Margrethe\n  Vestager</p>`) are
 * white space on screen, but the finder takes every line break for a block
 * edge (core/names-text.ts): they become spaces, and only the collector's
 * NUL ends a block, as in the bench's HTML-to-text (bench/html-text.ts).
 * The same length, so nothing else moves.
 */
export function sourceBreaksAsSpaces(text: string): string {
  return text.replace(/[\n\r\u2028\u2029\v\f]/g, ' ');
}

/**
 * `text` cut to at most `max` characters, just before the last block edge
 * that fits (a name is never cut in two), or at `max` when there is none.
 */
export function capText(text: string, max = NAMES_LIMITS.text): PageText {
  if (text.length <= max) return { text, truncated: false };
  const edge = text.lastIndexOf(SEPARATOR, max);
  return { text: text.slice(0, edge > 0 ? edge : max), truncated: true };
}

export async function readPageText(
  doc: Document,
  options: Pick<CollectOptions, 'isOwnUi'>,
  signal: AbortSignal,
): Promise<PageText> {
  if (!doc.body) return { text: '', truncated: false };
  const collector = new TextCollector([doc.body], options);
  while (!collector.run(sliceTimer(SLICE_MS))) {
    await yieldToMain();
    if (signal.aborted) return { text: '', truncated: false };
  }
  return capText(sourceBreaksAsSpaces(collector.result().text));
}
